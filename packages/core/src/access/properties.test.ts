import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  projectVisibilities,
  publicationStatuses,
  type PublicationStatus,
} from '../projects/publication.js';
import { userStatuses, type UserStatus } from '../users/status.js';
import { actionRegistry, actions, type Action, type ActionTarget } from './actions.js';
import { decide, type AccessDecision } from './decide.js';
import type { DecisionEnv, FolderFacts, ProjectFacts, ScopeFacts, Target } from './facts.js';
import { roles, roleScopeType, type Role, type Scope } from './roles.js';
import { compileSubject, visitor, type RoleGrant, type Subject } from './subject.js';

/*
 * Properties of the policy over random cities: random folder trees with random statuses, random
 * projects in them, random people with random roles, groups, memberships and statuses.
 *
 * (a) pending and blocked users are visitors (SPEC 2.4);
 * (b) nobody obtains a role but from someone allowed to give it (SPEC 2.1–2.3);
 * (c) nobody may act on a project they cannot see; listing and content imply seeing (SPEC 3);
 * (d) seeing a folder implies seeing its path (SPEC 1, 3.2).
 */

// ---------------------------------------------------------------------------------------------
// Random cities

const groupIds = ['g1', 'g2', 'g3'];

const folderSpecArb = fc.record({
  parent: fc.nat(),
  status: fc.constantFrom(...publicationStatuses),
});
const projectSpecArb = fc.record({
  folder: fc.nat(),
  topLevel: fc.boolean(),
  status: fc.constantFrom(...publicationStatuses),
  publishedBefore: fc.boolean(),
  listed: fc.boolean(),
  visibleTo: fc.constantFrom(...projectVisibilities),
  visibleGroupIds: fc.subarray(groupIds),
  membersOnly: fc.boolean(),
  joinRequests: fc.boolean(),
});
const roleSpecArb = fc.record({ role: fc.constantFrom(...roles), scope: fc.nat() });
const userSpecModel = {
  status: fc.constantFrom(...userStatuses),
  kind: fc.constantFrom('full' as const, 'light' as const),
  emailConfirmed: fc.boolean(),
  roles: fc.array(roleSpecArb, { maxLength: 3 }),
  groups: fc.subarray(groupIds),
  memberOf: fc.array(fc.nat(), { maxLength: 2 }),
  participatedIn: fc.array(fc.nat(), { maxLength: 2 }),
  listedInDirectory: fc.boolean(),
};
const userSpecArb = fc.record(userSpecModel);
const citySpecArb = fc.record({
  folders: fc.array(folderSpecArb, { maxLength: 6 }),
  projects: fc.array(projectSpecArb, { minLength: 1, maxLength: 6 }),
  users: fc.array(userSpecArb, { minLength: 1, maxLength: 5 }),
});
type CitySpec = typeof citySpecArb extends fc.Arbitrary<infer T> ? T : never;

interface Person {
  id: string;
  status: UserStatus;
  kind: 'full' | 'light';
  emailConfirmed: boolean;
  groups: string[];
  memberOf: string[];
  participatedIn: string[];
  listedInDirectory: boolean;
}

/** A grant as the state of the world holds it: a role on a scope. */
interface Held {
  role: Role;
  scope: Scope;
}
const scopeKey = (scope: Scope) =>
  scope.type === 'platform' ? 'platform' : `${scope.type}:${scope.id}`;

class City {
  readonly folderIds: string[];
  readonly parentOf = new Map<string, string | null>();
  readonly folderStatus = new Map<string, PublicationStatus>();
  readonly projects: ProjectFacts[];
  readonly people: Person[];
  /** Everyone's roles, by person and scope key: at most one role per scope (SPEC 2). */
  readonly held: Map<string, Held>[];

  constructor(spec: CitySpec) {
    this.folderIds = spec.folders.map((_, i) => `f${i}`);
    spec.folders.forEach((folder, i) => {
      // A parent among the folders before it, or none: a tree, any depth.
      const parent = (folder.parent % (i + 1)) - 1;
      this.parentOf.set(`f${i}`, parent < 0 ? null : `f${parent}`);
      this.folderStatus.set(`f${i}`, folder.status);
    });
    this.projects = spec.projects.map((p, i) => {
      const folder =
        p.topLevel || this.folderIds.length === 0
          ? null
          : (this.folderIds[p.folder % this.folderIds.length] ?? null);
      const folderIds = this.pathTo(folder);
      return {
        id: `p${i}`,
        folderIds,
        status: p.status,
        everPublished: p.status !== 'draft' || p.publishedBefore,
        listed: p.listed,
        visibleTo: p.visibleTo,
        visibleGroupIds: p.visibleGroupIds,
        membersOnly: p.membersOnly,
        joinRequests: p.joinRequests,
        inDraftFolder: folderIds.some((id) => this.folderStatus.get(id) === 'draft'),
      };
    });
    this.people = spec.users.map((u, i) => ({
      id: `u${i}`,
      status: u.status,
      kind: u.kind,
      emailConfirmed: u.emailConfirmed,
      groups: u.groups,
      memberOf: u.memberOf.map((n) => this.projectAt(n).id),
      participatedIn: u.participatedIn.map((n) => this.projectAt(n).id),
      listedInDirectory: u.listedInDirectory,
    }));
    this.held = spec.users.map((u) => {
      const held = new Map<string, Held>();
      for (const r of u.roles) {
        const scope = this.scopeFor(r.role, r.scope);
        if (scope && !held.has(scopeKey(scope))) held.set(scopeKey(scope), { role: r.role, scope });
      }
      return held;
    });
  }

  projectAt(n: number): ProjectFacts {
    const project = this.projects[n % this.projects.length];
    if (!project) throw new Error('a city has at least one project');
    return project;
  }

  /** The folders from the root down to `id`, inclusive. */
  pathTo(id: string | null): string[] {
    const path: string[] = [];
    for (let at = id; at !== null; at = this.parentOf.get(at) ?? null) path.unshift(at);
    return path;
  }

  /** The scope of the kind `role` is held on, picked by `n`; null when the city has none. */
  scopeFor(role: Role, n: number): Scope | null {
    switch (roleScopeType[role]) {
      case 'platform':
        return { type: 'platform' };
      case 'folder': {
        const id = this.folderIds[n % Math.max(1, this.folderIds.length)];
        return id === undefined ? null : { type: 'folder', id };
      }
      case 'project':
        return { type: 'project', id: this.projectAt(n).id };
    }
  }

  folder(id: string): FolderFacts {
    return {
      id,
      ancestorIds: this.pathTo(this.parentOf.get(id) ?? null),
      status: this.folderStatus.get(id) ?? 'draft',
      subtreeProjects: this.projects.filter((p) => p.folderIds.includes(id)),
    };
  }

  project(id: string): ProjectFacts {
    const project = this.projects.find((p) => p.id === id);
    if (!project) throw new Error(`no project ${id}`);
    return project;
  }

  scopeFacts(scope: Scope): ScopeFacts {
    switch (scope.type) {
      case 'platform':
        return scope;
      case 'folder':
        return { type: 'folder', id: scope.id, ancestorIds: this.folder(scope.id).ancestorIds };
      case 'project':
        return { type: 'project', id: scope.id, folderIds: this.project(scope.id).folderIds };
    }
  }

  /** The folders a scope lies in, the scope itself included when a folder. */
  foldersOf(scope: Scope): string[] {
    if (scope.type === 'platform') return [];
    if (scope.type === 'folder') return this.pathTo(scope.id);
    return [...this.project(scope.id).folderIds];
  }

  allScopes(): Scope[] {
    return [
      { type: 'platform' },
      ...this.folderIds.map((id) => ({ type: 'folder', id }) as const),
      ...this.projects.map((p) => ({ type: 'project', id: p.id }) as const),
    ];
  }

  grants(i: number): RoleGrant[] {
    return [...(this.held[i]?.values() ?? [])].map(({ role, scope }) => {
      const facts = this.scopeFacts(scope);
      return {
        role,
        scope,
        ancestorFolderIds:
          facts.type === 'folder'
            ? facts.ancestorIds
            : facts.type === 'project'
              ? facts.folderIds
              : [],
      };
    });
  }

  /** The subject of person `i` as the API would compile it, optionally with another status. */
  subject(i: number, status?: UserStatus): Subject {
    const p = this.people[i];
    if (!p) throw new Error(`no person ${i}`);
    return compileSubject({
      userId: p.id,
      status: status ?? p.status,
      kind: p.kind,
      emailConfirmed: p.emailConfirmed,
      verifiedAt: null,
      roles: this.grants(i),
      groupIds: p.groups,
      memberProjectIds: p.memberOf,
    });
  }

  /** Every target of the given kind in the city. */
  targets(kind: ActionTarget): Target[] {
    switch (kind) {
      case 'platform':
        return [{ type: 'platform' }];
      case 'folder':
        return this.folderIds.map((id) => ({ type: 'folder', folder: this.folder(id) }));
      case 'project':
        return this.projects.map((project) => ({ type: 'project', project }));
      case 'input':
        return this.projects.flatMap((project) =>
          [false, true].map((hidden) => ({ type: 'input', input: { project, hidden } }) as const),
        );
      case 'user':
        return this.people.map((p) => ({
          type: 'user',
          user: {
            id: p.id,
            listedInDirectory: p.listedInDirectory,
            active: p.status === 'active',
            participatedIn: p.participatedIn.map((id) => this.project(id)),
          },
        }));
      case 'group':
        return [false, true].map((builtIn) => ({ type: 'group', group: { builtIn } }) as const);
      case 'scope':
        return this.allScopes().map((scope) => ({ type: 'scope', scope: this.scopeFacts(scope) }));
      case 'role':
        return this.allScopes().flatMap((scope) =>
          roles
            .filter((role) => roleScopeType[role] === scope.type)
            .flatMap((role) =>
              [false, true].map(
                (isLastAdmin) =>
                  ({
                    type: 'role',
                    role: { role, scope: this.scopeFacts(scope), isLastAdmin },
                  }) as const,
              ),
            ),
        );
    }
  }
}

const cityArb = citySpecArb.map((spec) => new City(spec));
const envArb: fc.Arbitrary<DecisionEnv> = fc.record({
  managersMayDelegate: fc.boolean(),
  previewGranted: fc.boolean(),
  searching: fc.boolean(),
});

const same = (a: AccessDecision, b: AccessDecision) => ({
  a: { allowed: a.allowed, reason: a.reason },
  b: { allowed: b.allowed, reason: b.reason },
});

// ---------------------------------------------------------------------------------------------
// (a) SPEC 2.4: a pending or blocked user is treated as a visitor everywhere

describe('(a) pending and blocked users decide as visitors (SPEC 2.4)', () => {
  it('for every action on every target of a random city', () => {
    fc.assert(
      fc.property(cityArb, envArb, (city, env) => {
        const targets = new Map(actions.map((a) => [a, city.targets(actionRegistry[a].target)]));
        const asVisitor = new Map<string, AccessDecision>();
        for (const [action, list] of targets) {
          list.forEach((target, t) =>
            asVisitor.set(`${action}#${t}`, decide(visitor, action, target, env)),
          );
        }
        city.people.forEach((_, i) => {
          for (const status of ['pending', 'blocked'] as const) {
            const subject = city.subject(i, status);
            for (const [action, list] of targets) {
              list.forEach((target, t) => {
                const expected = asVisitor.get(`${action}#${t}`);
                if (!expected) throw new Error('missing');
                const { a, b } = same(decide(subject, action, target, env), expected);
                expect(a, `${status} u${i} ${action} #${t}`).toEqual(b);
              });
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// (b) SPEC 2.1–2.3: roles come only from those allowed to give them

/**
 * SPEC's rule for who may give or take `role` on `scope`, written apart from the policy: an admin
 * anything; nobody else the admin role; a folder manager, where the platform lets managers
 * delegate, folder and project managers inside their branch (their folder and below); whoever
 * manages a project (admin, folder manager above it, its project manager) its moderators and
 * reviewers. Pending and blocked users nothing.
 */
function specMayAppoint(
  city: City,
  actor: number,
  role: Role,
  scope: Scope,
  delegate: boolean,
): boolean {
  if (city.people[actor]?.status !== 'active') return false;
  const held = [...(city.held[actor]?.values() ?? [])];
  if (held.some((h) => h.role === 'admin')) return true;
  if (role === 'admin') return false;
  const above = new Set(city.foldersOf(scope));
  const managesFolderOf = held.some(
    (h) => h.role === 'folder_manager' && h.scope.type === 'folder' && above.has(h.scope.id),
  );
  if (role === 'folder_manager' || role === 'project_manager') return delegate && managesFolderOf;
  const managesProject = held.some(
    (h) =>
      h.role === 'project_manager' &&
      scope.type === 'project' &&
      h.scope.type === 'project' &&
      h.scope.id === scope.id,
  );
  return managesFolderOf || managesProject;
}

/** `scope` lies strictly above folder `f`: the platform, a folder above it, or a project there. */
function isAbove(city: City, scope: Scope, f: string): boolean {
  const fPath = city.pathTo(f);
  switch (scope.type) {
    case 'platform':
      return true;
    case 'folder':
      return scope.id !== f && fPath.includes(scope.id);
    case 'project': {
      // Directly under the platform or in a folder above `f`.
      const folders = city.project(scope.id).folderIds;
      return folders.length < fPath.length && folders.every((id, i) => fPath[i] === id);
    }
  }
}

/** Cities for (b): few people, deep trees, people holding roles, so that grants happen. */
const roleCitySpecArb = fc.record({
  folders: fc.array(folderSpecArb, { minLength: 1, maxLength: 6 }),
  projects: fc.array(projectSpecArb, { minLength: 1, maxLength: 5 }),
  users: fc.array(
    fc.record({
      ...userSpecModel,
      status: fc.constantFrom<UserStatus>('active', 'active', 'active', 'pending', 'blocked'),
      roles: fc.array(roleSpecArb, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 2, maxLength: 4 },
  ),
});

const stepArb = fc.record({
  actor: fc.nat(),
  target: fc.nat(),
  /** Acting on oneself: where escalation would start. */
  self: fc.boolean(),
  role: fc.constantFrom(...roles),
  scope: fc.nat(),
  revoke: fc.boolean(),
});

describe('(b) no one obtains a role but from someone allowed to give it (SPEC 2.1–2.3)', () => {
  it('over random sequences of role.assign and role.revoke', () => {
    // What the runs exercised, so the property cannot pass vacuously.
    const seen = {
      adminGrants: 0,
      delegatedGrants: 0,
      helperGrants: 0,
      selfGrants: 0,
      refusedEscalations: 0,
      lastAdminKept: 0,
      revokes: 0,
    };
    fc.assert(
      fc.property(
        roleCitySpecArb,
        fc.boolean(),
        fc.array(stepArb, { minLength: 20, maxLength: 60, size: 'max' }),
        (spec, delegate, steps) => {
          // A fresh state for every run: the steps change it.
          const city = new City(spec);
          const n = city.people.length;
          const adminCount = () =>
            city.held.filter((h) => [...h.values()].some((g) => g.role === 'admin')).length;
          const hadAdmins = adminCount() > 0;
          for (const step of steps) {
            const actor = step.actor % n;
            const target = step.self ? actor : step.target % n;
            const scope = city.scopeFor(step.role, step.scope);
            if (!scope) continue;
            const key = scopeKey(scope);
            const targetHeld = city.held[target];
            const actorHeld = city.held[actor];
            if (!targetHeld || !actorHeld) throw new Error('no such person');
            const current = targetHeld.get(key);
            // Revoke what is held; assign where nothing is held (a change of role is both).
            if (step.revoke ? current?.role !== step.role : current !== undefined) continue;
            const isLastAdmin = step.revoke && step.role === 'admin' && adminCount() === 1;
            const action: Action = step.revoke ? 'role.revoke' : 'role.assign';
            // The actor's subject is rebuilt from the state at every step.
            const decision = decide(
              city.subject(actor),
              action,
              {
                type: 'role',
                role: { role: step.role, scope: city.scopeFacts(scope), isLastAdmin },
              },
              { managersMayDelegate: delegate },
            );
            const expected = specMayAppoint(city, actor, step.role, scope, delegate);
            const what = `u${actor} ${action} ${step.role} on ${key} for u${target}`;
            // The policy allows exactly what SPEC allows, except removing the last admin.
            expect(decision.allowed, what).toBe(expected && !isLastAdmin);
            if (expected && isLastAdmin) expect(decision.reason, what).toBe('last_admin');
            const actorIsAdmin = [...actorHeld.values()].some((h) => h.role === 'admin');
            if (expected && isLastAdmin) seen.lastAdminKept++;
            if (!decision.allowed) {
              if (!actorIsAdmin && actorHeld.size > 0) seen.refusedEscalations++;
              continue;
            }
            if (step.revoke) seen.revokes++;
            else if (actorIsAdmin) seen.adminGrants++;
            else if (step.role === 'folder_manager' || step.role === 'project_manager')
              seen.delegatedGrants++;
            else seen.helperGrants++;
            if (!step.revoke && actor === target && !actorIsAdmin) seen.selfGrants++;
            if (!step.revoke) {
              // Whoever obtains the admin role obtains it from an admin.
              if (step.role === 'admin') expect(actorIsAdmin, what).toBe(true);
              if (!actorIsAdmin) {
                // A non-admin gives roles only inside what they manage…
                const inBranch = [...actorHeld.values()].some(
                  (h) =>
                    (h.role === 'folder_manager' &&
                      h.scope.type === 'folder' &&
                      city.foldersOf(scope).includes(h.scope.id)) ||
                    (h.role === 'project_manager' && scopeKey(h.scope) === key),
                );
                expect(inBranch, what).toBe(true);
                // …so a folder manager never gives themselves a role above their folder (above
                // every folder they manage), and gets one there only from someone whose branch
                // covers it (checked just above).
                const ownFolders = [...actorHeld.values()].flatMap((h) =>
                  h.role === 'folder_manager' && h.scope.type === 'folder' ? [h.scope.id] : [],
                );
                if (actor === target && ownFolders.length > 0) {
                  expect(
                    ownFolders.some((f) => !isAbove(city, scope, f)),
                    what,
                  ).toBe(true);
                }
              }
              targetHeld.set(key, { role: step.role, scope });
            } else {
              targetHeld.delete(key);
              // The last admin is never removed.
              if (hadAdmins) expect(adminCount(), what).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// (c) SPEC 3: nobody may act on what they cannot see

const onProject = actions.filter((a) => actionRegistry[a].target === 'project');
const projectManagement = onProject.filter(
  (a) => a !== 'project.read' && a !== 'project.list' && a !== 'project.readContent',
);

describe('(c) listing, content and every management action imply seeing the project (SPEC 3)', () => {
  it('in random cities, for everyone in them and the visitor', () => {
    fc.assert(
      fc.property(cityArb, envArb, (city, env) => {
        const subjects = [...city.people.map((_, i) => city.subject(i)), visitor];
        for (const subject of subjects) {
          for (const project of city.projects) {
            const who = `${subject.userId ?? 'visitor'} on ${project.id}`;
            const target: Target = { type: 'project', project };
            const read = decide(subject, 'project.read', target, env).allowed;
            const allowedHere = (action: Action, t: Target = target) =>
              decide(subject, action, t, env).allowed;
            if (allowedHere('project.list')) expect(read, `${who}: listed`).toBe(true);
            if (allowedHere('project.readContent')) expect(read, `${who}: content`).toBe(true);
            // Listing (and search) needs no preview link: what is listed is seen without one.
            if (allowedHere('project.list')) {
              expect(decide(subject, 'project.read', target).allowed, `${who}: listed`).toBe(true);
            }
            for (const action of projectManagement) {
              if (allowedHere(action)) expect(read, `${who}: ${action}`).toBe(true);
            }
            for (const hidden of [false, true]) {
              if (allowedHere('input.read', { type: 'input', input: { project, hidden } })) {
                expect(read, `${who}: input.read`).toBe(true);
              }
            }
            const scope = city.scopeFacts({ type: 'project', id: project.id });
            for (const action of actions.filter((a) => actionRegistry[a].target === 'scope')) {
              if (allowedHere(action, { type: 'scope', scope })) {
                expect(read, `${who}: ${action}`).toBe(true);
              }
            }
            for (const role of roles.filter((r) => roleScopeType[r] === 'project')) {
              for (const action of ['role.assign', 'role.revoke'] as const) {
                if (allowedHere(action, { type: 'role', role: { role, scope } })) {
                  expect(read, `${who}: ${action} ${role}`).toBe(true);
                }
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// (d) SPEC 1, 3.2: seeing a folder implies seeing its path; managing it implies seeing it

const folderManagement = actions.filter(
  (a) => actionRegistry[a].target === 'folder' && a !== 'folder.read' && a !== 'folder.readPath',
);

describe('(d) folder.read implies folder.readPath (SPEC 1, 3.2)', () => {
  it('in random cities, for everyone in them and the visitor', () => {
    fc.assert(
      fc.property(cityArb, (city) => {
        const subjects = [...city.people.map((_, i) => city.subject(i)), visitor];
        for (const subject of subjects) {
          for (const id of city.folderIds) {
            const who = `${subject.userId ?? 'visitor'} on ${id}`;
            const target: Target = { type: 'folder', folder: city.folder(id) };
            const read = decide(subject, 'folder.read', target).allowed;
            const path = decide(subject, 'folder.readPath', target).allowed;
            if (read) expect(path, who).toBe(true);
            for (const action of folderManagement) {
              if (decide(subject, action, target).allowed)
                expect(read, `${who}: ${action}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
