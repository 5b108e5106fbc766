import { sql, type SQL } from 'drizzle-orm';
import type { Subject } from '@samrad/core';

/**
 * The parts of a compiled subject (`@samrad/core`) that SQL filters need, as bound parameters.
 * Each id list travels as ONE array parameter, so a query's text does not depend on how many
 * grants or groups someone has.
 */
export interface SubjectScope {
  platformId: string;
  userId: string | null;
  isAdmin: boolean;
  /** Folders the subject manages (their subtrees are covered). */
  managedFolderIds: string[];
  /** Projects on which the subject holds a project role. */
  projectRoleIds: string[];
  /** Projects the subject is project manager of (managing, unlike moderators and reviewers). */
  managingProjectIds: string[];
  groupIds: string[];
  memberProjectIds: string[];
  /** Folders above something the subject manages (path-only visibility). */
  managedBelowIds: string[];
}

export function subjectScope(platformId: string, subject: Subject): SubjectScope {
  return {
    platformId,
    userId: subject.userId,
    isAdmin: subject.isAdmin,
    managedFolderIds: [...subject.folderGrants.keys()],
    projectRoleIds: [...subject.projectGrants.keys()],
    managingProjectIds: [...subject.projectGrants]
      .filter(([, grant]) => grant.role === 'project_manager')
      .map(([id]) => id),
    groupIds: [...subject.groupIds],
    memberProjectIds: [...subject.memberProjectIds],
    managedBelowIds: [...subject.managedBelow],
  };
}

/** A `uuid[]` bound as one parameter. Ids come from the database, never from raw input. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
