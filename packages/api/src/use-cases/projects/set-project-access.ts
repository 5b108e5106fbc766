import { and, eq, inArray } from 'drizzle-orm';
import { decide, type ProjectFacts, type SetProjectAccessInput } from '@samrad/core';
import { projects, projectVisibilityGroups, userGroups } from '@samrad/db';
import { enforce } from '../../access/guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ProjectDetails } from './get-project.js';
import { changedFields } from '../shared/changed-fields.js';
import { lockProject, projectAfterChange } from './managed-project.js';

/**
 * Who can find, see and join the project (SPEC 3.3–3.5), once the guard decided
 * `project.setAccess`. Chosen groups must be the platform's, and picking them is `group.use` on
 * the project (SPEC 5). The result must hold together — groups chosen exactly when visible to
 * groups, join requests only on a members-only project — so a group is never kept (and
 * undeletable) for a project that no longer uses it. Audited with what changed.
 */
export async function setProjectAccess(
  ctx: Context & { user: SessionUser },
  input: SetProjectAccessInput,
  project: ProjectFacts,
): Promise<ProjectDetails> {
  const { id, groupIds, ...settings } = input;
  if (groupIds !== undefined && groupIds.length > 0) {
    // Its own decision: today whoever sets access may pick groups, but the policy says so, not us.
    enforce(
      decide(await ctx.subject(), 'group.use', {
        type: 'scope',
        scope: { type: 'project', id, folderIds: project.folderIds },
      }),
    );
  }
  await ctx.db.transaction(async (tx) => {
    if (groupIds !== undefined && groupIds.length > 0) {
      // Key-share locks: a chosen group cannot be deleted before this change commits.
      const found = await tx
        .select({ id: userGroups.id })
        .from(userGroups)
        .where(and(eq(userGroups.platformId, ctx.platform.id), inArray(userGroups.id, groupIds)))
        .for('key share');
      const missing = groupIds.filter((groupId) => !found.some((row) => row.id === groupId));
      if (missing.length > 0) {
        throw new AppError('BAD_REQUEST', `groupIds: no such group: ${missing.join(', ')}`);
      }
    }
    const locked = await lockProject(tx, ctx.platform.id, id);
    const storedGroups = await tx
      .select({ groupId: projectVisibilityGroups.groupId })
      .from(projectVisibilityGroups)
      .where(eq(projectVisibilityGroups.projectId, id));
    const current = {
      listed: locked.listed,
      visibleTo: locked.visibleTo,
      groupIds: storedGroups.map((row) => row.groupId).sort(),
      membersOnly: locked.membersOnly,
      joinRequests: locked.joinRequests,
    };
    const next = { ...current, ...definedOnly(settings) };
    if (next.visibleTo !== 'groups') {
      if (groupIds !== undefined && groupIds.length > 0) {
        throw new AppError('BAD_REQUEST', "groupIds: groups are chosen with visibleTo 'groups'");
      }
      next.groupIds = [];
    } else {
      next.groupIds = [...(groupIds ?? current.groupIds)].sort();
      if (next.groupIds.length === 0) {
        throw new AppError('BAD_REQUEST', "groupIds: visibleTo 'groups' needs at least one group");
      }
    }
    if (!next.membersOnly) {
      if (settings.joinRequests) {
        throw new AppError('BAD_REQUEST', 'joinRequests: only a members-only project takes them');
      }
      next.joinRequests = false;
    }
    const { before, after } = changedFields(current, next);
    if (Object.keys(after).length === 0) return;
    const { groupIds: _groups, ...columns } = after;
    if (Object.keys(columns).length > 0) {
      await tx
        .update(projects)
        .set(columns)
        .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, id)));
    }
    if (after.groupIds !== undefined) {
      await tx.delete(projectVisibilityGroups).where(eq(projectVisibilityGroups.projectId, id));
      if (after.groupIds.length > 0) {
        await tx.insert(projectVisibilityGroups).values(
          after.groupIds.map((groupId) => ({
            platformId: ctx.platform.id,
            projectId: id,
            groupId,
          })),
        );
      }
    }
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.setAccess',
      targetType: 'project',
      targetId: id,
      projectId: id,
      before,
      after,
    });
  });
  return projectAfterChange(ctx, id);
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
