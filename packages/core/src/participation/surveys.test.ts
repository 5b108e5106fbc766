import { describe, expect, it } from 'vitest';
import {
  checkSurveyAnswers,
  SetSurveyQuestionsInput,
  type SurveyQuestionFacts,
} from './surveys.js';

const questions: SurveyQuestionFacts[] = [
  { key: 'why', type: 'text', required: true, options: null, scaleMin: null, scaleMax: null },
  { key: 'age', type: 'number', required: false, options: null, scaleMin: null, scaleMax: null },
  {
    key: 'mode',
    type: 'single',
    required: false,
    options: [{ key: 'bus' }, { key: 'bike' }],
    scaleMin: null,
    scaleMax: null,
  },
  {
    key: 'days',
    type: 'multiple',
    required: false,
    options: [{ key: 'mon' }, { key: 'tue' }],
    scaleMin: null,
    scaleMax: null,
  },
  { key: 'score', type: 'scale', required: false, options: null, scaleMin: 1, scaleMax: 5 },
];

describe('survey answers', () => {
  it.each([
    [{ why: 'Because' }, null],
    [{ why: ' Because ', age: 40, mode: 'bus', days: ['mon', 'tue'], score: 5 }, null],
    [{}, 'answers.why'],
    [{ why: '  ' }, 'answers.why'],
    [{ why: 'x', age: '40' }, 'answers.age'],
    [{ why: 'x', mode: 'car' }, 'answers.mode'],
    [{ why: 'x', days: ['mon', 'mon'] }, 'answers.days'],
    [{ why: 'x', days: 'mon' }, 'answers.days'],
    [{ why: 'x', score: 6 }, 'answers.score'],
    [{ why: 'x', score: 2.5 }, 'answers.score'],
    [{ why: 'x', other: 'y' }, 'answers.other'],
  ] as const)('%j → %s', (answers, field) => {
    const result = checkSurveyAnswers(questions, answers as Record<string, string>);
    expect('field' in result ? result.field : null).toBe(field);
  });

  it('keeps trimmed answers and leaves out empty ones', () => {
    expect(checkSurveyAnswers(questions, { why: ' Yes ', days: [] })).toEqual({
      answers: { why: 'Yes' },
    });
  });

  it('refuses questions whose type and options or bounds disagree, naming the field', () => {
    const bad = SetSurveyQuestionsInput.safeParse({
      phaseId: '00000000-0000-4000-8000-000000000001',
      questions: [
        { key: 'a', title: 'A', type: 'single' },
        { key: 'b', title: 'B', type: 'scale', scaleMin: 5, scaleMax: 1 },
        {
          key: 'c',
          title: 'C',
          type: 'text',
          options: [
            { key: 'x', title: 'X' },
            { key: 'y', title: 'Y' },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'questions.0.options',
      'questions.1.scaleMin',
      'questions.2.options',
    ]);
  });
});
