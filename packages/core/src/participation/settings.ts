/** Participation actions a phase may enable (SPEC 4.1). */
export const participationActions = [
  'post',
  'comment',
  'react',
  'vote',
  'survey',
  'poll',
  'volunteer',
  'attend',
] as const;
export type ParticipationAction = (typeof participationActions)[number];

/** Who may act (SPEC 4.2); `everyone` (no sign-in) is valid for surveys only. */
export const permittedBy = [
  'managers',
  'everyone',
  'confirmed_email',
  'account',
  'verified',
] as const;
export type PermittedBy = (typeof permittedBy)[number];

/** Data collected about participants (SPEC 4.4). */
export const dataCollections = ['all', 'demographics', 'anonymous'] as const;
export type DataCollection = (typeof dataCollections)[number];

/** Reactions on inputs. */
export const reactionKinds = ['up', 'down'] as const;
export type ReactionKind = (typeof reactionKinds)[number];
