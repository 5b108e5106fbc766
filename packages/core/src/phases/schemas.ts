import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import {
  dataCollections,
  participationActions,
  permittedBy,
  type ParticipationAction,
} from '../participation/settings.js';
import { Id } from '../projects/schemas.js';
import { phaseMethods, votingMethods, type PhaseMethod, type VotingMethod } from './methods.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/**
 * SPEC 4.1: the participation actions each method can offer. Registering for an event fits every
 * method, since events belong to the project and may run during any phase.
 */
export const actionsOfMethod = {
  ideation: ['post', 'comment', 'react', 'attend'],
  survey: ['survey', 'attend'],
  voting: ['vote', 'comment', 'attend'],
  information: ['attend'],
  poll: ['poll', 'attend'],
  volunteering: ['volunteer', 'attend'],
} as const satisfies Record<PhaseMethod, readonly ParticipationAction[]>;

/**
 * What a new phase offers before its managers change anything: its method's own actions, open to
 * full accounts (the settings' defaults), so a phase works once created. Events are opted into.
 */
export const defaultActionsOfMethod = {
  ideation: ['post', 'comment', 'react'],
  survey: ['survey'],
  voting: ['vote'],
  information: [],
  poll: ['poll'],
  volunteering: ['volunteer'],
} as const satisfies { [M in PhaseMethod]: readonly (typeof actionsOfMethod)[M][number][] };

export function methodOffers(method: PhaseMethod, action: ParticipationAction): boolean {
  return (actionsOfMethod[method] as readonly ParticipationAction[]).includes(action);
}

/** SPEC 4.2: "no sign-in" is valid for survey answers only. */
export const noSignInAction = 'survey' satisfies ParticipationAction;

/**
 * SPEC 4.4: the contributions that can be stored with nothing leading to the person (inputs,
 * comments, votes, survey and poll responses). Reactions, volunteering and event registrations
 * are one person's by nature, so collecting less than everything cannot be promised for them.
 */
export const actionsWithoutAuthor: readonly ParticipationAction[] = [
  'post',
  'comment',
  'vote',
  'survey',
  'poll',
];

/** Cross-field checks run on a valid object only: before that, its fields are not yet typed. */
export const whenValid = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};

/** An instant as JSON carries it: ISO 8601 with a zone ("2026-05-01T08:00:00Z"). */
export const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** The settings of a phase that must agree with each other (the database checks them too). */
export interface PhaseSettings {
  method: PhaseMethod;
  startAt: Date;
  endAt: Date | null;
  votingMethod: VotingMethod | null;
  votingMaxChoices: number | null;
  votingBudget: number | null;
}

/**
 * The first way the settings disagree, as the field to blame and why, or null. Used on the input
 * of `phases.create` and on the merged row of `phases.update`, so both refuse alike.
 */
export function phaseSettingsProblem(
  phase: PhaseSettings,
): { field: keyof PhaseSettings; message: string } | null {
  if (phase.endAt !== null && phase.endAt.getTime() <= phase.startAt.getTime()) {
    return { field: 'endAt', message: 'must be after startAt' };
  }
  if (phase.method === 'voting' && phase.votingMethod === null) {
    return { field: 'votingMethod', message: 'required for a voting phase' };
  }
  if (phase.method !== 'voting' && phase.votingMethod !== null) {
    return { field: 'votingMethod', message: 'only for voting phases' };
  }
  if (phase.votingMaxChoices !== null && phase.votingMethod !== 'multiple') {
    return { field: 'votingMaxChoices', message: 'only for multiple-choice voting' };
  }
  if (phase.votingMethod === 'budget' && phase.votingBudget === null) {
    return { field: 'votingBudget', message: 'required for budget voting' };
  }
  if (phase.votingBudget !== null && phase.votingMethod !== 'budget') {
    return { field: 'votingBudget', message: 'only for budget voting' };
  }
  return null;
}

const votingMaxChoices = z.number().int().min(1).max(1000);
// The column is a 32-bit integer.
const votingBudget = z.number().int().min(1).max(2_000_000_000);
/** SPEC 4.2: re-verification after this many days when the phase requires verification. */
const reverificationDays = z.number().int().min(1).max(3650);

export const ListPhasesInput = z
  .object({
    projectId: Id,
    /** The secret of a draft's preview link (SPEC 3.1), as `projects.get` takes it. */
    previewToken: z.string().min(1).max(200).optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
    /** Sent by tRPC's infinite queries; lists page forward only. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict();
export type ListPhasesInput = z.infer<typeof ListPhasesInput>;

export const CreatePhaseInput = z
  .object({
    projectId: Id,
    title: LocalizedTextInput,
    description: LocalizedTextInput.optional(),
    method: z.enum(phaseMethods),
    startAt: Instant,
    /** Absent or null: open-ended. */
    endAt: Instant.nullish(),
    votingMethod: z.enum(votingMethods).optional(),
    votingMaxChoices: votingMaxChoices.optional(),
    votingBudget: votingBudget.optional(),
    reverificationDays: reverificationDays.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = phaseSettingsProblem({
      method: input.method,
      startAt: input.startAt,
      endAt: input.endAt ?? null,
      votingMethod: input.votingMethod ?? null,
      votingMaxChoices: input.votingMaxChoices ?? null,
      votingBudget: input.votingBudget ?? null,
    });
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  }, whenValid);
export type CreatePhaseInput = z.infer<typeof CreatePhaseInput>;

/**
 * What may change on a phase; its project and method may not (a method's contributions would
 * not fit another). Null clears what may be absent; the merged row is checked by the use case.
 */
export const UpdatePhaseInput = z
  .object({
    id: Id,
    title: LocalizedTextInput.optional(),
    description: LocalizedTextInput.nullable().optional(),
    startAt: Instant.optional(),
    endAt: Instant.nullable().optional(),
    votingMethod: z.enum(votingMethods).optional(),
    votingMaxChoices: votingMaxChoices.nullable().optional(),
    votingBudget: votingBudget.nullable().optional(),
    reverificationDays: reverificationDays.nullable().optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdatePhaseInput = z.infer<typeof UpdatePhaseInput>;

export const DeletePhaseInput = z.object({ id: Id }).strict();
export type DeletePhaseInput = z.infer<typeof DeletePhaseInput>;

/** A list of ids where repeating one means nothing: kept once. */
const IdSet = z
  .array(Id)
  .max(50)
  .transform((ids) => [...new Set(ids)]);

/**
 * SPEC 4.2, 4.4: who may do one action in a phase. `enabled` and `permittedBy` are always
 * stated; the other fields keep their current value when absent (a new setting starts with no
 * groups, no extra questions, all data, no cap and no custom text).
 */
export const SetParticipationInput = z
  .object({
    phaseId: Id,
    action: z.enum(participationActions),
    enabled: z.boolean(),
    permittedBy: z.enum(permittedBy),
    /** Restricted to these groups: a member of any one qualifies; empty: no restriction. */
    groupIds: IdSet.optional(),
    dataCollection: z.enum(dataCollections).optional(),
    /** Registration questions asked on top of what the sign-in mode asks. */
    extraQuestionIds: IdSet.optional(),
    /** How often one person may act; null: no cap. */
    maxPerPerson: z.number().int().min(1).max(10_000).nullable().optional(),
    /** The managers' own text residents see when refused; null: none. */
    refusalMessage: LocalizedTextInput.nullable().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.permittedBy === 'everyone' && input.action !== noSignInAction) {
      ctx.addIssue({
        code: 'custom',
        path: ['permittedBy'],
        message: `no sign-in ("everyone") is allowed for ${noSignInAction} answers only, not for ${input.action}`,
      });
    }
    if (
      input.dataCollection !== undefined &&
      input.dataCollection !== 'all' &&
      !actionsWithoutAuthor.includes(input.action)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataCollection'],
        message: `${input.action} is always linked to the person: only "all" can be promised`,
      });
    }
  }, whenValid);
export type SetParticipationInput = z.infer<typeof SetParticipationInput>;
