import { eq } from 'drizzle-orm';
import type { DeleteRegistrationQuestionInput } from '@samrad/core';
import { registrationQuestions } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { askedByPhases, usedBySmartGroups } from './question-usage.js';
import { lockQuestion } from './question-view.js';

/**
 * Deletes a registration question and the answers to it (the guard decided
 * `registrationQuestion.edit`), audited with what it was. A question that a phase asks as an
 * extra question or that smart-group rules test (`answer:<key>`) is refused with CONFLICT:
 * deleting it would silently change who may take part and who is in which group. Such a
 * question can be disabled instead (`update` with `enabled: false`), which keeps both working.
 */
export async function deleteRegistrationQuestion(
  ctx: Context & { user: SessionUser },
  input: DeleteRegistrationQuestionInput,
): Promise<{ ok: true }> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockQuestion(tx, ctx.platform.id, input.id);
    const [use] = await tx
      .select({
        phases: askedByPhases(before.id),
        rules: usedBySmartGroups(ctx.platform.id, before.key),
      })
      .from(registrationQuestions)
      .where(eq(registrationQuestions.id, before.id));
    if (use?.phases || use?.rules) {
      const by = use.phases ? 'a phase asks it as an extra question' : 'smart-group rules use it';
      throw new AppError('CONFLICT', `id: ${by}; disable it instead (enabled: false)`);
    }
    await tx.delete(registrationQuestions).where(eq(registrationQuestions.id, before.id));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'registrationQuestion.delete',
      targetType: 'registrationQuestion',
      targetId: before.id,
      before,
      after: null,
    });
    return { ok: true as const };
  });
}
