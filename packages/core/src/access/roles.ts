/** Assigned roles, each held on one scope (SPEC 2). */
export const roles = [
  'admin',
  'folder_manager',
  'project_manager',
  'project_moderator',
  'project_reviewer',
] as const;
export type Role = (typeof roles)[number];

/** The kind of scope each role is held on. */
export const roleScopeType = {
  admin: 'platform',
  folder_manager: 'folder',
  project_manager: 'project',
  project_moderator: 'project',
  project_reviewer: 'project',
} as const satisfies Record<Role, ScopeType>;

export const scopeTypes = ['platform', 'folder', 'project'] as const;
export type ScopeType = (typeof scopeTypes)[number];

export type Scope =
  { type: 'platform' } | { type: 'folder'; id: string } | { type: 'project'; id: string };
