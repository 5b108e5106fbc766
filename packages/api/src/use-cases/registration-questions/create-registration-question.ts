import { sql } from 'drizzle-orm';
import { toLocalizedText, type CreateRegistrationQuestionInput } from '@samrad/core';
import { registrationQuestions } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { questionColumns, toQuestionView, type RegistrationQuestionView } from './question-view.js';

/** A new registration question (the guard decided `registrationQuestion.edit`), audited. */
export async function createRegistrationQuestion(
  ctx: Context & { user: SessionUser },
  input: CreateRegistrationQuestionInput,
): Promise<RegistrationQuestionView> {
  const locale = ctx.platform.defaultLocale;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(registrationQuestions)
      .values({
        platformId: ctx.platform.id,
        key: input.key,
        title: toLocalizedText(input.title, locale),
        description: input.description ? toLocalizedText(input.description, locale) : {},
        type: input.type,
        options:
          input.options?.map((option) => ({
            key: option.key,
            title: toLocalizedText(option.title, locale),
          })) ?? null,
        required: input.required,
        enabled: input.enabled,
        // After the others unless placed.
        position:
          input.position ??
          sql`(select coalesce(max(${registrationQuestions.position}) + 1, 0) from ${registrationQuestions} where ${registrationQuestions.platformId} = ${ctx.platform.id})`,
      })
      // The key is unique per platform: a taken one is the caller's conflict, never a 500.
      .onConflictDoNothing({
        target: [registrationQuestions.platformId, registrationQuestions.key],
      })
      .returning(questionColumns);
    if (!row) throw new AppError('CONFLICT', 'key: another question of this platform has this key');
    const view = toQuestionView(row);
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'registrationQuestion.create',
      targetType: 'registrationQuestion',
      targetId: view.id,
      before: null,
      after: view,
    });
    return view;
  });
}
