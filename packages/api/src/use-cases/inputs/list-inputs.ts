import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { ListInputsInput } from '@samrad/core';
import { inputReadableBy, inputs, users, type SubjectScope } from '@samrad/db';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';
import { inputViewColumns, toInputView, type InputView } from './input-view.js';

/**
 * A phase's inputs the caller may read (`input.read`, its SQL twin): hidden ones only for those
 * who run the project (SPEC: moderation). Newest first, one query per page.
 */
export async function listInputs(
  ctx: Context,
  input: ListInputsInput,
  scope: SubjectScope,
): Promise<{ items: InputView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [inputReadableBy(scope), eq(inputs.phaseId, input.phaseId)];
  if (input.cursor) conditions.push(afterCursor(inputs.createdAt, inputs.id, input.cursor));
  const rows = await ctx.db
    .select(inputViewColumns)
    .from(inputs)
    .leftJoin(users, eq(users.id, inputs.authorId))
    .where(and(...conditions))
    .orderBy(desc(inputs.createdAt), desc(inputs.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (row) => [row.createdAtKey, row.id], toInputView);
}

/** One input the guard let the caller read. */
export async function getInput(ctx: Context, id: string): Promise<InputView> {
  const [row] = await ctx.db
    .select(inputViewColumns)
    .from(inputs)
    .leftJoin(users, eq(users.id, inputs.authorId))
    .where(eq(inputs.id, id));
  return toInputView(row!);
}
