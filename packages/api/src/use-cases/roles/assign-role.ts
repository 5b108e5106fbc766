import { decide, type AssignRoleInput, type ScopeFacts } from '@samrad/core';
import { roleAssignments } from '@samrad/db';
import { enforce, scopeColumns } from '../../access/guard.js';
import { decisionEnv } from '../../access/guards.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { onScope, requireUser, type RoleAssignmentView } from './role-scope.js';

/**
 * Gives a user a role on a scope; one role per user per scope, so a different role there is
 * replaced — which needs the right to revoke it too (SPEC 2). Audited in the same transaction.
 */
export async function assignRole(
  ctx: Context & { user: SessionUser },
  input: AssignRoleInput,
  scope: ScopeFacts,
): Promise<RoleAssignmentView> {
  const subject = await ctx.subject();
  const env = decisionEnv(ctx);
  await requireUser(ctx.db, ctx.platform.id, input.userId);
  const view: RoleAssignmentView = { userId: input.userId, role: input.role, scope: input.scope };
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(onScope(input.userId, input.scope))
      .for('update');
    if (existing?.role === input.role) return view;
    if (existing) {
      enforce(
        decide(subject, 'role.revoke', { type: 'role', role: { scope, role: existing.role } }, env),
      );
      await tx.delete(roleAssignments).where(onScope(input.userId, input.scope));
    }
    await tx.insert(roleAssignments).values({
      platformId: ctx.platform.id,
      userId: input.userId,
      role: input.role,
      scopeType: input.scope.type,
      ...scopeColumns(input.scope),
      grantedBy: ctx.user.id,
    });
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'role.assign',
      targetType: 'user',
      targetId: input.userId,
      ...scopeColumns(input.scope),
      before: existing ? { role: existing.role, scope: input.scope } : null,
      after: { role: input.role, scope: input.scope },
    });
    return view;
  });
}
