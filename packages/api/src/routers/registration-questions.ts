import {
  CreateRegistrationQuestionInput,
  DeleteRegistrationQuestionInput,
  UpdateRegistrationQuestionInput,
} from '@samrad/core';
import { listing, onPlatform } from '../access/guards.js';
import { createRegistrationQuestion } from '../use-cases/registration-questions/create-registration-question.js';
import { deleteRegistrationQuestion } from '../use-cases/registration-questions/delete-registration-question.js';
import { listRegistrationQuestions } from '../use-cases/registration-questions/list-registration-questions.js';
import { updateRegistrationQuestion } from '../use-cases/registration-questions/update-registration-question.js';
import { forAnyone, forSignedIn, noInput, router } from '../trpc.js';

export const registrationQuestionsRouter = router({
  // Enabled questions are the public sign-up form; the disabled ones only their editors see.
  list: forAnyone(noInput, listing('registrationQuestion.edit')).query(({ ctx }) =>
    listRegistrationQuestions(ctx),
  ),
  create: forSignedIn(
    CreateRegistrationQuestionInput,
    onPlatform('registrationQuestion.edit'),
  ).mutation(({ ctx, input }) => createRegistrationQuestion(ctx, input)),
  update: forSignedIn(
    UpdateRegistrationQuestionInput,
    onPlatform('registrationQuestion.edit'),
  ).mutation(({ ctx, input }) => updateRegistrationQuestion(ctx, input)),
  delete: forSignedIn(
    DeleteRegistrationQuestionInput,
    onPlatform('registrationQuestion.edit'),
  ).mutation(({ ctx, input }) => deleteRegistrationQuestion(ctx, input)),
});
