import { eq } from 'drizzle-orm';
import type { UpdateGroupInput } from '@samrad/core';
import { compositeGroupMembers, userGroups } from '@samrad/db';
import { loadGroup, type GrantedGroup } from '../../access/group-guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import {
  distinctIds,
  requireFreeName,
  requireManualGroups,
  requireValidRules,
} from './group-checks.js';
import { getGroupView, type GroupView } from './group-view.js';

/**
 * Renames, describes, re-rules a smart group or replaces the manual groups of a composite one
 * (SPEC 5; the guard decided `group.change`, so never a built-in group). Audited with what each
 * changed field was before.
 */
export async function updateGroup(
  ctx: Context & { user: SessionUser },
  input: UpdateGroupInput,
  granted: GrantedGroup,
): Promise<GroupView> {
  const { id, groupIds: newGroupIds, ...fields } = input;
  if (fields.rules && granted.kind !== 'smart') {
    throw new AppError('BAD_REQUEST', 'rules: only smart groups have rules');
  }
  if (newGroupIds && granted.kind !== 'composite') {
    throw new AppError('BAD_REQUEST', 'groupIds: only composite groups contain other groups');
  }
  const platformId = ctx.platform.id;
  const groupIds = newGroupIds && distinctIds(newGroupIds);
  await ctx.db.transaction(async (tx) => {
    const current = await loadGroup(tx, platformId, id, { lock: true });
    if (!current) throw notFound('Group');
    if (fields.name !== undefined) await requireFreeName(tx, platformId, fields.name, id);
    if (fields.rules) await requireValidRules(tx, platformId, fields.rules);
    if (groupIds) await requireManualGroups(tx, platformId, groupIds);
    const before: Record<string, unknown> = Object.fromEntries(
      Object.keys(fields).map((key) => [key, current[key as keyof typeof fields]]),
    );
    // Stamped also when only the groups inside change (then `fields` is empty).
    await tx
      .update(userGroups)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(userGroups.id, id));
    if (groupIds) {
      const removed = await tx
        .delete(compositeGroupMembers)
        .where(eq(compositeGroupMembers.compositeGroupId, id))
        .returning({ id: compositeGroupMembers.memberGroupId });
      before.groupIds = removed.map((group) => group.id).sort();
      if (groupIds.length) {
        await tx
          .insert(compositeGroupMembers)
          .values(
            groupIds.map((memberGroupId) => ({ platformId, compositeGroupId: id, memberGroupId })),
          );
      }
    }
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'group.update',
      targetType: 'group',
      targetId: id,
      before,
      after: { ...fields, ...(groupIds ? { groupIds } : {}) },
    });
  });
  return getGroupView(ctx.db, platformId, id);
}
