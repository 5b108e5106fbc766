import { allow, deny, type Decision } from './decision.js';
import type { DecisionEnv, FolderFacts, InputFacts, ProjectFacts, UserFacts } from './facts.js';
import { managingKinds, standingOnFolder, standingOnProject, type Standing } from './standing.js';
import type { Subject } from './subject.js';

/*
 * Who sees what (SPEC 3). "Can list" is "can read" plus the listing's own conditions, and the
 * SQL filters in @samrad/db (scopes/) mirror these functions; property tests hold them equal.
 */

/** SPEC 3.1, 3.4: may the subject open this project (its public card)? */
export function readProject(
  subject: Subject,
  project: ProjectFacts,
  env?: DecisionEnv,
  standing: Standing | null = standingOnProject(subject, project),
): Decision<'not_visible'> {
  if (standing) return allow(standing.label);
  if (project.status === 'draft' && !env?.previewGranted) {
    return deny('not_visible', 'a draft is seen only by those who manage it and by preview links');
  }
  const status =
    env?.previewGranted && project.status === 'draft' ? 'preview link' : project.status;
  switch (project.visibleTo) {
    case 'everyone':
      return allow(status, 'visible to everyone');
    case 'managers':
      return deny('not_visible', 'visible to admins and managers only');
    case 'groups':
      for (const group of project.visibleGroupIds) {
        if (subject.groupIds.has(group)) return allow(status, `member of group ${group}`);
      }
      return deny('not_visible', 'visible to selected groups, and the subject is in none of them');
  }
}

/** SPEC 3.2–3.3: may the subject find it in listings and widgets? */
export function listProject(
  subject: Subject,
  project: ProjectFacts,
  env?: DecisionEnv,
): Decision<'not_visible'> {
  const standing = standingOnProject(subject, project);
  const read = readProject(subject, project, undefined, standing);
  if (!read.allowed) return read;
  if (!project.listed) return deny('not_visible', 'unlisted: reachable by its link only');
  if (!standing && project.inDraftFolder && !env?.searching) {
    return deny('not_visible', 'in a draft folder: reachable by link and search, not listed');
  }
  return read;
}

/** SPEC 3.5: members-only projects show their card to all who see them, content to members. */
export function readProjectContent(
  subject: Subject,
  project: ProjectFacts,
  env?: DecisionEnv,
): Decision<'not_visible' | 'not_a_member'> {
  const standing = standingOnProject(subject, project);
  const read = readProject(subject, project, env, standing);
  if (!read.allowed || standing || !project.membersOnly) return read;
  if (subject.userId !== null && subject.memberProjectIds.has(project.id))
    return allow(...read.trace, 'member');
  return deny('not_a_member', 'members only: the content is for members');
}

/**
 * SPEC 3.2: a folder is seen by those who manage it, and, when not a draft, by whoever sees one
 * of the projects below it; an empty one by everyone.
 */
export function readFolder(subject: Subject, folder: FolderFacts): Decision<'not_visible'> {
  const standing = standingOnFolder(subject, folder);
  if (standing) return allow(standing.label);
  if (folder.status === 'draft')
    return deny('not_visible', 'a draft folder is seen only by those who manage it');
  if (folder.subtreeProjects.length === 0)
    return allow(folder.status, 'empty: visible to everyone');
  for (const project of folder.subtreeProjects) {
    if (readProject(subject, project).allowed)
      return allow(folder.status, `can see project ${project.id} inside`);
  }
  return deny('not_visible', 'the subject can see none of its projects');
}

/** SPEC 1: folders above a managed branch are readable as names and paths only. */
export function readFolderPath(subject: Subject, folder: FolderFacts): Decision<'not_visible'> {
  if (subject.managedBelow.has(folder.id)) return allow('manages something below it');
  return readFolder(subject, folder);
}

/** An input is seen with the project's content; a hidden one only by those who run the project. */
export function readInput(
  subject: Subject,
  input: InputFacts,
): Decision<'not_visible' | 'not_a_member'> {
  const content = readProjectContent(subject, input.project);
  if (!content.allowed || !input.hidden) return content;
  const standing = standingOnProject(subject, input.project);
  if (standing) return allow(standing.label, 'sees hidden inputs of the project');
  return deny('not_visible', 'hidden by moderation');
}

/**
 * SPEC 2.3, 2.4, 6: a public profile is seen by the person, admins, those who manage a project the
 * person took part in, fellow members of a project the person is a member of, and — when the
 * person chose to be listed — other signed-in users. Never by visitors: membership of the
 * platform is not shown to them.
 */
export function readUser(subject: Subject, user: UserFacts): Decision<'not_visible'> {
  const personal = readPersonalData(subject, user);
  if (personal.allowed) return personal;
  if (!user.active) return deny('not_visible', 'a pending or blocked account is not shown');
  if (subject.userId !== null && user.listedInDirectory) {
    return allow('listed in the member directory');
  }
  for (const project of user.memberOf ?? []) {
    if (subject.memberProjectIds.has(project)) return allow(`both members of project ${project}`);
  }
  return deny(
    'not_visible',
    'not listed, not a fellow member, not a participant of what the subject manages',
  );
}

/** E-mail and answers: the person, admins, and managers of a project the person took part in. */
export function readPersonalData(subject: Subject, user: UserFacts): Decision<'not_visible'> {
  if (subject.userId !== null && subject.userId === user.id) return allow('their own');
  if (subject.adminGrant !== null) return allow(subject.adminGrant);
  for (const project of user.participatedIn) {
    const standing = standingOnProject(subject, project);
    if (standing && managingKinds.has(standing.kind))
      return allow(standing.label, `took part in project ${project.id}`);
  }
  return deny('not_visible', 'not a participant of what the subject manages');
}
