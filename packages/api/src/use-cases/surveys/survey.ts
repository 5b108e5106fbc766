import { and, asc, eq, sql } from 'drizzle-orm';
import {
  checkSurveyAnswers,
  takesPartAsManager,
  toLocalizedText,
  type LocalizedText,
  type SetSurveyQuestionsInput,
  type SubmitSurveyInput,
  type SurveyQuestionType,
} from '@samrad/core';
import { surveyQuestions, surveyResponses, type Database } from '@samrad/db';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { GrantedPhase } from '../../access/phase-guard.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { contributionFields, countParticipation } from '../inputs/contribution.js';

/** Surveys and polls share their questions and responses; the phase's method tells which. */
export type Questionnaire = 'survey' | 'poll';

export function questionnaireOf(phase: GrantedPhase, kind: Questionnaire): void {
  if (phase.method !== kind) throw new AppError('BAD_REQUEST', `phaseId: not a ${kind} phase`);
}

export interface SurveyQuestionView {
  key: string;
  title: LocalizedText;
  type: SurveyQuestionType;
  options: { key: string; title: LocalizedText }[] | null;
  required: boolean;
  scaleMin: number | null;
  scaleMax: number | null;
}

export interface SurveyView {
  phaseId: string;
  questions: SurveyQuestionView[];
  /**
   * Answered without signing in (SPEC 4.2): nothing stops one person from answering twice, and
   * the console tells its managers so.
   */
  duplicatesPossible: boolean;
}

export async function questionsOf(db: Database, phaseId: string): Promise<SurveyQuestionView[]> {
  return db
    .select({
      key: surveyQuestions.key,
      title: surveyQuestions.title,
      type: surveyQuestions.type,
      options: surveyQuestions.options,
      required: surveyQuestions.required,
      scaleMin: surveyQuestions.scaleMin,
      scaleMax: surveyQuestions.scaleMax,
    })
    .from(surveyQuestions)
    .where(eq(surveyQuestions.phaseId, phaseId))
    .orderBy(asc(surveyQuestions.position));
}

/** The survey or poll of a phase the caller can see. */
export async function getSurvey(
  ctx: Context,
  participation: PhaseParticipation,
  kind: Questionnaire,
): Promise<SurveyView> {
  questionnaireOf(participation.phase, kind);
  return {
    phaseId: participation.phase.id,
    questions: await questionsOf(ctx.db, participation.phase.id),
    duplicatesPossible: participation.settings.get('survey')?.facts.permittedBy === 'everyone',
  };
}

/**
 * The survey's or poll's questions, set by its managers (the guard decides `phase.manage`), all at once.
 * Once residents have answered, the questions stay: changing them would change what the answers
 * mean (CONFLICT).
 */
export async function setSurveyQuestions(
  ctx: Context,
  input: SetSurveyQuestionsInput,
  phase: GrantedPhase,
  kind: Questionnaire,
): Promise<SurveyView> {
  questionnaireOf(phase, kind);
  const locale = ctx.platform.defaultLocale;
  await ctx.db.transaction(async (tx) => {
    const [answered] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.phaseId, phase.id), eq(surveyResponses.isTest, false)));
    if (answered!.n > 0) {
      throw new AppError(
        'CONFLICT',
        `${answered!.n} responses were given: the questions stay as they are`,
      );
    }
    await tx.delete(surveyQuestions).where(eq(surveyQuestions.phaseId, phase.id));
    await tx.insert(surveyQuestions).values(
      input.questions.map((q, position) => ({
        platformId: ctx.platform.id,
        phaseId: phase.id,
        key: q.key,
        title: toLocalizedText(q.title, locale),
        type: q.type,
        options:
          q.options?.map((o) => ({ key: o.key, title: toLocalizedText(o.title, locale) })) ?? null,
        required: q.required,
        scaleMin: q.scaleMin ?? null,
        scaleMax: q.scaleMax ?? null,
        position,
      })),
    );
  });
  return {
    phaseId: phase.id,
    questions: await questionsOf(ctx.db, phase.id),
    duplicatesPossible: false,
  };
}

/**
 * SPEC 4.1 *take the survey* or *the poll*, decided by the guard (`toParticipate(kind)`). A visitor may
 * answer where no sign-in is asked: each response its own id, nothing recorded of who. A signed-in
 * respondent answers once (`already_done`); those who manage the project answer as a test, as
 * often as they like, kept out of results (SPEC 2.3).
 */
export async function submitSurvey(
  ctx: Context,
  input: SubmitSurveyInput,
  granted: { participation: PhaseParticipation; setting: StoredSetting },
  kind: Questionnaire,
): Promise<{ responseId: string }> {
  const { phase } = granted.participation;
  questionnaireOf(phase, kind);
  const checked = checkSurveyAnswers(await questionsOf(ctx.db, phase.id), input.answers);
  if ('field' in checked) throw new AppError('BAD_REQUEST', `${checked.field}: ${checked.message}`);
  const user = ctx.viewer.user;
  const isTest =
    user !== null && takesPartAsManager(await ctx.subject(), granted.participation.project);
  const now = new Date();
  const fields = user
    ? await contributionFields(ctx.db, user, granted.setting)
    : {
        authorId: null,
        dataCollection: 'anonymous' as const,
        demographics: null,
        createdAt: now,
        updatedAt: now,
      };
  if (!user) {
    // A visitor's response carries nothing of them; its time is the day's, as for the anonymous.
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    fields.createdAt = day;
    fields.updatedAt = day;
  }
  return ctx.db.transaction(async (tx) => {
    if (user && !isTest) await countParticipation(tx, ctx, granted, kind, { once: true });
    const [response] = await tx
      .insert(surveyResponses)
      .values({
        platformId: ctx.platform.id,
        phaseId: phase.id,
        answers: checked.answers,
        isTest,
        ...fields,
      })
      .returning({ id: surveyResponses.id });
    return { responseId: response!.id };
  });
}
