/**
 * The closed set of things one may do, as `resource.verb` strings (cal.com's registry). Each
 * names the kind of target it is decided on and says what it allows. `decide()` knows them all;
 * the permission table (SPEC 7) is generated from it.
 */
export const actionRegistry = {
  // The platform (SPEC 2.1).
  'platform.update': {
    target: 'platform',
    description: 'Change platform settings, branding and home page',
  },
  'platform.email': { target: 'platform', description: 'Send platform-wide e-mails' },
  'platform.analytics': { target: 'platform', description: 'See the full dashboard and analytics' },
  'user.manage': {
    target: 'platform',
    description: 'List, approve, block and delete users; see user data',
  },
  'group.edit': { target: 'platform', description: 'Create and edit user groups and smart groups' },
  'registrationQuestion.edit': {
    target: 'platform',
    description: 'Create and edit registration questions',
  },
  'folder.createTopLevel': {
    target: 'platform',
    description: 'Create a folder directly under the platform',
  },
  'project.createTopLevel': {
    target: 'platform',
    description: 'Create a project directly under the platform',
  },
  // Folders (SPEC 2.2, 3.2).
  'folder.read': { target: 'folder', description: 'See the folder and its description' },
  'folder.readPath': {
    target: 'folder',
    description: 'See the folder’s name and place in the tree',
  },
  'folder.update': { target: 'folder', description: 'Edit the folder’s description and settings' },
  'folder.publish': {
    target: 'folder',
    description: 'Publish, archive or set the folder back to draft',
  },
  'folder.createFolder': { target: 'folder', description: 'Create a sub-folder in the folder' },
  'folder.createProject': { target: 'folder', description: 'Create a project in the folder' },
  'folder.delete': { target: 'folder', description: 'Delete the folder' },
  // Projects (SPEC 2.2–2.3, 3).
  'project.read': { target: 'project', description: 'See the project’s public card' },
  'project.list': {
    target: 'project',
    description: 'Find the project on the home page, in listings and widgets',
  },
  'project.readContent': {
    target: 'project',
    description: 'See inputs, discussions, files and events',
  },
  'project.readBackOffice': { target: 'project', description: 'Open the project in the console' },
  'project.update': { target: 'project', description: 'Edit title, description and settings' },
  'project.setAccess': {
    target: 'project',
    description: 'Change who can find, see and join the project',
  },
  'project.publish': {
    target: 'project',
    description: 'Publish, archive or set the project back to draft',
  },
  'project.unpublish': {
    target: 'project',
    description: 'Set a published or archived project back to draft',
  },
  'project.requestReview': {
    target: 'project',
    description: 'Ask for the review a first publication needs',
  },
  'project.approve': {
    target: 'project',
    description: 'Approve a review (publishing) or send it back',
  },
  'project.delete': { target: 'project', description: 'Delete the project' },
  'project.preview': {
    target: 'project',
    description: 'Get, renew and revoke the preview link of a draft',
  },
  'project.move': {
    target: 'project',
    description: 'Move the project out of its folder (also needs the destination)',
  },
  'project.manageMembers': {
    target: 'project',
    description: 'Decide join requests and send invitations',
  },
  'project.emailParticipants': {
    target: 'project',
    description: 'E-mail the project’s participants',
  },
  'project.exportParticipants': { target: 'project', description: 'Export participant lists' },
  'project.viewInsights': {
    target: 'project',
    description: 'See participation metrics and demographic breakdowns',
  },
  'project.viewVoterIdentities': {
    target: 'project',
    description: 'See votes linked to personal identifiers',
  },
  'phase.manage': {
    target: 'project',
    description: 'Create, change and delete phases and participation settings',
  },
  'phase.test': {
    target: 'project',
    description: 'Take part in a closed or not yet open phase, more than once',
  },
  'event.manage': { target: 'project', description: 'Create and change events' },
  'input.moderate': { target: 'project', description: 'Hide or delete any input or comment' },
  'input.answer': { target: 'project', description: 'Answer residents’ inputs officially' },
  'input.assess': { target: 'project', description: 'Write assessments of inputs' },
  // Inputs, people and groups: what listings show.
  'input.read': {
    target: 'input',
    description: 'See an input (hidden ones: those who run the project)',
  },
  'user.read': { target: 'user', description: 'See someone’s public profile' },
  'user.readPersonalData': {
    target: 'user',
    description: 'See someone’s e-mail and registration answers',
  },
  'group.read': { target: 'platform', description: 'See the platform’s user groups' },
  'group.change': {
    target: 'group',
    description: 'Edit or delete an existing user group (built-in groups: never)',
  },
  // On any scope.
  'group.use': { target: 'scope', description: 'Pick existing user groups for what one manages' },
  'audit.read': { target: 'scope', description: 'Read the audit log of the scope' },
  'access.explain': {
    target: 'scope',
    description: 'Ask why someone may or may not do something in the scope',
  },
  // Roles (SPEC 2), on a scope, for a given role.
  'role.assign': { target: 'role', description: 'Give someone this role on the scope' },
  'role.revoke': { target: 'role', description: 'Take this role away from someone on the scope' },
} as const satisfies Record<string, { target: ActionTarget; description: string }>;

export type ActionTarget =
  'platform' | 'folder' | 'project' | 'input' | 'user' | 'group' | 'scope' | 'role';
export type Action = keyof typeof actionRegistry;
export type ActionOn<T extends ActionTarget> = {
  [A in Action]: (typeof actionRegistry)[A]['target'] extends T ? A : never;
}[Action];

export const actions = Object.keys(actionRegistry) as Action[];

export function isAction(value: string): value is Action {
  return Object.hasOwn(actionRegistry, value);
}
