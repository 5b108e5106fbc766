import { decide, type RevokeRoleInput, type ScopeFacts } from '@samrad/core';
import { roleAssignments } from '@samrad/db';
import { enforce, scopeColumns } from '../../access/guard.js';
import { decisionEnv } from '../../access/guards.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { notFound } from '../../errors.js';
import { lockAdmins, onScope, weakestRole } from './role-scope.js';

/** Takes a user's role on a scope away; never the platform's last admin (SPEC 2.1). Audited. */
export async function revokeRole(
  ctx: Context & { user: SessionUser },
  input: RevokeRoleInput,
  scope: ScopeFacts,
): Promise<{ ok: true }> {
  const subject = await ctx.subject();
  const env = decisionEnv(ctx);
  return ctx.db.transaction(async (tx) => {
    const admins = input.scope.type === 'platform' ? await lockAdmins(tx, ctx.platform.id) : [];
    const [existing] = await tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(onScope(input.userId, input.scope))
      .for('update');
    // Whether someone holds a role here is told only to those who may manage roles here.
    const role = existing?.role ?? weakestRole[input.scope.type];
    const isLastAdmin = role === 'admin' && admins.length === 1 && admins[0] === input.userId;
    enforce(
      decide(subject, 'role.revoke', { type: 'role', role: { scope, role, isLastAdmin } }, env),
    );
    if (!existing) throw notFound('Role assignment');
    await tx.delete(roleAssignments).where(onScope(input.userId, input.scope));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'role.revoke',
      targetType: 'user',
      targetId: input.userId,
      ...scopeColumns(input.scope),
      before: { role: existing.role, scope: input.scope },
      after: null,
    });
    return { ok: true as const };
  });
}
