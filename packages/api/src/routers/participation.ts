import { CreateInputInput, InputIdInput, ListInputsInput, PhaseIdInput } from '@samrad/core';
import { both, listing } from '../access/guards.js';
import { onInput } from '../access/input-guard.js';
import { onPhaseParticipation, toParticipate } from '../access/participation-guard.js';
import { onPhase } from '../access/phase-guard.js';
import { abilities } from '../use-cases/participation/abilities.js';
import { createInput } from '../use-cases/inputs/create-input.js';
import { getInput, listInputs } from '../use-cases/inputs/list-inputs.js';
import { forAnyone, router } from '../trpc.js';

/** API.md `participation.abilities` (SPEC 4.3). */
export const participationRouter = router({
  abilities: forAnyone(
    PhaseIdInput,
    onPhaseParticipation((input) => input.phaseId),
  ).query(({ ctx }) => abilities(ctx, ctx.granted.participation)),
});

/** API.md `inputs.*` (SPEC 4.1): ideas and proposals posted in a phase. */
export const inputsRouter = router({
  list: forAnyone(
    ListInputsInput,
    both(
      onPhase('project.read', (input) => input.phaseId),
      listing('input.read'),
    ),
  ).query(({ ctx, input }) => listInputs(ctx, input, ctx.granted.scope)),
  get: forAnyone(
    InputIdInput,
    onInput('input.read', (input) => input.id),
  ).query(({ ctx }) => getInput(ctx, ctx.granted.input.id)),
  create: forAnyone(
    CreateInputInput,
    toParticipate('post', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => createInput(ctx, input, ctx.granted)),
});
