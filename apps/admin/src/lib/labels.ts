import type {
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
