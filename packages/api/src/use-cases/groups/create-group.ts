import type { CreateGroupInput } from '@samrad/core';
import { compositeGroupMembers, groupMemberships, userGroups } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import {
  distinctIds,
  requireFreeName,
  requireManualGroups,
  requireUsers,
  requireValidRules,
} from './group-checks.js';
import { getGroupView, type GroupView } from './group-view.js';

/**
 * A new manual, smart or composite group (SPEC 5; the guard decided `group.edit`), with its
 * members or rules, audited in the same transaction. Which fields fit which kind is checked by
 * the input schema.
 */
export async function createGroup(
  ctx: Context & { user: SessionUser },
  input: CreateGroupInput,
): Promise<GroupView> {
  const platformId = ctx.platform.id;
  const rules = input.kind === 'smart' ? (input.rules ?? null) : null;
  const memberIds = distinctIds(input.memberIds);
  const groupIds = distinctIds(input.groupIds);
  const id = await ctx.db.transaction(async (tx) => {
    await requireFreeName(tx, platformId, input.name);
    if (rules) await requireValidRules(tx, platformId, rules);
    await requireUsers(tx, platformId, memberIds, 'memberIds');
    await requireManualGroups(tx, platformId, groupIds);
    const [group] = await tx
      .insert(userGroups)
      .values({
        platformId,
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
        rules,
      })
      .returning({ id: userGroups.id });
    const groupId = group!.id;
    if (memberIds.length) {
      await tx.insert(groupMemberships).values(
        memberIds.map((userId) => ({
          platformId,
          groupId,
          groupKind: input.kind,
          userId,
          addedBy: ctx.user.id,
        })),
      );
    }
    if (groupIds.length) {
      await tx.insert(compositeGroupMembers).values(
        groupIds.map((memberGroupId) => ({
          platformId,
          compositeGroupId: groupId,
          memberGroupId,
        })),
      );
    }
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'group.create',
      targetType: 'group',
      targetId: groupId,
      before: null,
      after: {
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
        rules,
        memberIds,
        groupIds,
      },
    });
    return groupId;
  });
  return getGroupView(ctx.db, platformId, id);
}
