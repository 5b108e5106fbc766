import { and, eq, inArray } from 'drizzle-orm';
import type { GroupMembersChangeInput } from '@samrad/core';
import { groupMemberships } from '@samrad/db';
import { loadGroup, type GrantedGroup } from '../../access/group-guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { distinctIds, requireUsers } from './group-checks.js';

/**
 * Adds or removes users listed by hand in a manual or composite group (SPEC 5; the guard decided
 * `group.change`). Members of a smart group follow its rules, so they cannot be listed by hand
 * (the database refuses it too). Only what actually changed is audited; a call that changes
 * nothing writes nothing.
 */
export async function changeGroupMembers(
  ctx: Context & { user: SessionUser },
  input: GroupMembersChangeInput,
  granted: GrantedGroup,
  change: 'add' | 'remove',
): Promise<{ userIds: string[] }> {
  if (granted.kind === 'smart') {
    throw new AppError('BAD_REQUEST', 'id: members of a smart group follow its rules');
  }
  const platformId = ctx.platform.id;
  const userIds = distinctIds(input.userIds);
  return ctx.db.transaction(async (tx) => {
    const group = await loadGroup(tx, platformId, input.id, { lock: true });
    if (!group) throw notFound('Group');
    await requireUsers(tx, platformId, userIds, 'userIds');
    const changed =
      change === 'add'
        ? await tx
            .insert(groupMemberships)
            .values(
              userIds.map((userId) => ({
                platformId,
                groupId: group.id,
                groupKind: group.kind,
                userId,
                addedBy: ctx.user.id,
              })),
            )
            .onConflictDoNothing()
            .returning({ userId: groupMemberships.userId })
        : await tx
            .delete(groupMemberships)
            .where(
              and(
                eq(groupMemberships.groupId, group.id),
                inArray(groupMemberships.userId, userIds),
              ),
            )
            .returning({ userId: groupMemberships.userId });
    const ids = changed.map((row) => row.userId).sort();
    if (ids.length > 0) {
      await writeAudit(tx, {
        platformId,
        actor: ctx.user,
        action: change === 'add' ? 'group.addMembers' : 'group.removeMembers',
        targetType: 'group',
        targetId: group.id,
        before: change === 'add' ? null : { userIds: ids },
        after: change === 'add' ? { userIds: ids } : null,
      });
    }
    return { userIds: ids };
  });
}
