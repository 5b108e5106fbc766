import type { ProjectVisibility, PublicationStatus } from '../projects/publication.js';
import { allow, deny, type Decision } from './decision.js';

/** What the visitor rules need to know about a project. */
export interface ProjectVisibilityFacts {
  status: PublicationStatus;
  listed: boolean;
  visibleTo: ProjectVisibility;
}

/** Statuses anyone may see: drafts are for their managers and preview links only (SPEC 3.1). */
export const publiclyVisibleStatuses = [
  'published',
  'archived',
] as const satisfies PublicationStatus[];

/**
 * May a visitor open this project by its direct link? Published or archived, and visible to
 * everyone (SPEC 3.1, 3.4). Unlisted projects stay reachable by link (SPEC 3.3).
 * The SQL filter in `@samrad/db` (scopes/projects.ts) mirrors this rule; a test holds them equal.
 */
export function visitorMayReadProject(
  project: ProjectVisibilityFacts,
): Decision<'project_not_visible'> {
  if (!(publiclyVisibleStatuses as readonly string[]).includes(project.status)) {
    return deny('project_not_visible', `status is ${project.status}: only its managers see it`);
  }
  if (project.visibleTo !== 'everyone') {
    return deny('project_not_visible', `visible to ${project.visibleTo} only`);
  }
  return allow(`status is ${project.status}`, 'visible to everyone');
}

/** May a visitor find it in listings and widgets? Readable and listed (SPEC 3.3). */
export function visitorMayListProject(
  project: ProjectVisibilityFacts,
): Decision<'project_not_visible'> {
  const read = visitorMayReadProject(project);
  if (!read.allowed) return read;
  if (!project.listed) return deny('project_not_visible', 'unlisted: reachable by its link only');
  return allow(...read.trace, 'listed');
}
