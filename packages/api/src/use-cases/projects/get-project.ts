import { and, eq, sql } from 'drizzle-orm';
import { decide, type GetProjectInput } from '@samrad/core';
import { folders, phases, projects } from '@samrad/db';
import { projectFactsColumns, toProjectFacts } from '../../access/project-facts.js';
import { hashToken } from '../../auth/tokens.js';
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
 * One project by its id (or a draft by its preview link). The policy decides on facts loaded in
 * the same query; `NOT_FOUND` whether it is missing or merely invisible to the caller.
 */
export async function getProject(
  ctx: Context,
  input: GetProjectInput,
): Promise<ProjectCard & { phases: PhaseSummary[] }> {
  const [row] = await ctx.db
    .select({
      ...projectCardColumns,
      ...projectFactsColumns,
      previewTokenHash: projects.previewTokenHash,
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
  const previewGranted =
    input.previewToken !== undefined &&
    row.previewTokenHash !== null &&
    hashToken(input.previewToken) === row.previewTokenHash;
  const decision = decide(
    await ctx.subject(),
    'project.read',
    { type: 'project', project: toProjectFacts(row) },
    { previewGranted },
  );
  if (!decision.allowed) throw notFound('Project');
  return { ...toProjectCard(row), phases: row.phases.map(toPhaseSummary) };
}
