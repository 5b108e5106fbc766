import { and, eq, ne, sql } from 'drizzle-orm';
import { phases, projects, type Database } from '@samrad/db';
import { AppError, notFound } from '../../errors.js';

/**
 * Takes the project's timeline for the transaction: two changes to a project's phases cannot
 * both pass the overlap check. Taken before any phase row, so locks are always taken in one order.
 */
export async function lockTimeline(tx: Database, projectId: string): Promise<void> {
  const [project] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.id, projectId))
    .for('update');
  if (!project) throw notFound('Project');
}

/**
 * Phases of a project run one after another (SPEC 1: "ordered"; SPEC 8 shows *the* current
 * phase), so their periods may touch but not overlap; an open-ended phase runs forever. Call
 * with the timeline locked.
 */
export async function refuseOverlap(
  tx: Database,
  phase: { projectId: string; startAt: Date; endAt: Date | null; exceptId?: string },
): Promise<void> {
  const [clash] = await tx
    .select({ id: phases.id, startAt: phases.startAt, endAt: phases.endAt })
    .from(phases)
    .where(
      and(
        eq(phases.projectId, phase.projectId),
        phase.exceptId === undefined ? undefined : ne(phases.id, phase.exceptId),
        // Half-open periods [start, end): one may start the instant another ends.
        sql`tstzrange(${phases.startAt}, ${phases.endAt}) && tstzrange(${phase.startAt.toISOString()}::timestamptz, ${phase.endAt?.toISOString() ?? null}::timestamptz)`,
      ),
    )
    .limit(1);
  if (clash) {
    throw new AppError(
      'CONFLICT',
      `startAt: phases of a project may not overlap; this one would overlap phase ${clash.id} (${clash.startAt.toISOString()} – ${clash.endAt?.toISOString() ?? 'open-ended'})`,
    );
  }
}
