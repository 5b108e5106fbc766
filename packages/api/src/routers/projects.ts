import { GetProjectInput, ListProjectsInput } from '@samrad/core';
import { getProject } from '../use-cases/projects/get-project.js';
import { listProjects } from '../use-cases/projects/list-projects.js';
import { publicProcedure, router } from '../trpc.js';

export const projectsRouter = router({
  list: publicProcedure
    .input(ListProjectsInput.default({ limit: 24 }))
    .query(({ ctx, input }) => listProjects(ctx, input)),
  get: publicProcedure.input(GetProjectInput).query(({ ctx, input }) => getProject(ctx, input)),
});
