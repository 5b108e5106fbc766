import {
  CastVoteInput,
  CreateInputInput,
  InputIdInput,
  ListInputsInput,
  PhaseIdInput,
  SetSurveyQuestionsInput,
  SubmitSurveyInput,
} from '@samrad/core';
import { both, listing } from '../access/guards.js';
import { onInput } from '../access/input-guard.js';
import { onPhaseParticipation, toParticipate } from '../access/participation-guard.js';
import { onPhase } from '../access/phase-guard.js';
import { abilities } from '../use-cases/participation/abilities.js';
import { createInput } from '../use-cases/inputs/create-input.js';
import { getInput, listInputs } from '../use-cases/inputs/list-inputs.js';
import { getSurvey, setSurveyQuestions, submitSurvey } from '../use-cases/surveys/survey.js';
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

/** API.md `surveys.*` (SPEC 4.1): questions set by the phase's managers, answered by residents. */
export const surveysRouter = router({
  get: forAnyone(
    PhaseIdInput,
    onPhaseParticipation((input) => input.phaseId),
  ).query(({ ctx }) => getSurvey(ctx, ctx.granted.participation)),
  setQuestions: forSignedIn(
    SetSurveyQuestionsInput,
    onPhase('phase.manage', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => setSurveyQuestions(ctx, input, ctx.granted.phase)),
  submit: forAnyone(
    SubmitSurveyInput,
    toParticipate('survey', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => submitSurvey(ctx, input, ctx.granted)),
});
