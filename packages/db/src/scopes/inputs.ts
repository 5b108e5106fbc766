import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { inputs } from '../schema/inputs.js';
import { projects } from '../schema/projects.js';
import { projectManagedBy, projectReadableBy } from './projects.js';
import { uuidArray, type SubjectScope } from './subject-scope.js';

const project = alias(projects, 'input_project');
const fromProject = sql`${projects} ${sql.identifier('input_project')}`;

/**
 * SQL twin of `readInput` (`@samrad/core` access/visibility.ts): the project's content is
 * readable (members-only projects: members and those who run it), and a hidden input only by
 * those who run the project.
 */
export function inputReadableBy(s: SubjectScope): SQL {
  const contentReadable = and(
    projectReadableBy(s, project),
    or(
      sql`not ${project.membersOnly}`,
      projectManagedBy(s, project),
      s.userId === null ? sql`false` : sql`${project.id} = any(${uuidArray(s.memberProjectIds)})`,
    ),
  );
  const seen = or(eq(inputs.moderation, 'visible'), projectManagedBy(s, project));
  return and(
    eq(inputs.platformId, s.platformId),
    sql`exists (select 1 from ${fromProject} where ${project.id} = ${inputs.projectId} and ${contentReadable} and ${seen})`,
  )!;
}
