import { and, eq } from 'drizzle-orm';
import { projectMembers } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { notFound } from '../../errors.js';

/**
 * Ends a membership: a member leaving (`membership.leave`, their own) or a manager removing one
 * (`membership.remove`, the guard decided `project.manageMembers`). Not a member: NOT_FOUND.
 * Audited with the change: who may read a members-only project's content is access (SPEC 7).
 */
export async function endMembership(
  ctx: Context & { user: SessionUser },
  membership: { projectId: string; userId: string },
  action: 'membership.leave' | 'membership.remove',
): Promise<{ ok: true }> {
  return ctx.db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(projectMembers)
      .where(
        and(
          eq(projectMembers.platformId, ctx.platform.id),
          eq(projectMembers.projectId, membership.projectId),
          eq(projectMembers.userId, membership.userId),
        ),
      )
      .returning({ source: projectMembers.source, joinedAt: projectMembers.joinedAt });
    if (!ended) throw notFound('Member');
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action,
      targetType: 'user',
      targetId: membership.userId,
      projectId: membership.projectId,
      before: { member: true, source: ended.source, joinedAt: ended.joinedAt.toISOString() },
      after: { member: false },
    });
    return { ok: true as const };
  });
}
