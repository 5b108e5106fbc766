import { and, asc, eq } from 'drizzle-orm';
import { decide } from '@samrad/core';
import { registrationQuestions } from '@samrad/db';
import type { Context } from '../../context.js';
import { questionColumns, toQuestionView, type RegistrationQuestionView } from './question-view.js';

/**
 * The platform's registration questions in the order they are asked: the enabled ones for
 * everyone (the sign-up form, SPEC 4.5), the disabled ones too for those who edit them.
 */
export async function listRegistrationQuestions(
  ctx: Context,
): Promise<{ items: RegistrationQuestionView[]; nextCursor: null }> {
  const editor = decide(await ctx.subject(), 'registrationQuestion.edit', { type: 'platform' });
  const rows = await ctx.db
    .select(questionColumns)
    .from(registrationQuestions)
    .where(
      and(
        eq(registrationQuestions.platformId, ctx.platform.id),
        editor.allowed ? undefined : eq(registrationQuestions.enabled, true),
      ),
    )
    .orderBy(
      asc(registrationQuestions.position),
      asc(registrationQuestions.createdAt),
      asc(registrationQuestions.id),
    );
  // A platform asks a handful of questions: one page holds them all.
  return { items: rows.map(toQuestionView), nextCursor: null };
}
