import type { UserStatus } from '../users/status.js';
import type { Role, Scope } from './roles.js';

/** A role grant as loaded for a subject, with the folders above its scope (root first). */
export interface RoleGrant {
  role: Role;
  scope: Scope;
  /** Ids of the folders above the scope, root first (empty for the platform and top level). */
  ancestorFolderIds: readonly string[];
}

/** Everything the policy needs to know about who is asking, as the API loads it. */
export interface SubjectInput {
  userId: string;
  status: UserStatus;
  kind: 'full' | 'light';
  emailConfirmed: boolean;
  verifiedAt: Date | null;
  roles: readonly RoleGrant[];
  groupIds?: Iterable<string>;
  memberProjectIds?: Iterable<string>;
  answeredQuestionIds?: Iterable<string>;
}

export type ProjectRole = 'project_manager' | 'project_moderator' | 'project_reviewer';

/**
 * Who is asking, compiled once per request so each decision is a few map lookups.
 * Pending and blocked users compile to the visitor (SPEC 2.4): no roles, no groups, no account.
 */
export interface Subject {
  readonly userId: string | null;
  readonly account: 'full' | 'light' | null;
  readonly emailConfirmed: boolean;
  readonly verifiedAt: number | null;
  readonly isAdmin: boolean;
  readonly adminGrant: string | null;
  /** Folder id → the trace label of the folder-manager grant on it. */
  readonly folderGrants: ReadonlyMap<string, string>;
  /** Project id → its project role and the grant's trace label. */
  readonly projectGrants: ReadonlyMap<string, { role: ProjectRole; label: string }>;
  /** Folders above something the subject manages: readable as names and paths (SPEC 1). */
  readonly managedBelow: ReadonlySet<string>;
  readonly groupIds: ReadonlySet<string>;
  readonly memberProjectIds: ReadonlySet<string>;
  readonly answeredQuestionIds: ReadonlySet<string>;
  /** Why a signed-in person is treated as a visitor (pending or blocked), for explanations. */
  readonly demotedBecause: 'pending' | 'blocked' | null;
}

const empty = new Set<string>();

export const visitor: Subject = Object.freeze({
  userId: null,
  account: null,
  emailConfirmed: false,
  verifiedAt: null,
  isAdmin: false,
  adminGrant: null,
  folderGrants: new Map<string, string>(),
  projectGrants: new Map<string, { role: ProjectRole; label: string }>(),
  managedBelow: empty,
  groupIds: empty,
  memberProjectIds: empty,
  answeredQuestionIds: empty,
  demotedBecause: null,
});

export function grantLabel(grant: Pick<RoleGrant, 'role' | 'scope'>): string {
  return grant.scope.type === 'platform'
    ? `${grant.role} of the platform`
    : `${grant.role} of ${grant.scope.type} ${grant.scope.id}`;
}

export function compileSubject(input: SubjectInput): Subject {
  if (input.status !== 'active') return { ...visitor, demotedBecause: input.status };
  let adminGrant: string | null = null;
  const folderGrants = new Map<string, string>();
  const projectGrants = new Map<string, { role: ProjectRole; label: string }>();
  const managedBelow = new Set<string>();
  for (const grant of input.roles) {
    const label = grantLabel(grant);
    if (grant.role === 'admin') adminGrant = label;
    else if (grant.role === 'folder_manager' && grant.scope.type === 'folder') {
      folderGrants.set(grant.scope.id, label);
    } else if (grant.scope.type === 'project' && grant.role !== 'folder_manager') {
      projectGrants.set(grant.scope.id, { role: grant.role, label });
    }
    for (const id of grant.ancestorFolderIds) managedBelow.add(id);
  }
  return {
    userId: input.userId,
    account: input.kind,
    emailConfirmed: input.emailConfirmed,
    verifiedAt: input.verifiedAt?.getTime() ?? null,
    isAdmin: adminGrant !== null,
    adminGrant,
    folderGrants,
    projectGrants,
    managedBelow,
    groupIds: new Set(input.groupIds ?? []),
    memberProjectIds: new Set(input.memberProjectIds ?? []),
    answeredQuestionIds: new Set(input.answeredQuestionIds ?? []),
    demotedBecause: null,
  };
}
