import type { FolderFacts, ProjectFacts, ScopeFacts } from './facts.js';
import type { ProjectRole, Subject } from './subject.js';

/**
 * How the subject stands towards a folder or project: the strongest grant that covers it.
 * A grant on a scope covers its whole subtree (SPEC 1), so a folder manager stands above every
 * folder and project below their folder.
 */
export type Standing =
  | { kind: 'admin'; label: string }
  | { kind: 'folder_manager'; label: string }
  | { kind: ProjectRole; label: string };

/** The managing standings: they bypass participation requirements (SPEC 4.2). */
export const managingKinds: ReadonlySet<Standing['kind']> = new Set([
  'admin',
  'folder_manager',
  'project_manager',
]);

export function standingOnFolderPath(
  subject: Subject,
  folderIds: readonly string[],
): Standing | null {
  if (subject.adminGrant !== null) return { kind: 'admin', label: subject.adminGrant };
  for (const id of folderIds) {
    const label = subject.folderGrants.get(id);
    if (label !== undefined) return { kind: 'folder_manager', label };
  }
  return null;
}

export function standingOnProject(
  subject: Subject,
  project: Pick<ProjectFacts, 'id' | 'folderIds'>,
): Standing | null {
  const above = standingOnFolderPath(subject, project.folderIds);
  if (above) return above;
  const grant = subject.projectGrants.get(project.id);
  return grant ? { kind: grant.role, label: grant.label } : null;
}

/** On a folder: a grant on the folder itself or on any folder above it. */
export function standingOnFolder(
  subject: Subject,
  folder: Pick<FolderFacts, 'id' | 'ancestorIds'>,
): Standing | null {
  return (
    standingOnFolderPath(subject, folder.ancestorIds) ?? standingOnFolderPath(subject, [folder.id])
  );
}

export function standingOnScope(subject: Subject, scope: ScopeFacts): Standing | null {
  switch (scope.type) {
    case 'platform':
      return subject.adminGrant !== null ? { kind: 'admin', label: subject.adminGrant } : null;
    case 'folder':
      return standingOnFolder(subject, { id: scope.id, ancestorIds: scope.ancestorIds });
    case 'project':
      return standingOnProject(subject, { id: scope.id, folderIds: scope.folderIds });
  }
}
