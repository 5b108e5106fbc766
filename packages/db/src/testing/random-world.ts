import fc from 'fast-check';
import type { PublicationStatus, Role, RoleGrant } from '@samrad/core';
import type { Database } from '../connect.js';
import { insertFolder } from './factories.js';

/*
 * The pieces the property tests of the SQL scopes (scopes/*.test.ts) build their random worlds
 * from: a folder tree, subjects holding random roles, and the grants those roles resolve to —
 * alike in every test, so each SQL twin is checked against the policy on the same kind of world.
 */

/** A subject's account status, mostly active. */
export const subjectStatus = fc.constantFrom('active', 'active', 'active', 'pending', 'blocked');

/** Random roles, each on the folder or project `index` picks (admins hold the platform). */
export const roleGrants = (maxLength: number) =>
  fc.array(
    fc.record({
      role: fc.constantFrom<Role>(
        'admin',
        'folder_manager',
        'project_manager',
        'project_moderator',
        'project_reviewer',
      ),
      index: fc.nat(),
    }),
    { maxLength },
  );

/** The row a generated index stands for: indexes wrap around, and pick nothing from no rows. */
export const pick = <T>(rows: readonly T[], index: number): T | undefined =>
  rows[index % Math.max(rows.length, 1)];

/** Folders in a random tree: each under an earlier one when it has a parent. */
export async function insertFolderTree(
  db: Database,
  platformId: string,
  tree: readonly { parent: number; hasParent: boolean; status?: PublicationStatus }[],
) {
  const rows: Awaited<ReturnType<typeof insertFolder>>[] = [];
  for (const folder of tree) {
    const parent = folder.hasParent ? pick(rows, folder.parent) : undefined;
    rows.push(await insertFolder(db, platformId, { status: folder.status, parentId: parent?.id }));
  }
  return rows;
}

/** The grants generated roles resolve to, on the folders and projects as the policy sees them. */
export function grantsOn(
  grants: readonly { role: Role; index: number }[],
  folders: readonly { id: string; ancestorIds: readonly string[] }[],
  projects: readonly { id: string; folderIds: readonly string[] }[],
): RoleGrant[] {
  return grants.flatMap(({ role, index }): RoleGrant[] => {
    if (role === 'admin') return [{ role, scope: { type: 'platform' }, ancestorFolderIds: [] }];
    if (role === 'folder_manager') {
      const f = pick(folders, index);
      return f
        ? [{ role, scope: { type: 'folder', id: f.id }, ancestorFolderIds: f.ancestorIds }]
        : [];
    }
    const p = pick(projects, index);
    return p
      ? [{ role, scope: { type: 'project', id: p.id }, ancestorFolderIds: p.folderIds }]
      : [];
  });
}
