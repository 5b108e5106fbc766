/** Participation methods of a phase. */
export const phaseMethods = [
  'ideation',
  'survey',
  'voting',
  'information',
  'poll',
  'volunteering',
] as const;
export type PhaseMethod = (typeof phaseMethods)[number];

/** How votes are cast in a voting phase. */
export const votingMethods = ['single', 'multiple', 'budget'] as const;
export type VotingMethod = (typeof votingMethods)[number];
