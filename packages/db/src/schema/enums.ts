import { pgEnum } from 'drizzle-orm/pg-core';
import {
  dataCollections,
  fileFolderRights,
  groupKinds,
  invitationStatuses,
  joinRequestStatuses,
  participationActions,
  permittedBy,
  phaseMethods,
  projectVisibilities,
  publicationStatuses,
  reactionKinds,
  registrationQuestionTypes,
  reviewStatuses,
  roles,
  scopeTypes,
  surveyQuestionTypes,
  userStatuses,
  usernameFormats,
  votingMethods,
  builtInGroups,
} from '@samrad/core';

// The database's enums are generated from the domain's closed sets, so they cannot drift.
export const userStatus = pgEnum('user_status', userStatuses);
export const usernameFormat = pgEnum('username_format', usernameFormats);
export const role = pgEnum('role', roles);
export const scopeType = pgEnum('scope_type', scopeTypes);
export const publicationStatus = pgEnum('publication_status', publicationStatuses);
export const projectVisibility = pgEnum('project_visibility', projectVisibilities);
export const reviewStatus = pgEnum('review_status', reviewStatuses);
export const joinRequestStatus = pgEnum('join_request_status', joinRequestStatuses);
export const invitationStatus = pgEnum('invitation_status', invitationStatuses);
export const phaseMethod = pgEnum('phase_method', phaseMethods);
export const votingMethod = pgEnum('voting_method', votingMethods);
export const participationAction = pgEnum('participation_action', participationActions);
export const permittedByEnum = pgEnum('permitted_by', permittedBy);
export const dataCollection = pgEnum('data_collection', dataCollections);
export const reactionKind = pgEnum('reaction_kind', reactionKinds);
export const groupKind = pgEnum('group_kind', groupKinds);
export const builtInGroup = pgEnum('built_in_group', builtInGroups);
export const fileFolderRight = pgEnum('file_folder_right', fileFolderRights);
export const registrationQuestionType = pgEnum(
  'registration_question_type',
  registrationQuestionTypes,
);
export const surveyQuestionType = pgEnum('survey_question_type', surveyQuestionTypes);
export const sessionKind = pgEnum('session_kind', ['session', 'participation']);
export const emailCodePurpose = pgEnum('email_code_purpose', [
  'confirm_email',
  'reset_password',
  'change_email',
]);
export const accountKind = pgEnum('account_kind', ['full', 'light']);
export const moderationStatus = pgEnum('moderation_status', ['visible', 'hidden']);
export const assessmentStatus = pgEnum('assessment_status', [
  'pending',
  'in_review',
  'accepted',
  'rejected',
]);
export const membershipSource = pgEnum('membership_source', ['request', 'invitation', 'added']);
