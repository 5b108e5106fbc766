/** Registration question types (SPEC 4.5). */
export const registrationQuestionTypes = [
  'text',
  'number',
  'date',
  'single',
  'multiple',
  'checkbox',
  'area',
] as const;
export type RegistrationQuestionType = (typeof registrationQuestionTypes)[number];

/** Survey question types (API.md surveys.setQuestions). */
export const surveyQuestionTypes = ['text', 'number', 'single', 'multiple', 'scale'] as const;
export type SurveyQuestionType = (typeof surveyQuestionTypes)[number];
