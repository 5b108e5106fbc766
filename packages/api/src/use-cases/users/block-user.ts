import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { UserIdInput } from '@samrad/core';
import { sessions, users } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { lockAdmins } from '../roles/role-scope.js';
import { lockUser, refuseSelf, type UserStatusView } from './target-user.js';

/**
 * Blocks an account (the guard decided `user.manage`): from now on a visitor everywhere (SPEC
 * 2.4), and every session it holds ends in the same transaction, so no open tab keeps acting.
 * Never the caller, never the platform's last active admin (SPEC 2.1). Audited.
 */
export async function blockUser(
  ctx: Context & { user: SessionUser },
  input: UserIdInput,
): Promise<UserStatusView> {
  refuseSelf(ctx.user.id, input.id, 'block');
  return ctx.db.transaction(async (tx) => {
    // Admins first, as roles.revoke locks them: two admins blocking each other must not race.
    const admins = await lockAdmins(tx, ctx.platform.id);
    const target = await lockUser(tx, ctx.platform.id, input.id);
    if (target.status === 'blocked') return target;
    if (admins.includes(target.id)) {
      const others = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, admins), eq(users.status, 'active'), ne(users.id, target.id)))
        .limit(1);
      if (others.length === 0) {
        throw new AppError(
          'CONFLICT',
          'id: the last active platform admin cannot be blocked',
          'last_admin',
        );
      }
    }
    await tx.update(users).set({ status: 'blocked' }).where(eq(users.id, target.id));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'user.block',
      targetType: 'user',
      targetId: target.id,
      before: { status: target.status },
      after: { status: 'blocked', sessionsRevoked: revoked.length },
    });
    return { id: target.id, status: 'blocked' as const };
  });
}
