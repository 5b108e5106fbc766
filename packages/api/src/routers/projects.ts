import {
  CreateProjectInput,
  DecideReviewInput,
  GetProjectInput,
  ListProjectsInput,
  MoveProjectInput,
  ProjectIdInput,
  RequestReviewInput,
  SetProjectAccessInput,
  SetProjectStatusInput,
  UpdateProjectInput,
} from '@samrad/core';
import { both, listing, onProject } from '../access/guards.js';
import { createProject } from '../use-cases/projects/create-project.js';
import { decideReview } from '../use-cases/projects/decide-review.js';
import { deleteProject } from '../use-cases/projects/delete-project.js';
import { onDestination } from '../use-cases/projects/destination-guard.js';
import { getProject } from '../use-cases/projects/get-project.js';
import { listProjects } from '../use-cases/projects/list-projects.js';
import { moveProject } from '../use-cases/projects/move-project.js';
import { renewPreviewLink, revokePreviewLink } from '../use-cases/projects/preview-link.js';
import { requestReview } from '../use-cases/projects/request-review.js';
import { setProjectAccess } from '../use-cases/projects/set-project-access.js';
import { onStatusChange, setProjectStatus } from '../use-cases/projects/set-project-status.js';
import { updateProject } from '../use-cases/projects/update-project.js';
import { forAnyone, forSignedIn, router } from '../trpc.js';

export const projectsRouter = router({
  list: forAnyone(ListProjectsInput.default({ limit: 24 }), listing('project.list')).query(
    ({ ctx, input }) => listProjects(ctx, input, ctx.granted.scope),
  ),
  get: forAnyone(
    GetProjectInput,
    onProject('project.read', (input) => input.id, { previewToken: (input) => input.previewToken }),
  ).query(({ ctx, input }) => getProject(ctx, input.id, ctx.granted.project)),
  create: forSignedIn(
    CreateProjectInput,
    onDestination((input) => input.folderId),
  ).mutation(({ ctx, input }) => createProject(ctx, input)),
  update: forSignedIn(
    UpdateProjectInput,
    onProject('project.update', (input) => input.id),
  ).mutation(({ ctx, input }) => updateProject(ctx, input)),
  setStatus: forSignedIn(SetProjectStatusInput, onStatusChange()).mutation(({ ctx, input }) =>
    setProjectStatus(ctx, input),
  ),
  setAccess: forSignedIn(
    SetProjectAccessInput,
    onProject('project.setAccess', (input) => input.id),
  ).mutation(({ ctx, input }) => setProjectAccess(ctx, input, ctx.granted.project)),
  delete: forSignedIn(
    ProjectIdInput,
    onProject('project.delete', (input) => input.id),
  ).mutation(({ ctx, input }) => deleteProject(ctx, input)),
  // Someone who manages both places: the project (`project.move`) and where it goes.
  move: forSignedIn(
    MoveProjectInput,
    both(
      onProject('project.move', (input) => input.id),
      onDestination((input) => input.folderId),
    ),
  ).mutation(({ ctx, input }) => moveProject(ctx, input)),
  requestReview: forSignedIn(
    RequestReviewInput,
    onProject('project.requestReview', (input) => input.id),
  ).mutation(({ ctx, input }) => requestReview(ctx, input)),
  decideReview: forSignedIn(
    DecideReviewInput,
    onProject('project.approve', (input) => input.id),
  ).mutation(({ ctx, input }) => decideReview(ctx, input)),
  renewPreviewLink: forSignedIn(
    ProjectIdInput,
    onProject('project.preview', (input) => input.id),
  ).mutation(({ ctx, input }) => renewPreviewLink(ctx, input)),
  revokePreviewLink: forSignedIn(
    ProjectIdInput,
    onProject('project.preview', (input) => input.id),
  ).mutation(({ ctx, input }) => revokePreviewLink(ctx, input)),
});
