import { and, eq, sql } from 'drizzle-orm';
import {
  actionRegistry,
  decide,
  type AccessDecision,
  type ExplainAccessInput,
  type ScopeFacts,
  type Target,
} from '@samrad/core';
import { folders, projects } from '@samrad/db';
import { loadSubject } from '../../access/load-subject.js';
import { loadPlannedSmartGroups } from '../../access/smart-groups.js';
import { projectFactsColumns, toProjectFacts } from '../../access/project-facts.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../roles/role-scope.js';

/**
 * SPEC 7 (`access.explain`, decided by the procedure's guard on the scope): why can (or can't) this user do this action here? The policy's own decision and the
 * chain of grants and rules behind it. Asked by admins, and by managers within their scope.
 */
export async function explainAccess(
  ctx: Context,
  input: ExplainAccessInput,
  scope: ScopeFacts,
): Promise<AccessDecision> {
  const person = await requireUser(ctx.db, ctx.platform.id, input.userId);
  const subject = await loadSubject(
    ctx.db,
    ctx.platform,
    { ...person, verified: person.verifiedAt !== null },
    () => loadPlannedSmartGroups(ctx.db, ctx.platform.id),
  );
  const target = await targetFor(ctx, input, scope);
  const decision = decide(subject, input.action, target, {
    managersMayDelegate: ctx.platform.managersMayDelegate,
  });
  return subject.demotedBecause
    ? {
        ...decision,
        trace: [
          `the account is ${subject.demotedBecause}: treated as a visitor (SPEC 2.4)`,
          ...decision.trace,
        ],
      }
    : decision;
}

async function targetFor(
  ctx: Context,
  input: ExplainAccessInput,
  scope: ScopeFacts,
): Promise<Target> {
  const kind = actionRegistry[input.action].target;
  if (kind === 'scope') return { type: 'scope', scope };
  if (kind === 'platform' && scope.type === 'platform') return { type: 'platform' };
  if (kind === 'project' && input.target.type === 'project') {
    const [row] = await ctx.db
      .select(projectFactsColumns)
      .from(projects)
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.target.id)));
    if (row) return { type: 'project', project: toProjectFacts(row) };
  }
  if (kind === 'folder' && input.target.type === 'folder') {
    const folderId = input.target.id;
    const [folder] = await ctx.db.select().from(folders).where(eq(folders.id, folderId));
    const below = await ctx.db
      .select(projectFactsColumns)
      .from(projects)
      .where(sql`${projects.folderPath} @> array[${folderId}::uuid]`);
    if (folder) {
      return {
        type: 'folder',
        folder: {
          id: folder.id,
          ancestorIds: folder.path,
          status: folder.status,
          subtreeProjects: below.map(toProjectFacts),
        },
      };
    }
  }
  throw new AppError(
    'BAD_REQUEST',
    `target: ${input.action} is decided on a ${kind}, not on a ${input.target.type}`,
  );
}
