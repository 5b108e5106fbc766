import { and, eq, sql } from 'drizzle-orm';
import type { SurveyQuestionType } from '@samrad/core';
import { surveyResponses } from '@samrad/db';
import type { GrantedPhase } from '../../access/phase-guard.js';
import type { Context } from '../../context.js';
import { questionnaireOf, questionsOf, type Questionnaire } from './survey.js';

export interface QuestionResult {
  key: string;
  type: SurveyQuestionType;
  /** Responses that answered this question. */
  answered: number;
  /** Choice questions: every option, chosen or not, in the questions' order. */
  options: { key: string; count: number }[] | null;
  /** Text, number and scale questions: each distinct answer with how often it was given. */
  values: { value: string | number; count: number }[] | null;
  /** Number and scale questions: the mean of the answers, null when none. */
  mean: number | null;
}

export interface QuestionnaireResults {
  phaseId: string;
  /** Residents' responses; managers' test responses are never counted (SPEC 2.3). */
  responses: number;
  questions: QuestionResult[];
}

/**
 * The results of a survey or poll for those with the project's insights (SPEC 2.3): counted in
 * SQL per question and answer — a multiple choice answer counts once per chosen option — in two
 * queries whatever the number of responses. Results are aggregates: nothing names a respondent.
 */
export async function questionnaireResults(
  ctx: Context,
  phase: GrantedPhase,
  kind: Questionnaire,
): Promise<QuestionnaireResults> {
  questionnaireOf(phase, kind);
  const counted = and(eq(surveyResponses.phaseId, phase.id), eq(surveyResponses.isTest, false));
  const [questions, [total], rows] = await Promise.all([
    questionsOf(ctx.db, phase.id),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(counted),
    ctx.db
      .select({
        key: sql<string>`a.key`,
        value: sql<string | null>`coalesce(e.value, a.value) #>> '{}'`,
        count: sql<number>`count(*)::int`,
        responses: sql<number>`count(distinct ${surveyResponses.id})::int`,
      })
      .from(surveyResponses)
      .innerJoin(sql`lateral jsonb_each(${surveyResponses.answers}) a`, sql`true`)
      .leftJoin(
        sql`lateral jsonb_array_elements(case jsonb_typeof(a.value) when 'array' then a.value else '[]'::jsonb end) e`,
        sql`true`,
      )
      .where(counted)
      .groupBy(sql`grouping sets ((1, 2), (1))`),
  ]);
  // Grouping sets: one row per (question, answer) and one per question (value null) holding how
  // many responses answered it — a multiple choice answer counts once there, once per option above.
  const answeredOf = new Map<string, number>();
  const byKey = new Map<string, { value: string; count: number }[]>();
  for (const { key, value, count, responses } of rows) {
    if (value === null) answeredOf.set(key, responses);
    else byKey.set(key, [...(byKey.get(key) ?? []), { value, count }]);
  }
  return {
    phaseId: phase.id,
    responses: total!.n,
    questions: questions.map((question): QuestionResult => {
      const answers = byKey.get(question.key) ?? [];
      const answered = answeredOf.get(question.key) ?? 0;
      const numeric = question.type === 'number' || question.type === 'scale';
      const values = answers
        .map((a) => ({ value: numeric ? Number(a.value) : a.value, count: a.count }))
        .sort((x, y) => y.count - x.count || String(x.value).localeCompare(String(y.value)));
      return {
        key: question.key,
        type: question.type,
        answered,
        options:
          question.options?.map((o) => ({
            key: o.key,
            count: answers.find((a) => a.value === o.key)?.count ?? 0,
          })) ?? null,
        values: question.options ? null : values,
        mean:
          numeric && answered > 0
            ? values.reduce((total, v) => total + Number(v.value) * v.count, 0) / answered
            : null,
      };
    }),
  };
}
