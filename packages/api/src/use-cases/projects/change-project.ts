import { and, eq } from 'drizzle-orm';
import { projects, type Database } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';

/**
 * Sets columns of a project locked by `lockProject` and writes the audit entry of the change
 * (SPEC 7) in the same transaction, so the row never changes without its record. The entry's
 * `after` is the columns set unless the use case records more (a review's decision).
 */
export async function changeProject(
  tx: Database,
  ctx: Context & { user: SessionUser },
  id: string,
  change: {
    action: string;
    set: Partial<typeof projects.$inferInsert>;
    before: unknown;
    after?: unknown;
  },
): Promise<void> {
  await tx
    .update(projects)
    .set(change.set)
    .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, id)));
  await writeAudit(tx, {
    platformId: ctx.platform.id,
    actor: ctx.user,
    action: change.action,
    targetType: 'project',
    targetId: id,
    projectId: id,
    before: change.before,
    after: change.after ?? change.set,
  });
}
