import { and, eq, inArray } from 'drizzle-orm';
import {
  actionsOfMethod,
  decide,
  methodOffers,
  toLocalizedText,
  type SetParticipationInput,
} from '@samrad/core';
import {
  participationExtraQuestions,
  participationSettingGroups,
  participationSettings,
  phases,
  registrationQuestions,
  userGroups,
} from '@samrad/db';
import { enforce } from '../../access/guard.js';
import type { GrantedProject } from '../../access/guards.js';
import type { GrantedPhase } from '../../access/phase-guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { readManagedSetting, type ManagedParticipation } from './phase-view.js';

/**
 * Who may do one action in a phase (SPEC 4.2, 4.4), once the guard decided `phase.manage` on its
 * project: the setting is created or changed, with its groups and extra questions, and audited
 * before and after (SPEC 7). What the input alone rules out (no sign-in outside surveys) its
 * schema refused already; here what depends on the phase and the platform.
 */
export async function setParticipation(
  ctx: Context & { user: SessionUser },
  input: SetParticipationInput,
  granted: { phase: GrantedPhase; project: GrantedProject },
): Promise<ManagedParticipation> {
  const platformId = ctx.platform.id;
  const { phase, project } = granted;
  // A phase's method never changes (`phases.update` cannot), so the guard's copy decides this.
  if (!methodOffers(phase.method, input.action)) {
    throw new AppError(
      'BAD_REQUEST',
      `action: a ${phase.method} phase offers ${actionsOfMethod[phase.method].join(', ')}, not ${input.action}`,
    );
  }
  if (input.groupIds?.length) {
    // SPEC 5: managers pick existing groups for what they manage.
    enforce(
      decide(await ctx.subject(), 'group.use', {
        type: 'scope',
        scope: { type: 'project', id: project.id, folderIds: project.folderIds },
      }),
    );
    await requireAll('groupIds', 'groups', input.groupIds, (ids) =>
      ctx.db
        .select({ id: userGroups.id })
        .from(userGroups)
        .where(and(eq(userGroups.platformId, platformId), inArray(userGroups.id, ids))),
    );
  }
  if (input.extraQuestionIds?.length) {
    await requireAll('extraQuestionIds', 'registration questions', input.extraQuestionIds, (ids) =>
      ctx.db
        .select({ id: registrationQuestions.id })
        .from(registrationQuestions)
        .where(
          and(
            eq(registrationQuestions.platformId, platformId),
            inArray(registrationQuestions.id, ids),
          ),
        ),
    );
  }
  // Absent fields keep their value on an existing setting and take the column's default on a new one.
  const values: Partial<typeof participationSettings.$inferInsert> = {
    enabled: input.enabled,
    permittedBy: input.permittedBy,
  };
  if (input.dataCollection !== undefined) values.dataCollection = input.dataCollection;
  if (input.maxPerPerson !== undefined) values.maxPerPerson = input.maxPerPerson;
  if (input.refusalMessage !== undefined) {
    values.refusalMessage =
      input.refusalMessage === null
        ? null
        : toLocalizedText(input.refusalMessage, ctx.platform.defaultLocale);
  }
  return ctx.db.transaction(async (tx) => {
    // One change to a phase's settings at a time, and none to a phase deleted meanwhile.
    const [locked] = await tx
      .select({ id: phases.id })
      .from(phases)
      .where(and(eq(phases.platformId, platformId), eq(phases.id, phase.id)))
      .for('no key update');
    if (!locked) throw notFound('Phase');
    const before = await readManagedSetting(tx, phase.id, input.action);
    const [setting] = await tx
      .insert(participationSettings)
      .values({ platformId, phaseId: phase.id, action: input.action, ...values })
      .onConflictDoUpdate({
        target: [participationSettings.phaseId, participationSettings.action],
        set: values,
      })
      .returning({ id: participationSettings.id });
    const settingId = setting!.id;
    if (input.groupIds) {
      await tx
        .delete(participationSettingGroups)
        .where(eq(participationSettingGroups.settingId, settingId));
      if (input.groupIds.length > 0) {
        await tx
          .insert(participationSettingGroups)
          .values(input.groupIds.map((groupId) => ({ platformId, settingId, groupId })));
      }
    }
    if (input.extraQuestionIds) {
      await tx
        .delete(participationExtraQuestions)
        .where(eq(participationExtraQuestions.settingId, settingId));
      if (input.extraQuestionIds.length > 0) {
        await tx
          .insert(participationExtraQuestions)
          .values(
            input.extraQuestionIds.map((questionId) => ({ platformId, settingId, questionId })),
          );
      }
    }
    const after = (await readManagedSetting(tx, phase.id, input.action))!;
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'phase.setParticipation',
      targetType: 'phase',
      targetId: phase.id,
      projectId: project.id,
      before,
      after,
    });
    return after;
  });
}

/** Every id must name a row of this platform; the message lists those that do not. */
async function requireAll(
  field: string,
  what: string,
  ids: string[],
  find: (ids: string[]) => Promise<{ id: string }[]>,
): Promise<void> {
  const found = new Set((await find(ids)).map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'BAD_REQUEST',
      `${field}: not ${what} of this platform: ${missing.join(', ')}`,
    );
  }
}
