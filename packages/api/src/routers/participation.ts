import {
  CastVoteInput,
  CommentIdInput,
  CreateCommentInput,
  ListCommentsInput,
  CreateInputInput,
  ImageIdInput,
  InputIdInput,
  ListInputsInput,
  ListReportsInput,
  ModerateCommentInput,
  ModerateInputInput,
  ReportInput,
  PhaseIdInput,
  SetPollQuestionsInput,
  SetReactionInput,
  SetSurveyQuestionsInput,
  SubmitSurveyInput,
  UpdateCommentInput,
  UpdateInputInput,
} from '@samrad/core';
import { both, listing, onProject } from '../access/guards.js';
import { onInputChange } from '../access/input-change-guard.js';
import { onInput, onInputImage, toParticipateOn } from '../access/input-guard.js';
import { onPhaseParticipation, toParticipate } from '../access/participation-guard.js';
import { onPhase } from '../access/phase-guard.js';
import { abilities } from '../use-cases/participation/abilities.js';
import { deleteInput, moderateInput, updateInput } from '../use-cases/inputs/change-input.js';
import {
  createComment,
  deleteComment,
  listComments,
  moderateComment,
  onCommentChange,
  onShownComment,
  updateComment,
} from '../use-cases/comments/comments.js';
import { createInput } from '../use-cases/inputs/create-input.js';
import { readImage } from '../use-cases/inputs/images.js';
import { getInput, listInputs } from '../use-cases/inputs/list-inputs.js';
import { listReports, report } from '../use-cases/inputs/reports.js';
import { hasReacted, setReaction } from '../use-cases/reactions/set-reaction.js';
import { questionnaireResults } from '../use-cases/surveys/survey-results.js';
import {
  getSurvey,
  setSurveyQuestions,
  submitSurvey,
  type Questionnaire,
} from '../use-cases/surveys/survey.js';
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
  /** An input's image, for whoever may read the input; the server also serves it at its `path`. */
  image: forAnyone(
    ImageIdInput,
    onInputImage((input) => input.id),
  ).query(({ ctx }) => readImage(ctx, ctx.granted.image.id)),
  create: forAnyone(
    CreateInputInput,
    toParticipate('post', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => createInput(ctx, input, ctx.granted)),
  update: forSignedIn(
    UpdateInputInput,
    onInputChange('edit', (input) => input.id),
  ).mutation(({ ctx, input }) => updateInput(ctx, input)),
  delete: forSignedIn(
    InputIdInput,
    onInputChange('delete', (input) => input.id),
  ).mutation(({ ctx }) => deleteInput(ctx, ctx.granted.input)),
  moderate: forSignedIn(
    ModerateInputInput,
    onInputChange('moderate', (input) => input.id),
  ).mutation(({ ctx, input }) => moderateInput(ctx, input)),
  /** Residents report from the widgets too: any signed-in caller who can read the input. */
  report: forAnyone(
    ReportInput,
    onInput('input.read', (input) => input.id),
  ).mutation(({ ctx, input }) => report(ctx, 'input', input)),
  reports: forSignedIn(
    ListReportsInput,
    onProject('input.moderate', (input) => input.projectId),
  ).query(({ ctx, input }) => listReports(ctx, input, ctx.granted.project)),
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

/**
 * Surveys and polls (SPEC 4.1) alike: questions set by the phase's managers, answered by
 * residents, counted for those with the project's insights.
 */
function questionnaireRouter(kind: Questionnaire, questions: typeof SetSurveyQuestionsInput) {
  return router({
    get: forAnyone(
      PhaseIdInput,
      onPhaseParticipation((input) => input.phaseId),
    ).query(({ ctx }) => getSurvey(ctx, ctx.granted.participation, kind)),
    setQuestions: forSignedIn(
      questions,
      onPhase('phase.manage', (input) => input.phaseId),
    ).mutation(({ ctx, input }) => setSurveyQuestions(ctx, input, ctx.granted.phase, kind)),
    submit: forAnyone(
      SubmitSurveyInput,
      toParticipate(kind, (input) => input.phaseId),
    ).mutation(({ ctx, input }) => submitSurvey(ctx, input, ctx.granted, kind)),
    results: forSignedIn(
      PhaseIdInput,
      onPhase('project.viewInsights', (input) => input.phaseId),
    ).query(({ ctx }) => questionnaireResults(ctx, ctx.granted.phase, kind)),
  });
}

/** API.md `surveys.*`. */
export const surveysRouter = questionnaireRouter('survey', SetSurveyQuestionsInput);

/** `polls.*`: choice questions only (SPEC 4.1 *take the poll*). */
export const pollsRouter = questionnaireRouter('poll', SetPollQuestionsInput);

/** API.md `comments.*` (SPEC 4.1): on inputs, one level of replies, moderated like inputs. */
export const commentsRouter = router({
  list: forAnyone(
    ListCommentsInput,
    onInput('input.read', (input) => input.inputId),
  ).query(({ ctx, input }) => listComments(ctx, input, ctx.granted.input)),
  create: forAnyone(
    CreateCommentInput,
    toParticipateOn('comment', (input) => input.inputId),
  ).mutation(({ ctx, input }) => createComment(ctx, input, ctx.granted)),
  update: forSignedIn(UpdateCommentInput, onCommentChange('edit')).mutation(({ ctx, input }) =>
    updateComment(ctx, input),
  ),
  moderate: forSignedIn(ModerateCommentInput, onCommentChange('moderate')).mutation(
    ({ ctx, input }) => moderateComment(ctx, input),
  ),
  delete: forSignedIn(CommentIdInput, onCommentChange('delete')).mutation(({ ctx }) =>
    deleteComment(ctx, ctx.granted),
  ),
  /** As `inputs.report`, for a comment shown on an input the caller can read. */
  report: forAnyone(ReportInput, onShownComment()).mutation(({ ctx, input }) =>
    report(ctx, 'comment', input),
  ),
});

/** API.md `reactions.set` (SPEC 4.1): up or down on an input, one per person. */
export const reactionsRouter = router({
  set: forAnyone(
    SetReactionInput,
    toParticipateOn('react', (input) => input.inputId, hasReacted),
  ).mutation(({ ctx, input }) => setReaction(ctx, input, ctx.granted)),
});
