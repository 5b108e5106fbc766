import { z } from 'zod';
import { Id } from '../projects/schemas.js';
import { actions, type Action } from './actions.js';
import { roles, roleScopeType } from './roles.js';

/** API.md: `{ type: 'platform' } | { type: 'folder', id } | { type: 'project', id }`. */
export const ScopeInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('platform') }).strict(),
  z.object({ type: z.literal('folder'), id: Id }).strict(),
  z.object({ type: z.literal('project'), id: Id }).strict(),
]);
export type ScopeInput = z.infer<typeof ScopeInput>;

export const AssignRoleInput = z
  .object({ userId: Id, role: z.enum(roles), scope: ScopeInput })
  .strict()
  .refine((input) => roleScopeType[input.role] === input.scope.type, {
    path: ['role'],
    message:
      'this role is held on another kind of scope (admin: platform, folder_manager: folder, project roles: project)',
  });
export type AssignRoleInput = z.infer<typeof AssignRoleInput>;

export const RevokeRoleInput = z.object({ userId: Id, scope: ScopeInput }).strict();
export type RevokeRoleInput = z.infer<typeof RevokeRoleInput>;

export const ListRolesInput = z
  .object({
    scope: ScopeInput.optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .strict();
export type ListRolesInput = z.infer<typeof ListRolesInput>;

export const ExplainAccessInput = z
  .object({
    userId: Id,
    action: z.enum(actions as [Action, ...Action[]]),
    target: ScopeInput,
  })
  .strict();
export type ExplainAccessInput = z.infer<typeof ExplainAccessInput>;

export const ClearRolesInput = z.object({ userId: Id }).strict();
export type ClearRolesInput = z.infer<typeof ClearRolesInput>;

export const ListAuditInput = z
  .object({
    /** Entries of this scope and below; without it, everything the caller may read. */
    scope: ScopeInput.optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListAuditInput = z.infer<typeof ListAuditInput>;
