import { and, eq, sql } from 'drizzle-orm';
import type { GetProjectInput } from '@samrad/core';
import { folders, phases, projects } from '@samrad/db';
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

/**
 * One project by its id, once the guard decided `project.read` (a draft also by its preview
 * link); `NOT_FOUND` whether it is missing or merely invisible to the caller.
 */
export async function getProject(
  ctx: Context,
  input: GetProjectInput,
): Promise<ProjectCard & { phases: PhaseSummary[] }> {
  const [row] = await ctx.db
    .select({
      ...projectCardColumns,
      phases: sql<PhaseSummary[]>`(select coalesce(json_agg(json_build_object(
          'id', ${phases.id}, 'title', ${phases.title}, 'method', ${phases.method},
          'startAt', ${phases.startAt}, 'endAt', ${phases.endAt}) order by ${phases.startAt}), '[]')
        from ${phases} where ${phases.projectId} = ${projects.id})`,
    })
    .from(projects)
    .leftJoin(folders, visibleFolderJoin)
    .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)))
    .limit(1);
  if (!row) throw notFound('Project');
  return { ...toProjectCard(row), phases: row.phases.map(toPhaseSummary) };
}
