import { eq } from 'drizzle-orm';
import {
  optionsProblem,
  toLocalizedText,
  type UpdateRegistrationQuestionInput,
} from '@samrad/core';
import { registrationQuestions } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { answeredWith, usedBySmartGroups } from './question-usage.js';
import {
  lockQuestion,
  questionColumns,
  toQuestionView,
  type RegistrationQuestionView,
} from './question-view.js';

/**
 * Changes a registration question (the guard decided `registrationQuestion.edit`), audited with
 * before and after. Options may be added and retitled; one that answers or smart-group rules
 * still use cannot be removed, since those would silently stop meaning anything.
 */
export async function updateRegistrationQuestion(
  ctx: Context & { user: SessionUser },
  input: UpdateRegistrationQuestionInput,
): Promise<RegistrationQuestionView> {
  const locale = ctx.platform.defaultLocale;
  const { id, title, description, options, ...flags } = input;
  return ctx.db.transaction(async (tx) => {
    const before = await lockQuestion(tx, ctx.platform.id, id);
    if (options) {
      const problem = optionsProblem(before.type, true);
      if (problem) throw new AppError('BAD_REQUEST', `options: ${problem}`);
      const kept = new Set(options.map((option) => option.key));
      const removed = (before.options ?? []).map((o) => o.key).filter((key) => !kept.has(key));
      if (removed.length > 0) {
        const [use] = await tx
          .select({
            answers: answeredWith(id, removed),
            rules: usedBySmartGroups(ctx.platform.id, before.key, removed),
          })
          .from(registrationQuestions)
          .where(eq(registrationQuestions.id, id));
        if (use?.answers || use?.rules) {
          throw new AppError(
            'CONFLICT',
            `options: ${removed.join(', ')} ${use.answers ? 'answered by users' : 'used by smart-group rules'}; keep ${removed.length > 1 ? 'them' : 'it'}`,
          );
        }
      }
    }
    const [row] = await tx
      .update(registrationQuestions)
      .set({
        ...flags,
        ...(title !== undefined && { title: toLocalizedText(title, locale) }),
        ...(description !== undefined && {
          description: description === null ? {} : toLocalizedText(description, locale),
        }),
        ...(options !== undefined && {
          options: options.map((option) => ({
            key: option.key,
            title: toLocalizedText(option.title, locale),
          })),
        }),
      })
      .where(eq(registrationQuestions.id, id))
      .returning(questionColumns);
    const after = toQuestionView(row!);
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'registrationQuestion.update',
      targetType: 'registrationQuestion',
      targetId: id,
      before,
      after,
    });
    return after;
  });
}
