import { and, asc, eq, type SQL } from 'drizzle-orm';
import { decide, type ListPhasesInput } from '@samrad/core';
import { phases } from '@samrad/db';
import { decisionEnv, type GrantedProject } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';
import {
  phaseViewColumns,
  toPhaseView,
  type ManagedParticipation,
  type PhaseView,
  type PublicParticipation,
} from './phase-view.js';

/**
 * A project's phases in the order they run, once the guard decided `project.read`. Each carries
 * its participation settings: whole for those who may `phase.manage` the project, the public
 * part for everyone else. One query per page.
 */
export async function listPhases(
  ctx: Context,
  input: ListPhasesInput,
  project: GrantedProject,
): Promise<{
  items: PhaseView<PublicParticipation | ManagedParticipation>[];
  nextCursor: string | null;
}> {
  const managed = decide(
    await ctx.subject(),
    'phase.manage',
    { type: 'project', project },
    decisionEnv(ctx),
  ).allowed;
  const conditions: SQL[] = [
    eq(phases.platformId, ctx.platform.id),
    eq(phases.projectId, project.id),
  ];
  if (input.cursor) {
    conditions.push(afterCursor(phases.startAt, phases.id, input.cursor, 'oldest first'));
  }
  const rows = await ctx.db
    .select(phaseViewColumns(managed))
    .from(phases)
    .where(and(...conditions))
    .orderBy(asc(phases.startAt), asc(phases.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.startAtKey, row.id],
    (row) => toPhaseView(row),
  );
}
