import { and, eq } from 'drizzle-orm';
import { decide, type AccessDecision, type ScopeFacts, type ScopeInput } from '@samrad/core';
import { folderPathReadableBy, folders, projects, subjectScope } from '@samrad/db';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { projectFactsColumns, toProjectFacts } from './project-facts.js';

/**
 * The one mapping from a refused decision to an API error (API.md): what the caller may not see
 * does not exist for them; no identity is UNAUTHORIZED; a broken invariant is CONFLICT.
 */
export function denial(decision: AccessDecision): AppError {
  const why = decision.trace.at(-1) ?? 'not allowed';
  switch (decision.reason) {
    case 'not_visible':
      return new AppError('NOT_FOUND', 'Not found');
    case 'not_signed_in':
      return new AppError('UNAUTHORIZED', 'Sign in first');
    case 'last_admin':
      return new AppError('CONFLICT', why, decision.reason);
    default:
      return new AppError('FORBIDDEN', why, decision.reason ?? undefined);
  }
}

/** Throws the API error for a refused decision; returns the allowed one. */
export function enforce(decision: AccessDecision): AccessDecision {
  if (!decision.allowed) throw denial(decision);
  return decision;
}

/**
 * A scope as the policy sees it, or null when it does not exist on this platform or the caller
 * may not see it (both answer NOT_FOUND).
 */
export async function loadScope(ctx: Context, scope: ScopeInput): Promise<ScopeFacts | null> {
  if (scope.type === 'platform') return { type: 'platform' };
  const subject = await ctx.subject();
  if (scope.type === 'project') {
    const [row] = await ctx.db
      .select(projectFactsColumns)
      .from(projects)
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, scope.id)));
    if (!row) return null;
    const project = toProjectFacts(row);
    if (!decide(subject, 'project.read', { type: 'project', project }).allowed) return null;
    return { type: 'project', id: project.id, folderIds: project.folderIds };
  }
  const [row] = await ctx.db
    .select({ id: folders.id, path: folders.path })
    .from(folders)
    .where(
      and(eq(folders.id, scope.id), folderPathReadableBy(subjectScope(ctx.platform.id, subject))),
    );
  return row ? { type: 'folder', id: row.id, ancestorIds: row.path } : null;
}

/** The scope columns of role assignments and audit entries. */
export function scopeColumns(scope: ScopeInput): {
  folderId: string | null;
  projectId: string | null;
} {
  return {
    folderId: scope.type === 'folder' ? scope.id : null,
    projectId: scope.type === 'project' ? scope.id : null,
  };
}
