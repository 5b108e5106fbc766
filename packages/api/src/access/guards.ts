import { and, desc, eq, sql } from 'drizzle-orm';
import {
  decide,
  type ActionOn,
  type DecisionEnv,
  type FolderFacts,
  type ProjectFacts,
  type Role,
  type ScopeFacts,
  type ScopeInput,
} from '@samrad/core';
import { folders, projectReadableBy, projects, subjectScope, type SubjectScope } from '@samrad/db';
import { hashToken } from '../auth/tokens.js';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { enforce, loadScope } from './guard.js';
import { projectFactsColumns, toProjectFacts } from './project-facts.js';

/**
 * How a procedure reaches its access decision: `check` finds the target from the input, asks
 * the policy (`decide` in `@samrad/core`) and throws the API error of a refusal; what it returns
 * is handed to the resolver as `ctx.granted`. The procedure builders of `../trpc.ts` take one,
 * and there is no other way to declare a procedure.
 */
export interface Guard<TInput, TGranted> {
  /** What is decided, for the router's metadata and its documentation: `project.update`. */
  readonly access: string;
  check(ctx: Context, input: TInput): Promise<TGranted>;
}

/**
 * No decision on a target, stated with its reason: signing in, the caller's own account, or
 * what reveals nothing (the permission table). Used sparingly; each use says why.
 */
export function open(why: string): Guard<unknown, Record<never, never>> {
  return { access: `open: ${why}`, check: () => Promise.resolve({}) };
}

/**
 * A listing: which rows the caller sees is decided in SQL by the policy's twins
 * (`@samrad/db` scopes, held equal to the policy by property tests), so nothing invisible is
 * loaded. The resolver gets the caller's compiled scope to filter with.
 */
export function listing(action: string): Guard<unknown, { scope: SubjectScope }> {
  return {
    access: `${action} (filtered in SQL)`,
    async check(ctx) {
      return { scope: subjectScope(ctx.platform.id, await ctx.subject()) };
    },
  };
}

/**
 * Decided inside the resolver, row by row under lock, where the rows are only known there (every
 * role a user holds, each needing its own `role.revoke`). The resolver must call `decide` on each.
 */
export function perRow(action: string, what: string): Guard<unknown, Record<never, never>> {
  return { access: `${action} ${what} (decided per row)`, check: () => Promise.resolve({}) };
}

/** A platform-wide action (SPEC 2.1). */
export function onPlatform(action: ActionOn<'platform'>): Guard<unknown, Record<never, never>> {
  return {
    access: action,
    async check(ctx) {
      enforce(decide(await ctx.subject(), action, { type: 'platform' }));
      return {};
    },
  };
}

export type GrantedProject = ProjectFacts & { previewTokenHash: string | null };

/** An action on a project found by id: missing or invisible is `NOT_FOUND`. */
export function onProject<TInput>(
  action: ActionOn<'project'>,
  projectId: (input: TInput) => string,
  options: { previewToken?: (input: TInput) => string | undefined } = {},
): Guard<TInput, { project: GrantedProject }> {
  return {
    access: action,
    async check(ctx, input) {
      const project = await loadProject(ctx, projectId(input));
      const token = options.previewToken?.(input);
      // SPEC 3.1: the draft's current preview link lets anyone holding it read the project.
      const previewGranted =
        token !== undefined &&
        project.previewTokenHash !== null &&
        hashToken(token) === project.previewTokenHash;
      const env = { ...decisionEnv(ctx), previewGranted };
      enforce(decide(await ctx.subject(), action, { type: 'project', project }, env));
      return { project };
    },
  };
}

export async function loadProject(ctx: Context, id: string): Promise<GrantedProject> {
  const [row] = await ctx.db
    .select({ ...projectFactsColumns, previewTokenHash: projects.previewTokenHash })
    .from(projects)
    .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, id)));
  if (!row) throw notFound('Project');
  return { ...toProjectFacts(row), previewTokenHash: row.previewTokenHash };
}

/** An action on a folder found by id: missing or invisible is `NOT_FOUND`. */
export function onFolder<TInput>(
  action: ActionOn<'folder'>,
  folderId: (input: TInput) => string,
): Guard<TInput, { folder: FolderFacts }> {
  return {
    access: action,
    async check(ctx, input) {
      const folder = await loadFolder(ctx, folderId(input));
      enforce(decide(await ctx.subject(), action, { type: 'folder', folder }));
      return { folder };
    },
  };
}

/**
 * A folder as the policy sees it. Whether it is visible depends on the projects below it (SPEC
 * 3.2), but only on whether there are none, or one the caller can read: so one of them is loaded,
 * a readable one first, instead of the whole subtree.
 */
export async function loadFolder(ctx: Context, id: string): Promise<FolderFacts> {
  const [folder] = await ctx.db
    .select({ id: folders.id, path: folders.path, status: folders.status })
    .from(folders)
    .where(and(eq(folders.platformId, ctx.platform.id), eq(folders.id, id)));
  if (!folder) throw notFound('Folder');
  const scope = subjectScope(ctx.platform.id, await ctx.subject());
  const below = await ctx.db
    .select(projectFactsColumns)
    .from(projects)
    .where(
      and(
        eq(projects.platformId, ctx.platform.id),
        sql`${projects.folderPath} @> array[${folder.id}::uuid]`,
      ),
    )
    .orderBy(desc(projectReadableBy(scope)))
    .limit(1);
  return {
    id: folder.id,
    ancestorIds: folder.path,
    status: folder.status,
    subtreeProjects: below.map(toProjectFacts),
  };
}

/** An action on a scope (audit, explain, picking groups): an invisible scope is `NOT_FOUND`. */
export function onScope<TInput>(
  action: ActionOn<'scope'>,
  scopeOf: (input: TInput) => ScopeInput,
): Guard<TInput, { scope: ScopeFacts }> {
  return {
    access: action,
    async check(ctx, input) {
      const scope = await requireScope(ctx, scopeOf(input));
      enforce(decide(await ctx.subject(), action, { type: 'scope', scope }));
      return { scope };
    },
  };
}

export async function requireScope(ctx: Context, input: ScopeInput): Promise<ScopeFacts> {
  const scope = await loadScope(ctx, input);
  if (!scope) throw notFound('Scope');
  return scope;
}

/** Giving or taking a role on a scope (SPEC 2, delegation per the platform's setting). */
export function onRole<TInput>(
  action: ActionOn<'role'>,
  roleOf: (input: TInput) => { role: Role; scope: ScopeInput },
): Guard<TInput, { scope: ScopeFacts }> {
  return {
    access: action,
    async check(ctx, input) {
      const { role, scope: scopeInput } = roleOf(input);
      const scope = await requireScope(ctx, scopeInput);
      enforce(
        decide(
          await ctx.subject(),
          action,
          { type: 'role', role: { scope, role } },
          decisionEnv(ctx),
        ),
      );
      return { scope };
    },
  };
}

/** Facts of the request that decisions may need. */
export function decisionEnv(ctx: Context): DecisionEnv {
  return { managersMayDelegate: ctx.platform.managersMayDelegate };
}

/** Two decisions in one, for actions on two targets (a move: the thing and where it goes). */
export function both<TInput, A, B>(
  first: Guard<TInput, A>,
  second: Guard<TInput, B>,
): Guard<TInput, A & B> {
  return {
    access: `${first.access} and ${second.access}`,
    async check(ctx, input) {
      const a = await first.check(ctx, input);
      return { ...a, ...(await second.check(ctx, input)) };
    },
  };
}
