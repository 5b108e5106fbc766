import { and, asc, eq } from 'drizzle-orm';
import type { GetProjectInput } from '@samrad/core';
import { folders, phases, projects, projectsReadableByVisitor } from '@samrad/db';
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

/** One project by its id; `NOT_FOUND` whether it is missing or merely invisible to the caller. */
export async function getProject(
  ctx: Context,
  input: GetProjectInput,
): Promise<ProjectCard & { phases: PhaseSummary[] }> {
  const [row] = await ctx.db
    .select(projectCardColumns)
    .from(projects)
    .leftJoin(folders, visibleFolderJoin)
    .where(and(projectsReadableByVisitor(ctx.platform.id), eq(projects.id, input.id)))
    .limit(1);
  if (!row) throw notFound('Project');
  const projectPhases = await ctx.db
    .select({
      id: phases.id,
      title: phases.title,
      method: phases.method,
      startAt: phases.startAt,
      endAt: phases.endAt,
    })
    .from(phases)
    .where(eq(phases.projectId, row.id))
    .orderBy(asc(phases.startAt));
  return { ...toProjectCard(row), phases: projectPhases.map(toPhaseSummary) };
}
