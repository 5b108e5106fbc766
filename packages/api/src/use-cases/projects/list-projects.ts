import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListProjectsInput } from '@samrad/core';
import {
  folders,
  projectListableBy,
  projectMatchesSearch,
  projects,
  projectVisibilityKey,
  type SubjectScope,
} from '@samrad/db';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';
import {
  projectCardColumns,
  toProjectCard,
  visibleFolderJoin,
  type ProjectCard,
} from './project-card.js';

export interface ProjectPage {
  items: ProjectCard[];
  nextCursor: string | null;
}

/**
 * Listed projects the caller may see (`project.list`), newest first, one query per page: the
 * filter is the SQL twin of the policy, so invisible rows never reach Node. `status` defaults to
 * published, what the home page and widgets show. The same page is kept for everyone who sees
 * the same projects until the platform changes, or a phase on it starts or ends.
 */
export function listProjects(
  ctx: Context,
  input: ListProjectsInput,
  scope: SubjectScope,
): Promise<ProjectPage> {
  return ctx.remember(
    'projectListings',
    `${projectVisibilityKey(scope)}|${JSON.stringify(input)}`,
    () => loadProjectPage(ctx, input, scope),
    (page) => Math.min(...page.items.map(untilPhaseChanges)),
  );
}

/**
 * How long a card's current phase stays current: an upcoming one until it starts, a running one
 * until it ends; the last one, ended, for good (phases of a project do not overlap).
 */
function untilPhaseChanges(card: ProjectCard): number {
  const phase = card.currentPhase;
  const now = Date.now();
  const start = phase ? Date.parse(phase.startAt) : 0;
  const end = phase?.endAt ? Date.parse(phase.endAt) : Infinity;
  if (start > now) return start - now;
  return end > now ? end - now : Infinity;
}

async function loadProjectPage(
  ctx: Context,
  input: ListProjectsInput,
  scope: SubjectScope,
): Promise<ProjectPage> {
  const conditions: (SQL | undefined)[] = [
    projectListableBy(scope, projects, { searching: Boolean(input.search) }),
    eq(projects.status, input.status ?? 'published'),
  ];
  // A folder's projects are those anywhere below it.
  if (input.folderId)
    conditions.push(sql`${projects.folderPath} @> array[${input.folderId}::uuid]`);
  if (input.search) conditions.push(projectMatchesSearch(input.search));
  if (input.cursor) {
    conditions.push(afterCursor(projects.createdAt, projects.id, input.cursor));
  }
  // Within a folder, fetch the branch through its path index and sort it: walking the whole
  // listing index newest first, hoping to meet the branch's few visible rows, is the slow plan
  // PostgreSQL picks for a LIMIT when the branch is large and the caller sees little of it
  // (measured 29 ms → see BENCHMARKS.md). An expression, not the bare column, keeps it off that index.
  const order = input.folderId
    ? [sql`${projects.createdAt} + interval '0 seconds' desc`, desc(projects.id)]
    : [desc(projects.createdAt), desc(projects.id)];
  const rows = await ctx.db
    .select(projectCardColumns)
    .from(projects)
    .leftJoin(folders, visibleFolderJoin)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (row) => [row.createdAtKey, row.id], toProjectCard);
}
