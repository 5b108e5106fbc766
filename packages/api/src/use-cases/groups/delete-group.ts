import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DeleteGroupInput } from '@samrad/core';
import {
  compositeGroupMembers,
  fileFolderGrants,
  fileFolders,
  groupMemberships,
  participationSettingGroups,
  participationSettings,
  phases,
  projects,
  projectVisibilityGroups,
  userGroups,
  type Database,
} from '@samrad/db';
import { loadGroup, type GrantedGroup } from '../../access/group-guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError, notFound } from '../../errors.js';

/**
 * Deletes a group (SPEC 5; the guard decided `group.change`, so never a built-in group).
 *
 * A group may still restrict projects: who sees them (SPEC 3.4), who takes part in a phase
 * (4.2), who reaches a file folder (6). The database refuses to drop those silently (foreign
 * keys `restrict`), and so does this: without `detachFromProjects: true` it is CONFLICT, naming
 * how many projects use the group. With it, the group is removed from them in the same
 * transaction, and what it restricted NARROWS, never widens (a silent widening would show a
 * project, or open a phase, to people its managers never chose):
 * - a project left with `visibleTo: 'groups'` and no group becomes `managers` (admins and
 *   managers only: whom "selected groups" with none selected reaches anyway, now stated
 *   plainly instead of a state that a later edit could take for "no restriction") until its
 *   managers choose again;
 * - a participation setting left with no group becomes `permittedBy: 'managers'` (an empty
 *   group list means "no group restriction", which would open the phase to everyone);
 * - file-folder grants to the group are removed, which only takes rights away.
 * Each project changed gets its own audit entry (its managers read their scope's log), and the
 * deletion one with the group as it was. Manual groups inside composite groups leave them
 * (cascade): the composites shrink, which widens nothing.
 */
export async function deleteGroup(
  ctx: Context & { user: SessionUser },
  input: DeleteGroupInput,
): Promise<{ id: string; detachedFromProjectIds: string[] }> {
  const platformId = ctx.platform.id;
  const { id } = input;
  const deleted = await ctx.db.transaction(async (tx) => {
    // Locked: a project cannot start using the group (its foreign key check waits) meanwhile.
    const current = await loadGroup(tx, platformId, id, { lock: true });
    if (!current) throw notFound('Group');
    const uses = await usesOf(tx, id);
    const projectIds = [...new Set(uses.map((use) => use.projectId))].sort();
    if (projectIds.length > 0 && !input.detachFromProjects) {
      throw new AppError(
        'CONFLICT',
        `id: the group restricts ${projectIds.length} project${projectIds.length === 1 ? '' : 's'} (visibility, participation or files); delete it with detachFromProjects: true to remove it from ${projectIds.length === 1 ? 'it' : 'them'}`,
      );
    }
    if (projectIds.length > 0) await detach(tx, ctx.user, platformId, current, uses, projectIds);
    const memberIds = await tx
      .select({ id: groupMemberships.userId })
      .from(groupMemberships)
      .where(eq(groupMemberships.groupId, id));
    const members = await tx
      .select({ id: compositeGroupMembers.memberGroupId })
      .from(compositeGroupMembers)
      .where(eq(compositeGroupMembers.compositeGroupId, id));
    const composites = await tx
      .select({ id: compositeGroupMembers.compositeGroupId })
      .from(compositeGroupMembers)
      .where(eq(compositeGroupMembers.memberGroupId, id));
    // Memberships and composite links go with it (cascade).
    await tx.delete(userGroups).where(eq(userGroups.id, id));
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'group.delete',
      targetType: 'group',
      targetId: id,
      before: {
        name: current.name,
        description: current.description,
        kind: current.kind,
        rules: current.rules,
        memberIds: memberIds.map((row) => row.id).sort(),
        groupIds: members.map((row) => row.id).sort(),
        inCompositeGroupIds: composites.map((row) => row.id).sort(),
      },
      after: { detachedFromProjectIds: projectIds },
    });
    return { kind: current.kind, projectIds };
  });
  return { id, detachedFromProjectIds: deleted.projectIds };
}

/** Where the group restricts a project, and whether it is the last group doing so there. */
type Use =
  | { what: 'visibility'; projectId: string; visibleTo: string; lastGroup: boolean }
  | {
      what: 'participation';
      projectId: string;
      settingId: string;
      phaseId: string;
      action: string;
      permittedBy: string;
      lastGroup: boolean;
    }
  | { what: 'files'; projectId: string };

async function usesOf(tx: Database, groupId: string): Promise<Use[]> {
  const otherVisibilityGroup = sql<boolean>`exists (select 1 from ${projectVisibilityGroups} other
    where other.project_id = ${projectVisibilityGroups.projectId} and other.group_id <> ${groupId}::uuid)`;
  const otherSettingGroup = sql<boolean>`exists (select 1 from ${participationSettingGroups} other
    where other.setting_id = ${participationSettingGroups.settingId} and other.group_id <> ${groupId}::uuid)`;
  const visibility = await tx
    .select({
      projectId: projects.id,
      visibleTo: projects.visibleTo,
      others: otherVisibilityGroup,
    })
    .from(projectVisibilityGroups)
    .innerJoin(projects, eq(projects.id, projectVisibilityGroups.projectId))
    .where(eq(projectVisibilityGroups.groupId, groupId));
  const participation = await tx
    .select({
      projectId: phases.projectId,
      settingId: participationSettings.id,
      phaseId: participationSettings.phaseId,
      action: participationSettings.action,
      permittedBy: participationSettings.permittedBy,
      others: otherSettingGroup,
    })
    .from(participationSettingGroups)
    .innerJoin(
      participationSettings,
      eq(participationSettings.id, participationSettingGroups.settingId),
    )
    .innerJoin(phases, eq(phases.id, participationSettings.phaseId))
    .where(eq(participationSettingGroups.groupId, groupId));
  const files = await tx
    .select({
      projectId: fileFolders.projectId,
      fileFolderId: fileFolders.id,
      right: fileFolderGrants.right,
    })
    .from(fileFolderGrants)
    .innerJoin(fileFolders, eq(fileFolders.id, fileFolderGrants.fileFolderId))
    .where(eq(fileFolderGrants.groupId, groupId));
  return [
    ...visibility.map(({ others, ...row }) => ({
      what: 'visibility' as const,
      ...row,
      lastGroup: !others,
    })),
    ...participation.map(({ others, ...row }) => ({
      what: 'participation' as const,
      ...row,
      lastGroup: !others,
    })),
    ...files.map((row) => ({ what: 'files' as const, ...row })),
  ];
}

/** Removes the group from the projects it restricts, narrowing what it leaves (see above). */
async function detach(
  tx: Database,
  actor: SessionUser,
  platformId: string,
  group: GrantedGroup,
  uses: Use[],
  projectIds: string[],
): Promise<void> {
  const narrowedProjects = uses.flatMap((use) =>
    use.what === 'visibility' && use.lastGroup && use.visibleTo === 'groups' ? [use.projectId] : [],
  );
  const narrowedSettings = uses.flatMap((use) =>
    use.what === 'participation' && use.lastGroup && use.permittedBy !== 'managers'
      ? [use.settingId]
      : [],
  );
  await tx.delete(projectVisibilityGroups).where(eq(projectVisibilityGroups.groupId, group.id));
  await tx
    .delete(participationSettingGroups)
    .where(eq(participationSettingGroups.groupId, group.id));
  await tx.delete(fileFolderGrants).where(eq(fileFolderGrants.groupId, group.id));
  if (narrowedProjects.length) {
    await tx
      .update(projects)
      .set({ visibleTo: 'managers' })
      .where(and(inArray(projects.id, narrowedProjects), eq(projects.visibleTo, 'groups')));
  }
  if (narrowedSettings.length) {
    await tx
      .update(participationSettings)
      .set({ permittedBy: 'managers' })
      .where(
        and(
          inArray(participationSettings.id, narrowedSettings),
          ne(participationSettings.permittedBy, 'managers'),
        ),
      );
  }
  for (const projectId of projectIds) {
    const of = uses.filter((use) => use.projectId === projectId);
    const narrowedVisibility = narrowedProjects.includes(projectId);
    const settings = of.flatMap((use) =>
      use.what === 'participation' && narrowedSettings.includes(use.settingId)
        ? [{ phaseId: use.phaseId, action: use.action, permittedBy: use.permittedBy }]
        : [],
    );
    await writeAudit(tx, {
      platformId,
      actor,
      action: 'group.detach',
      targetType: 'project',
      targetId: projectId,
      projectId,
      before: {
        group: { id: group.id, name: group.name },
        uses: [...new Set(of.map((use) => use.what))],
        ...(narrowedVisibility ? { visibleTo: 'groups' } : {}),
        ...(settings.length ? { participation: settings } : {}),
      },
      after: {
        group: null,
        ...(narrowedVisibility ? { visibleTo: 'managers' } : {}),
        ...(settings.length
          ? { participation: settings.map((setting) => ({ ...setting, permittedBy: 'managers' })) }
          : {}),
      },
    });
  }
}
