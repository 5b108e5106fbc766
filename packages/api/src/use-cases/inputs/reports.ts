import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { reportsToHide, type ListReportsInput, type ReportInputInput } from '@samrad/core';
import { inputs, reports, users, type Database } from '@samrad/db';
import type { GrantedInput } from '../../access/input-guard.js';
import type { GrantedProject } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { unauthorized } from '../../errors.js';
import { afterCursor, toPage } from '../time-cursor.js';

/**
 * A signed-in resident reports an input they can read (the guard decided `input.read`). Reports
 * of one input are taken one at a time (its row is locked): the report that brings it to
 * `reportsToHide` different people hides it until a moderator decides. Reporting again before
 * then changes nothing.
 */
export async function reportInput(
  ctx: Context,
  input: ReportInputInput,
  granted: GrantedInput,
): Promise<{ reported: true; hidden: boolean }> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized('Sign in to report an input');
  const hidden = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ moderation: inputs.moderation })
      .from(inputs)
      .where(eq(inputs.id, granted.id))
      .for('update');
    await tx
      .insert(reports)
      .values({
        platformId: ctx.platform.id,
        inputId: granted.id,
        reporterId: user.id,
        reason: input.reason,
      })
      .onConflictDoNothing();
    // Counted in a statement of its own, after the lock: see lockEvent.
    const [open] = await tx
      .select({ reporters: sql<number>`count(distinct ${reports.reporterId})::int` })
      .from(reports)
      .where(openReportsOf(granted.id));
    if (row?.moderation !== 'visible' || open!.reporters < reportsToHide) {
      return row?.moderation === 'hidden';
    }
    await tx
      .update(inputs)
      .set({
        moderation: 'hidden',
        moderatedBy: null,
        moderationReason: `reported by ${open!.reporters} people`,
      })
      .where(eq(inputs.id, granted.id));
    return true;
  });
  return { reported: true, hidden };
}

const openReportsOf = (inputId: string) =>
  and(eq(reports.inputId, inputId), isNull(reports.resolvedAt));

/** A moderator's decision on an input settles its open reports: they count no more. */
export async function settleReports(tx: Database, ctx: Context, inputId: string): Promise<void> {
  await tx
    .update(reports)
    .set({ resolvedBy: ctx.viewer.user?.id ?? null, resolvedAt: new Date() })
    .where(openReportsOf(inputId));
}

export interface ReportView {
  id: string;
  inputId: string;
  inputTitle: string;
  /** Whether the input is hidden now (by reports or by a moderator). */
  inputHidden: boolean;
  reason: string;
  reporter: { id: string; name: string } | null;
  createdAt: string;
}

/** The open reports of a project's inputs, newest first, for those who moderate it. One query. */
export async function listReports(
  ctx: Context,
  input: ListReportsInput,
  project: GrantedProject,
): Promise<{ items: ReportView[]; nextCursor: string | null }> {
  const rows = await ctx.db
    .select({
      id: reports.id,
      inputId: inputs.id,
      inputTitle: inputs.title,
      moderation: inputs.moderation,
      reason: reports.reason,
      reporterId: users.id,
      reporterName: users.name,
      createdAt: reports.createdAt,
      key: sql<string>`${reports.createdAt}::text`,
    })
    .from(reports)
    .innerJoin(inputs, eq(inputs.id, reports.inputId))
    .leftJoin(users, eq(users.id, reports.reporterId))
    .where(
      and(
        eq(reports.platformId, ctx.platform.id),
        eq(inputs.projectId, project.id),
        isNull(reports.resolvedAt),
        input.cursor ? afterCursor(reports.createdAt, reports.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.key, row.id],
    (row) => ({
      id: row.id,
      inputId: row.inputId,
      inputTitle: row.inputTitle,
      inputHidden: row.moderation === 'hidden',
      reason: row.reason,
      reporter:
        row.reporterId && row.reporterName ? { id: row.reporterId, name: row.reporterName } : null,
      createdAt: row.createdAt.toISOString(),
    }),
  );
}
