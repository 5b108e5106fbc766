import { and, eq, sql } from 'drizzle-orm';
import { decide, type ReviewStatus } from '@samrad/core';
import { folders, phases, projects } from '@samrad/db';
import type { GrantedProject } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import {
  projectCardColumns,
  toPhaseSummary,
  toProjectCard,
  visibleFolderJoin,
  type PhaseSummary,
  type ProjectCard,
} from './project-card.js';

/** What those who manage the project see beside its card (never the preview secret's hash). */
export interface ProjectManagement {
  /** The folder it sits in, draft or not; null directly under the platform. */
  folderId: string | null;
  reviewStatus: ReviewStatus;
  reviewComment: string | null;
  firstPublishedAt: string | null;
  joinRequests: boolean;
  /** The groups it is visible to when `visibleTo` is `groups`. */
  groupIds: string[];
  hasPreviewLink: boolean;
}

export type ProjectDetails = ProjectCard & {
  phases: PhaseSummary[];
  topics: string[];
  /** Present for those allowed `project.preview`: its managers. */
  management?: ProjectManagement;
};

/**
 * One project by its id, once the guard decided `project.read` (a draft also by its preview
 * link) on `project`; `NOT_FOUND` whether it is missing or merely invisible to the caller.
 */
export async function getProject(
  ctx: Context,
  id: string,
  project: GrantedProject,
): Promise<ProjectDetails> {
  const [row] = await ctx.db
    .select({
      ...projectCardColumns,
      phases: sql<PhaseSummary[]>`(select coalesce(json_agg(json_build_object(
          'id', ${phases.id}, 'title', ${phases.title}, 'method', ${phases.method},
          'startAt', ${phases.startAt}, 'endAt', ${phases.endAt}) order by ${phases.startAt}), '[]')
        from ${phases} where ${phases.projectId} = ${projects.id})`,
      topics: projects.topics,
      reviewStatus: projects.reviewStatus,
      reviewComment: projects.reviewComment,
      firstPublishedAt: projects.firstPublishedAt,
    })
    .from(projects)
    .leftJoin(folders, visibleFolderJoin)
    .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, id)))
    .limit(1);
  if (!row) throw notFound('Project');
  const details: ProjectDetails = {
    ...toProjectCard(row),
    phases: row.phases.map(toPhaseSummary),
    topics: row.topics,
  };
  if (!decide(await ctx.subject(), 'project.preview', { type: 'project', project }).allowed) {
    return details;
  }
  return {
    ...details,
    management: {
      folderId: project.folderIds.at(-1) ?? null,
      reviewStatus: row.reviewStatus,
      reviewComment: row.reviewComment,
      firstPublishedAt: row.firstPublishedAt?.toISOString() ?? null,
      joinRequests: project.joinRequests,
      groupIds: [...project.visibleGroupIds],
      hasPreviewLink: project.previewTokenHash !== null,
    },
  };
}
