import { and, eq, sql } from 'drizzle-orm';
import {
  decideParticipation,
  localize,
  type DataCollection,
  type Decision,
  type ParticipationAction,
  type ParticipationReason,
  type ParticipationSettingFacts,
  type Subject,
} from '@samrad/core';
import {
  participationExtraQuestions,
  participationMarkers,
  participationSettingGroups,
  participationSettings,
  registrationQuestions,
} from '@samrad/db';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import type { Guard, GrantedProject } from './guards.js';
import { onPhase, type GrantedPhase } from './phase-guard.js';

/** A phase's setting for one action, as stored: the policy's facts and what it collects. */
export interface StoredSetting {
  id: string;
  facts: ParticipationSettingFacts;
  dataCollection: DataCollection;
  refusalMessage: Record<string, string> | null;
}

/** A phase as participation sees it: its project, its settings, and what the caller did. */
export interface PhaseParticipation {
  phase: GrantedPhase;
  project: GrantedProject;
  settings: Map<ParticipationAction, StoredSetting>;
  /** The caller's keyed hash in this phase (markers, SPEC 4.4); null for a visitor. */
  subjectHash: string | null;
  /** How often the caller already did each action here. */
  priorCounts: Map<ParticipationAction, number>;
}

/**
 * The double envelope's key (SPEC 4.4): who took part is held as a keyed hash of (user, phase),
 * under the server's secret the database does not hold, so no marker names anyone and markers of
 * two phases cannot be matched.
 */
export const markerHash = (ctx: Context, phaseId: string, userId: string) =>
  ctx.keys.keyedHash('participation-marker', phaseId, userId);

/** The phase (visible to the caller, else NOT_FOUND), its settings and the caller's markers. */
export async function loadPhaseParticipation(
  ctx: Context,
  phaseId: string,
): Promise<PhaseParticipation> {
  const { phase, project } = await onPhase('project.read', () => phaseId).check(ctx, undefined);
  const rows = await ctx.db
    .select({
      id: participationSettings.id,
      action: participationSettings.action,
      enabled: participationSettings.enabled,
      permittedBy: participationSettings.permittedBy,
      dataCollection: participationSettings.dataCollection,
      maxPerPerson: participationSettings.maxPerPerson,
      refusalMessage: participationSettings.refusalMessage,
      groupIds: sql<
        string[]
      >`coalesce((select array_agg(g.group_id) from ${participationSettingGroups} g
        where g.setting_id = ${participationSettings.id}), '{}')`,
      extraQuestionIds: sql<
        string[]
      >`coalesce((select array_agg(q.question_id) from ${participationExtraQuestions} q
        where q.setting_id = ${participationSettings.id}), '{}')`,
      // SPEC 4.5: an account answers the platform's required questions at sign-up.
      requiredQuestionIds: sql<
        string[]
      >`coalesce((select array_agg(r.id) from ${registrationQuestions} r
        where r.platform_id = ${ctx.platform.id} and r.enabled and r.required), '{}')`,
    })
    .from(participationSettings)
    .where(eq(participationSettings.phaseId, phase.id));
  const settings = new Map<ParticipationAction, StoredSetting>(
    rows.map((row) => [
      row.action,
      {
        id: row.id,
        dataCollection: row.dataCollection,
        refusalMessage: row.refusalMessage,
        facts: {
          enabled: row.enabled,
          permittedBy: row.permittedBy,
          groupIds: row.groupIds,
          requiredQuestionIds: [
            ...(row.permittedBy === 'account' || row.permittedBy === 'verified'
              ? row.requiredQuestionIds
              : []),
            ...row.extraQuestionIds,
          ],
          maxPerPerson: row.maxPerPerson,
        },
      },
    ]),
  );
  const user = ctx.viewer.user;
  const subjectHash = user ? markerHash(ctx, phase.id, user.id) : null;
  const markers = subjectHash
    ? await ctx.db
        .select({ action: participationMarkers.action, count: participationMarkers.count })
        .from(participationMarkers)
        .where(
          and(
            eq(participationMarkers.phaseId, phase.id),
            eq(participationMarkers.subjectHash, subjectHash),
          ),
        )
    : [];
  return {
    phase,
    project,
    settings,
    subjectHash,
    priorCounts: new Map(markers.map((m) => [m.action, m.count])),
  };
}

/** May the caller do `action` in this phase now? The policy's answer with its SPEC 4.3 reason. */
export function decideIn(
  subject: Subject,
  participation: PhaseParticipation,
  action: ParticipationAction,
  /** The act is one already counted (a reaction changed or taken back): not a new one. */
  alreadyCounted = false,
): Decision<ParticipationReason> {
  const { phase, project } = participation;
  return decideParticipation(subject, {
    project,
    phase: {
      startAt: phase.startAt,
      endAt: phase.endAt,
      reverificationDays: phase.reverificationDays,
    },
    action,
    setting: participation.settings.get(action)?.facts,
    priorCount: Math.max(
      0,
      (participation.priorCounts.get(action) ?? 0) - (alreadyCounted ? 1 : 0),
    ),
    now: new Date(),
  });
}

/**
 * The API error of a participation refusal, carrying its reason in `error.data.reason`: an
 * invisible project is NOT_FOUND like any, no sign-in is UNAUTHORIZED, the rest FORBIDDEN with
 * the managers' own text for residents when they wrote one.
 */
export function participationDenial(
  ctx: Context,
  decision: Decision<ParticipationReason>,
  setting: StoredSetting | undefined,
): AppError {
  const reason = decision.reason ?? 'action_not_enabled';
  if (reason === 'project_not_visible') return new AppError('NOT_FOUND', 'Not found');
  const custom = setting?.refusalMessage
    ? localize(setting.refusalMessage, ctx.platform.defaultLocale, ctx.platform.locales)
    : null;
  const message = custom || decision.trace.at(-1) || reason;
  return new AppError(reason === 'not_signed_in' ? 'UNAUTHORIZED' : 'FORBIDDEN', message, reason);
}

/**
 * Taking part in a phase (SPEC 4.2, 4.3): the policy decides with every fact of the phase and
 * what the caller already did; a refusal carries its reason. The resolver gets the phase, the
 * setting and the caller's marker hash.
 */
export function toParticipate<TInput>(
  action: ParticipationAction,
  phaseIdOf: (input: TInput) => string,
  alreadyCounted: (ctx: Context, input: TInput) => Promise<boolean> = () => Promise.resolve(false),
): Guard<TInput, { participation: PhaseParticipation; setting: StoredSetting }> {
  return {
    access: `participation.${action} (decideParticipation, SPEC 4.3 reasons)`,
    async check(ctx, input) {
      const participation = await loadPhaseParticipation(ctx, phaseIdOf(input));
      const setting = participation.settings.get(action);
      const decision = decideIn(
        await ctx.subject(),
        participation,
        action,
        await alreadyCounted(ctx, input),
      );
      if (!decision.allowed || !setting) throw participationDenial(ctx, decision, setting);
      return { participation, setting };
    },
  };
}

/** A phase the caller can see, with what participation needs to decide each action in it. */
export function onPhaseParticipation<TInput>(
  phaseIdOf: (input: TInput) => string,
): Guard<TInput, { participation: PhaseParticipation }> {
  return {
    access: 'project.read (on the phase’s project); each action by decideParticipation',
    async check(ctx, input) {
      return { participation: await loadPhaseParticipation(ctx, phaseIdOf(input)) };
    },
  };
}
