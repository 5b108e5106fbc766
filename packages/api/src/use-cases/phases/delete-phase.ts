import { and, eq } from 'drizzle-orm';
import type { DeletePhaseInput } from '@samrad/core';
import { phases } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { notFound } from '../../errors.js';
import { readManagedPhase } from './phase-view.js';

/**
 * Deletes a phase with what hangs on it (its settings and contributions go with it, by the
 * schema's cascades), once the guard decided `phase.manage`. The audit entry keeps the phase and
 * its settings as they were: the log outlives what it describes.
 */
export async function deletePhase(
  ctx: Context & { user: SessionUser },
  input: DeletePhaseInput,
): Promise<{ id: string }> {
  const platformId = ctx.platform.id;
  return ctx.db.transaction(async (tx) => {
    const thePhase = and(eq(phases.platformId, platformId), eq(phases.id, input.id));
    // Locked first, so the settings recorded are those deleted (`setParticipation` waits).
    const [locked] = await tx.select({ id: phases.id }).from(phases).where(thePhase).for('update');
    if (!locked) throw notFound('Phase');
    const before = await readManagedPhase(tx, platformId, locked.id);
    await tx.delete(phases).where(thePhase);
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'phase.delete',
      targetType: 'phase',
      targetId: locked.id,
      projectId: before.projectId,
      before,
      after: null,
    });
    return locked;
  });
}
