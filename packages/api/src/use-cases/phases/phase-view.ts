import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type {
  DataCollection,
  LocalizedText,
  ParticipationAction,
  PermittedBy,
  PhaseMethod,
  VotingMethod,
} from '@samrad/core';
import {
  participationExtraQuestions,
  participationSettingGroups,
  participationSettings,
  phases,
  type Database,
} from '@samrad/db';
import { notFound } from '../../errors.js';

/** What everyone who sees the project sees of an enabled action: how to take part in it. */
export interface PublicParticipation {
  action: ParticipationAction;
  permittedBy: PermittedBy;
  dataCollection: DataCollection;
  maxPerPerson: number | null;
  /** Written by the managers for residents who are refused. */
  refusalMessage: LocalizedText | null;
}

/** What those who may manage the phase see: every setting, with its groups and extra questions. */
export interface ManagedParticipation extends PublicParticipation {
  enabled: boolean;
  groupIds: string[];
  extraQuestionIds: string[];
}

export interface PhaseView<P extends PublicParticipation = PublicParticipation> {
  id: string;
  projectId: string;
  title: LocalizedText;
  description: LocalizedText;
  method: PhaseMethod;
  startAt: string;
  endAt: string | null;
  votingMethod: VotingMethod | null;
  votingMaxChoices: number | null;
  votingBudget: number | null;
  reverificationDays: number | null;
  participation: P[];
}

const s = participationSettings;
const g = participationSettingGroups;
const q = participationExtraQuestions;

/**
 * A column named with its table. Drizzle leaves columns bare in a query on one table, where a
 * correlated subquery would take the outer `id` for its own.
 */
export const outer = (table: PgTable, column: PgColumn) =>
  sql`${table}.${sql.identifier(column.name)}`;

const publicFields = sql`'action', ${s.action}, 'permittedBy', ${s.permittedBy},
  'dataCollection', ${s.dataCollection}, 'maxPerPerson', ${s.maxPerPerson},
  'refusalMessage', ${s.refusalMessage}`;

const managedFields = sql`${publicFields}, 'enabled', ${s.enabled},
  'groupIds', (select coalesce(json_agg(${g.groupId} order by ${g.groupId}), '[]')
    from ${g} where ${g.settingId} = ${outer(s, s.id)}),
  'extraQuestionIds', (select coalesce(json_agg(${q.questionId} order by ${q.questionId}), '[]')
    from ${q} where ${q.settingId} = ${outer(s, s.id)})`;

/**
 * A phase's settings in the same query as the phase (a correlated subquery), so a page of phases
 * costs one round trip. Those who do not manage it see enabled actions only, without the groups
 * and questions that restrict them.
 */
function participationOf(managed: boolean) {
  return sql<PublicParticipation[]>`(select coalesce(json_agg(json_build_object(${
    managed ? managedFields : publicFields
  }) order by ${s.action}), '[]')
    from ${s} where ${s.phaseId} = ${outer(phases, phases.id)}${managed ? sql`` : sql` and ${s.enabled}`})`;
}

/** Columns selected explicitly: the view and the keyset cursor's exact start time. */
export function phaseViewColumns(managed: boolean) {
  return {
    id: phases.id,
    projectId: phases.projectId,
    title: phases.title,
    description: phases.description,
    method: phases.method,
    startAt: phases.startAt,
    endAt: phases.endAt,
    votingMethod: phases.votingMethod,
    votingMaxChoices: phases.votingMaxChoices,
    votingBudget: phases.votingBudget,
    reverificationDays: phases.reverificationDays,
    participation: participationOf(managed),
    /** The exact stored time as text, for keyset cursors without losing microseconds. */
    startAtKey: sql<string>`${phases.startAt}::text`,
  };
}

type PhaseRow = Omit<PhaseView, 'startAt' | 'endAt'> & {
  startAt: Date;
  endAt: Date | null;
  startAtKey: string;
};

export function toPhaseView<P extends PublicParticipation>(row: PhaseRow): PhaseView<P> {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    description: row.description,
    method: row.method,
    startAt: row.startAt.toISOString(),
    endAt: row.endAt?.toISOString() ?? null,
    votingMethod: row.votingMethod,
    votingMaxChoices: row.votingMaxChoices,
    votingBudget: row.votingBudget,
    reverificationDays: row.reverificationDays,
    participation: row.participation as P[],
  };
}

/** One phase as its managers see it: what mutations return and audit. */
export async function readManagedPhase(
  db: Database,
  platformId: string,
  id: string,
): Promise<PhaseView<ManagedParticipation>> {
  const [row] = await db
    .select(phaseViewColumns(true))
    .from(phases)
    .where(and(eq(phases.platformId, platformId), eq(phases.id, id)));
  if (!row) throw notFound('Phase');
  return toPhaseView(row);
}

/** One action's setting as its managers see it, or null when the phase has none for it. */
export async function readManagedSetting(
  db: Database,
  phaseId: string,
  action: ParticipationAction,
): Promise<ManagedParticipation | null> {
  const [row] = await db
    .select({ setting: sql<ManagedParticipation>`json_build_object(${managedFields})` })
    .from(s)
    .where(and(eq(s.phaseId, phaseId), eq(s.action, action)));
  return row?.setting ?? null;
}
