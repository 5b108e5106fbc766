import type {
  DataCollection,
  ParticipationAction,
  PermittedBy,
  PhaseMethod,
  ProjectVisibility,
  PublicationStatus,
  Role,
  ScopeType,
} from '@samrad/core';

export const roleLabels: Record<Role, string> = {
  admin: 'Platform admin',
  folder_manager: 'Folder manager',
  project_manager: 'Project manager',
  project_moderator: 'Project moderator',
  project_reviewer: 'Project reviewer',
};

export const scopeNouns: Record<ScopeType, [one: string, many: string]> = {
  platform: ['platform', 'platforms'],
  folder: ['folder', 'folders'],
  project: ['project', 'projects'],
};

export const statusLabels: Record<PublicationStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived',
};

export const visibilityLabels: Record<ProjectVisibility, string> = {
  everyone: 'Everyone',
  managers: 'Admins and managers',
  groups: 'Selected groups',
};

export const methodLabels: Record<PhaseMethod, string> = {
  ideation: 'Ideation',
  survey: 'Survey',
  voting: 'Voting',
  information: 'Information',
  poll: 'Poll',
  volunteering: 'Volunteering',
};

export const actionLabels: Record<ParticipationAction, string> = {
  post: 'Post inputs',
  comment: 'Comment',
  react: 'React',
  vote: 'Vote',
  survey: 'Answer the survey',
  poll: 'Answer the poll',
  volunteer: 'Volunteer',
  attend: 'Register for events',
};

export const permittedByLabels: Record<PermittedBy, string> = {
  managers: 'Managers only',
  everyone: 'Everyone, no sign-in',
  confirmed_email: 'Confirmed e-mail',
  account: 'Account',
  verified: 'Verified identity',
};

export const dataCollectionLabels: Record<DataCollection, string> = {
  all: 'All data',
  demographics: 'Demographics only',
  anonymous: 'Full anonymity',
};
