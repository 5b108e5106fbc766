import { eq } from 'drizzle-orm';
import type { UserIdInput } from '@samrad/core';
import { roleAssignments, users } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { scopeOf } from '../auth/get-me.js';
import { lockUser, refuseSelf } from './target-user.js';

/**
 * Deletes an account and its personal data (the guard decided `user.manage`): the database
 * cascades to sessions, answers, roles, memberships, reactions and registrations, and detaches
 * contributions, which stay without an author. An admin account goes only once its admin role is
 * revoked (SPEC 2.1), and never the caller's own.
 *
 * The audit entry survives: its target is no foreign key and its actor's is set null on deletion.
 * It keeps the roles that went with the account (SPEC 7 logs every change of roles) and nothing
 * that identifies the person.
 */
export async function deleteUser(
  ctx: Context & { user: SessionUser },
  input: UserIdInput,
): Promise<{ ok: true }> {
  refuseSelf(ctx.user.id, input.id, 'delete');
  return ctx.db.transaction(async (tx) => {
    // The lock on the user's row also holds back a role being granted to them meanwhile.
    const target = await lockUser(tx, ctx.platform.id, input.id);
    const held = await tx
      .select({
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        folderId: roleAssignments.folderId,
        projectId: roleAssignments.projectId,
      })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, target.id));
    if (held.some((grant) => grant.role === 'admin')) {
      throw new AppError('CONFLICT', 'id: revoke their admin role first (roles.revoke)');
    }
    await tx.delete(users).where(eq(users.id, target.id));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'user.delete',
      targetType: 'user',
      targetId: target.id,
      before: {
        status: target.status,
        roles: held.map((grant) => ({ role: grant.role, scope: scopeOf(grant) })),
      },
      after: null,
    });
    return { ok: true as const };
  });
}
