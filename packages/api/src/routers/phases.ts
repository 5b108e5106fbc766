import {
  CreatePhaseInput,
  DeletePhaseInput,
  ListPhasesInput,
  SetParticipationInput,
  UpdatePhaseInput,
} from '@samrad/core';
import { onProject } from '../access/guards.js';
import { onPhase } from '../access/phase-guard.js';
import { createPhase } from '../use-cases/phases/create-phase.js';
import { deletePhase } from '../use-cases/phases/delete-phase.js';
import { listPhases } from '../use-cases/phases/list-phases.js';
import { setParticipation } from '../use-cases/phases/set-participation.js';
import { updatePhase } from '../use-cases/phases/update-phase.js';
import { forAnyone, forSignedIn, router } from '../trpc.js';

export const phasesRouter = router({
  // Settings come whole to those who may `phase.manage` the project, their public part to others.
  list: forAnyone(
    ListPhasesInput,
    onProject('project.read', (input) => input.projectId, {
      previewToken: (input) => input.previewToken,
    }),
  ).query(({ ctx, input }) => listPhases(ctx, input, ctx.granted.project)),
  create: forSignedIn(
    CreatePhaseInput,
    onProject('phase.manage', (input) => input.projectId),
  ).mutation(({ ctx, input }) => createPhase(ctx, input, ctx.granted.project)),
  update: forSignedIn(
    UpdatePhaseInput,
    onPhase('phase.manage', (input) => input.id),
  ).mutation(({ ctx, input }) => updatePhase(ctx, input, ctx.granted.phase)),
  delete: forSignedIn(
    DeletePhaseInput,
    onPhase('phase.manage', (input) => input.id),
  ).mutation(({ ctx, input }) => deletePhase(ctx, input)),
  setParticipation: forSignedIn(
    SetParticipationInput,
    onPhase('phase.manage', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => setParticipation(ctx, input, ctx.granted)),
});
