import { sql } from 'drizzle-orm';
import type { ProjectFacts } from '@samrad/core';
import { folders, projects, projectVisibilityGroups } from '@samrad/db';

/**
 * The columns from which the policy's `ProjectFacts` are built, selected in the same query as
 * the data the procedure returns (no second round trip to decide).
 */
export const projectFactsColumns = {
  factsId: projects.id,
  folderPath: projects.folderPath,
  factsStatus: projects.status,
  firstPublishedAt: projects.firstPublishedAt,
  factsListed: projects.listed,
  factsVisibleTo: projects.visibleTo,
  factsMembersOnly: projects.membersOnly,
  joinRequests: projects.joinRequests,
  visibleGroupIds: sql<
    string[]
  >`(select coalesce(array_agg(${projectVisibilityGroups.groupId}), '{}')
    from ${projectVisibilityGroups} where ${projectVisibilityGroups.projectId} = ${projects.id})`,
  inDraftFolder: sql<boolean>`exists (select 1 from ${folders}
    where ${folders.id} = any(${projects.folderPath}) and ${folders.status} = 'draft')`,
};

interface FactsRow {
  factsId: string;
  folderPath: string[];
  factsStatus: ProjectFacts['status'];
  firstPublishedAt: Date | null;
  factsListed: boolean;
  factsVisibleTo: ProjectFacts['visibleTo'];
  factsMembersOnly: boolean;
  joinRequests: boolean;
  visibleGroupIds: string[];
  inDraftFolder: boolean;
}

export function toProjectFacts(row: FactsRow): ProjectFacts {
  return {
    id: row.factsId,
    folderIds: row.folderPath,
    status: row.factsStatus,
    everPublished: row.firstPublishedAt !== null,
    listed: row.factsListed,
    visibleTo: row.factsVisibleTo,
    visibleGroupIds: row.visibleGroupIds,
    membersOnly: row.factsMembersOnly,
    joinRequests: row.joinRequests,
    inDraftFolder: row.inDraftFolder,
  };
}
