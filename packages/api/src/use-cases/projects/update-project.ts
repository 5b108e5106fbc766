import type { UpdateProjectInput } from '@samrad/core';
import type { Context, SessionUser } from '../../context.js';
import type { ProjectDetails } from './get-project.js';
import { changedFields } from '../shared/changed-fields.js';
import { textsToChange } from '../shared/texts-to-change.js';
import { changeProject } from './change-project.js';
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
  const next = { ...textsToChange(input, ctx.platform.defaultLocale), topics: input.topics };
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    const { before, after } = changedFields(current, next);
    if (Object.keys(after).length === 0) return;
    await changeProject(tx, ctx, input.id, { action: 'project.update', set: after, before });
  });
  return projectAfterChange(ctx, input.id);
}
