import { eq } from 'drizzle-orm';
import type { UserIdInput } from '@samrad/core';
import { users } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { lockUser, type UserStatusView } from './target-user.js';

/**
 * Makes an account active (the guard decided `user.manage`): a pending one, where the platform
 * requires approval (SPEC 2.4), or a blocked one — the way back from `users.block`. Already
 * active: nothing changes. Audited with the change.
 */
export async function approveUser(
  ctx: Context & { user: SessionUser },
  input: UserIdInput,
): Promise<UserStatusView> {
  return ctx.db.transaction(async (tx) => {
    const target = await lockUser(tx, ctx.platform.id, input.id);
    if (target.status === 'active') return target;
    await tx.update(users).set({ status: 'active' }).where(eq(users.id, target.id));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'user.approve',
      targetType: 'user',
      targetId: target.id,
      before: { status: target.status },
      after: { status: 'active' },
    });
    return { id: target.id, status: 'active' as const };
  });
}
