import { GetProjectInput, ListProjectsInput } from '@samrad/core';
import { listing, onProject } from '../access/guards.js';
import { getProject } from '../use-cases/projects/get-project.js';
import { listProjects } from '../use-cases/projects/list-projects.js';
import { forAnyone, router } from '../trpc.js';

export const projectsRouter = router({
  list: forAnyone(ListProjectsInput.default({ limit: 24 }), listing('project.list')).query(
    ({ ctx, input }) => listProjects(ctx, input, ctx.granted.scope),
  ),
  get: forAnyone(
    GetProjectInput,
    onProject('project.read', (input) => input.id, { previewToken: (input) => input.previewToken }),
  ).query(({ ctx, input }) => getProject(ctx, input)),
});
