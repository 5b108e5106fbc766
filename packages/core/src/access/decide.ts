import type { Action } from './actions.js';
import { allow, deny, type Decision } from './decision.js';
import type {
  DecisionEnv,
  FolderFacts,
  ProjectFacts,
  RoleTarget,
  ScopeFacts,
  Target,
  UserFacts,
} from './facts.js';
import type { AccessReason } from './reasons.js';
import { roleScopeType } from './roles.js';
import {
  managingKinds,
  standingOnFolder,
  standingOnProject,
  standingOnScope,
  type Standing,
} from './standing.js';
import type { Subject } from './subject.js';
import {
  listProject,
  readFolder,
  readFolderPath,
  readInput,
  readPersonalData,
  readProject,
  readProjectContent,
  readUser,
} from './visibility.js';

export type AccessDecision = Decision<AccessReason>;

/**
 * The one question the rest of Samrad asks: may `subject` do `action` to `target`?
 * Deny by default: an action without a rule below is refused. Never throws.
 */
export function decide(
  subject: Subject,
  action: Action,
  target: Target,
  env: DecisionEnv = {},
): AccessDecision {
  switch (target.type) {
    case 'platform':
      return onPlatform(subject, action);
    case 'folder':
      return onFolder(subject, action, target.folder);
    case 'project':
      return onProject(subject, action, target.project, env);
    case 'input':
      return action === 'input.read'
        ? readInput(subject, target.input)
        : deny('not_permitted', `${action} is not decided on an input`);
    case 'user':
      return onUser(subject, action, target.user);
    case 'group':
      return onGroup(subject, action, target.group);
    case 'scope':
      return onScope(subject, action, target.scope);
    case 'role':
      return onRole(subject, action, target.role, env);
  }
}

// A fresh value each time: callers may extend a decision's trace.
const notSignedIn = () => deny('not_signed_in', 'sign in first');

function refuse(subject: Subject, why: string): AccessDecision {
  return subject.userId === null ? notSignedIn() : deny('not_permitted', why);
}

/** SPEC 2.1: platform-wide things are for platform admins only. */
const platformActions = new Set<Action>([
  'platform.update',
  'platform.email',
  'platform.analytics',
  'user.manage',
  'group.edit',
  'registrationQuestion.edit',
  'folder.createTopLevel',
  'project.createTopLevel',
]);

function onPlatform(subject: Subject, action: Action): AccessDecision {
  if (action === 'group.read') return readGroups(subject);
  if (!platformActions.has(action))
    return deny('not_permitted', `${action} is not decided on the platform`);
  if (subject.adminGrant !== null) return allow(subject.adminGrant);
  return refuse(subject, 'only platform admins change platform-wide things');
}

/** SPEC 5: admins edit groups; managers pick existing ones for what they manage, so they see them. */
function readGroups(subject: Subject): AccessDecision {
  if (subject.adminGrant !== null) return allow(subject.adminGrant);
  const [folderGrant] = subject.folderGrants.values();
  if (folderGrant !== undefined)
    return allow(folderGrant, 'managers pick groups for what they manage');
  for (const grant of subject.projectGrants.values()) {
    if (grant.role === 'project_manager')
      return allow(grant.label, 'managers pick groups for what they manage');
  }
  return refuse(subject, 'only admins and managers see user groups');
}

/** SPEC 5: only admins edit groups, and built-in groups nobody. */
function onGroup(subject: Subject, action: Action, group: { builtIn: boolean }): AccessDecision {
  if (action !== 'group.change')
    return deny('not_permitted', `${action} is not decided on a group`);
  if (subject.adminGrant === null) return refuse(subject, 'only platform admins edit groups');
  if (group.builtIn) return deny('built_in', 'built-in groups cannot be edited or deleted');
  return allow(subject.adminGrant);
}

function onUser(subject: Subject, action: Action, user: UserFacts): AccessDecision {
  if (action === 'user.read') return readUser(subject, user);
  if (action === 'user.readPersonalData') {
    const profile = readUser(subject, user);
    if (!profile.allowed) return profile;
    const personal = readPersonalData(subject, user);
    return personal.allowed ? personal : deny('not_permitted', ...personal.trace);
  }
  return deny('not_permitted', `${action} is not decided on a person`);
}

/** SPEC 2.2: a folder manager acts as an admin inside the folder's subtree, without deleting. */
const folderManagement = new Set<Action>([
  'folder.update',
  'folder.publish',
  'folder.createFolder',
  'folder.createProject',
]);

function onFolder(subject: Subject, action: Action, folder: FolderFacts): AccessDecision {
  if (action === 'folder.read') return readFolder(subject, folder);
  if (action === 'folder.readPath') return readFolderPath(subject, folder);
  const visible = readFolderPath(subject, folder);
  if (!visible.allowed) return visible;
  const standing = standingOnFolder(subject, folder);
  if (folderManagement.has(action)) {
    return standing
      ? allow(standing.label)
      : refuse(subject, 'only admins and managers of the folder');
  }
  if (action === 'folder.delete') {
    if (standing?.kind === 'admin') return allow(standing.label);
    return refuse(subject, 'only platform admins delete folders');
  }
  return deny('not_permitted', `${action} is not decided on a folder`);
}

/**
 * Project actions by standing (SPEC 2.1–2.3 and the peers' moderator and reviewer). What a
 * standing lacks here it is refused; limits named in SPEC are absences from these sets.
 */
const managerActions: readonly Action[] = [
  'project.readBackOffice',
  'project.update',
  'project.setAccess',
  'project.publish',
  'project.requestReview',
  'project.preview',
  'project.manageMembers',
  'project.emailParticipants',
  'project.exportParticipants',
  'project.viewInsights',
  'phase.manage',
  'phase.test',
  'event.manage',
  'input.moderate',
  'input.answer',
];
const projectRights: Record<Standing['kind'], ReadonlySet<Action>> = {
  admin: new Set<Action>([
    ...managerActions,
    'project.unpublish',
    'project.approve',
    'project.move',
    'project.delete',
    'project.viewVoterIdentities',
    'input.assess',
  ]),
  // "Cannot delete projects"; votes linked to identities stay with admins.
  // SPEC 2.2: they set unused projects back to draft instead of deleting them.
  folder_manager: new Set<Action>([
    ...managerActions,
    'project.unpublish',
    'project.approve',
    'project.move',
    'input.assess',
  ]),
  // No approving their own first publication, no moving it out of its folder; once published
  // they archive and republish it (SPEC 2.3), never take it back to draft. SPEC 2.3: "same
  // rights as an admin, but only inside one project", so they assess inputs as admins do.
  project_manager: new Set<Action>([...managerActions, 'input.assess']),
  project_moderator: new Set<Action>([
    'project.readBackOffice',
    'project.viewInsights',
    'input.moderate',
    'input.answer',
  ]),
  project_reviewer: new Set<Action>(['project.readBackOffice', 'input.assess']),
};

function onProject(
  subject: Subject,
  action: Action,
  project: ProjectFacts,
  env: DecisionEnv,
): AccessDecision {
  const standing = standingOnProject(subject, project);
  const read = readProject(subject, project, env, standing);
  if (action === 'project.read') return read;
  if (action === 'project.list') return listProject(subject, project, env);
  if (action === 'project.readContent') return readProjectContent(subject, project, env);
  if (!read.allowed) return read;
  if (!standing || !projectRights[standing.kind].has(action)) {
    return refuse(
      subject,
      standing ? `a ${standing.kind} may not ${action}` : 'only those who manage the project',
    );
  }
  if (
    action === 'project.publish' &&
    standing.kind === 'project_manager' &&
    !project.everPublished
  ) {
    return deny(
      'review_required',
      standing.label,
      'a first publication needs the approval of an admin or a folder manager above',
    );
  }
  if (action === 'project.requestReview' && project.everPublished) {
    return deny(
      'already_published',
      'published before: its managers may publish it again without review',
    );
  }
  return allow(standing.label);
}

function onScope(subject: Subject, action: Action, scope: ScopeFacts): AccessDecision {
  const standing = standingOnScope(subject, scope);
  if (action === 'audit.read' || action === 'access.explain' || action === 'group.use') {
    if (standing && managingKinds.has(standing.kind)) return allow(standing.label);
    return refuse(subject, 'only admins, and managers within their scope');
  }
  return deny('not_permitted', `${action} is not decided on a scope`);
}

/**
 * SPEC 2.1–2.2: only admins grant the admin role and appoint managers; with delegation on, a
 * folder manager appoints folder and project managers inside their branch, never above it.
 * Moderators and reviewers are appointed by whoever manages the project.
 */
function onRole(
  subject: Subject,
  action: Action,
  target: RoleTarget,
  env: DecisionEnv,
): AccessDecision {
  if (action !== 'role.assign' && action !== 'role.revoke') {
    return deny('not_permitted', `${action} is not decided on a role`);
  }
  // SPEC 2: each role is held on one kind of scope (an admin on the platform, a folder manager on
  // a folder, project roles on a project); a grant on another kind of scope is refused.
  if (roleScopeType[target.role] !== target.scope.type) {
    return deny('not_permitted', `a ${target.role} is held on a ${roleScopeType[target.role]}`);
  }
  const decision = mayAppoint(subject, target, env);
  if (decision.allowed && action === 'role.revoke' && target.isLastAdmin) {
    return deny('last_admin', 'the last platform admin can never be removed');
  }
  return decision;
}

function mayAppoint(subject: Subject, target: RoleTarget, env: DecisionEnv): AccessDecision {
  if (subject.adminGrant !== null) return allow(subject.adminGrant);
  if (subject.userId === null) return notSignedIn();
  const standing = standingOnScope(subject, target.scope);
  if (!standing)
    return deny('not_permitted', 'only admins appoint people outside what they manage');
  switch (target.role) {
    case 'admin':
      return deny('not_permitted', 'only admins grant or revoke the admin role');
    case 'folder_manager':
    case 'project_manager':
      if (standing.kind !== 'folder_manager')
        return deny('not_permitted', 'only admins appoint managers');
      if (!env.managersMayDelegate) {
        return deny(
          'delegation_off',
          standing.label,
          'the platform does not let managers delegate',
        );
      }
      return allow(standing.label, 'managers may delegate inside their branch');
    case 'project_moderator':
    case 'project_reviewer':
      return managingKinds.has(standing.kind)
        ? allow(standing.label)
        : deny(
            'not_permitted',
            'only those who manage the project appoint its moderators and reviewers',
          );
  }
}
