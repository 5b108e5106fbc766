import {
  CastVoteInput,
  CreateInputInput,
  InputIdInput,
  ListInputsInput,
  PhaseIdInput,
} from '@samrad/core';
import { both, listing } from '../access/guards.js';
import { onInput } from '../access/input-guard.js';
import { onPhaseParticipation, toParticipate } from '../access/participation-guard.js';
import { onPhase } from '../access/phase-guard.js';
import { abilities } from '../use-cases/participation/abilities.js';
import { createInput } from '../use-cases/inputs/create-input.js';
import { getInput, listInputs } from '../use-cases/inputs/list-inputs.js';
import { castVote } from '../use-cases/votes/cast-vote.js';
import { voteResults } from '../use-cases/votes/vote-results.js';
import { forAnyone, forSignedIn, router } from '../trpc.js';

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

/** API.md `votes.*` (SPEC 4.1): ballots in voting phases, and their results for managers. */
export const votesRouter = router({
  cast: forAnyone(
    CastVoteInput,
    toParticipate('vote', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => castVote(ctx, input, ctx.granted)),
  results: forSignedIn(
    PhaseIdInput,
    onPhase('project.viewInsights', (input) => input.phaseId),
  ).query(({ ctx }) => voteResults(ctx, ctx.granted.phase.id)),
});
