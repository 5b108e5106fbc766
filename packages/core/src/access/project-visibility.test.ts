import { describe, expect, it } from 'vitest';
import { projectVisibilities, publicationStatuses } from '../projects/publication.js';
import { visitorMayListProject, visitorMayReadProject } from './project-visibility.js';

const worlds = publicationStatuses.flatMap((status) =>
  projectVisibilities.flatMap((visibleTo) =>
    [true, false].map((listed) => ({ status, visibleTo, listed })),
  ),
);

describe('visitor visibility of projects (SPEC 3.1, 3.3, 3.4)', () => {
  it.each(worlds)('read and list %o', (project) => {
    const readable =
      (project.status === 'published' || project.status === 'archived') &&
      project.visibleTo === 'everyone';
    const read = visitorMayReadProject(project);
    const list = visitorMayListProject(project);
    expect(read.allowed).toBe(readable);
    expect(list.allowed).toBe(readable && project.listed);
    for (const decision of [read, list]) {
      expect(decision.reason).toBe(decision.allowed ? null : 'project_not_visible');
      expect(decision.trace.length).toBeGreaterThan(0);
    }
  });
});
