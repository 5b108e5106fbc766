import { and, eq } from 'drizzle-orm';
import { toLocalizedText, type UpdateProjectInput } from '@samrad/core';
import { projects } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import type { ProjectDetails } from './get-project.js';
import { changedFields } from '../shared/changed-fields.js';
import { lockProject, projectAfterChange } from './managed-project.js';

/**
 * The project's texts (`project.update`, decided by the guard). A text given replaces the stored
 * one in every language: the other languages translated the old wording. The slug stays, so
 * links already shared keep working. Audited with the fields that changed.
 */
export async function updateProject(
  ctx: Context & { user: SessionUser },
  input: UpdateProjectInput,
): Promise<ProjectDetails> {
  const { defaultLocale } = ctx.platform;
  const next = {
    title: input.title === undefined ? undefined : toLocalizedText(input.title, defaultLocale),
    description:
      input.description === undefined
        ? undefined
        : toLocalizedText(input.description, defaultLocale),
    topics: input.topics,
  };
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    const { before, after } = changedFields(current, next);
    if (Object.keys(after).length === 0) return;
    await tx
      .update(projects)
      .set(after)
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.update',
      targetType: 'project',
      targetId: input.id,
      projectId: input.id,
      before,
      after,
    });
  });
  return projectAfterChange(ctx, input.id);
}
