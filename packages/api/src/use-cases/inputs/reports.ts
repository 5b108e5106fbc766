import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { reportsToHide, type ListReportsInput, type ReportInput } from '@samrad/core';
import { comments, inputs, reports, users, type Database } from '@samrad/db';
import type { GrantedProject } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { unauthorized } from '../../errors.js';
import { afterCursor, toPage } from '../time-cursor.js';

/** What residents report: an input or a comment, each hidden by its own `moderation`. */
export type Reportable = 'input' | 'comment';

const reportables = {
  input: { table: inputs, id: inputs.id, moderation: inputs.moderation, of: reports.inputId },
  comment: {
    table: comments,
    id: comments.id,
    moderation: comments.moderation,
    of: reports.commentId,
  },
} as const;

const openReportsOf = (kind: Reportable, id: string) =>
  and(eq(reportables[kind].of, id), isNull(reports.resolvedAt));

/**
 * A signed-in resident reports an input or a comment they can read (the guard decided). Reports
 * of one are taken one at a time (its row is locked): the report that brings it to
 * `reportsToHide` different people hides it until a moderator decides. Reporting again before
 * then changes nothing.
 */
export async function report(
  ctx: Context,
  kind: Reportable,
  input: ReportInput,
): Promise<{ reported: true; hidden: boolean }> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized(`Sign in to report a${kind === 'input' ? 'n' : ''} ${kind}`);
  const target = reportables[kind];
  const hidden = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ moderation: target.moderation })
      .from(target.table)
      .where(eq(target.id, input.id))
      .for('update');
    await tx
      .insert(reports)
      .values({
        platformId: ctx.platform.id,
        [kind === 'input' ? 'inputId' : 'commentId']: input.id,
        reporterId: user.id,
        reason: input.reason,
      })
      .onConflictDoNothing();
    // Counted in a statement of its own, after the lock: see lockEvent.
    const [open] = await tx
      .select({ reporters: sql<number>`count(distinct ${reports.reporterId})::int` })
      .from(reports)
      .where(openReportsOf(kind, input.id));
    if (row?.moderation !== 'visible' || open!.reporters < reportsToHide) {
      return row?.moderation === 'hidden';
    }
    const reason = `reported by ${open!.reporters} people`;
    await (kind === 'input'
      ? tx
          .update(inputs)
          .set({ moderation: 'hidden', moderatedBy: null, moderationReason: reason })
          .where(eq(inputs.id, input.id))
      : tx
          .update(comments)
          .set({ moderation: 'hidden', moderatedBy: null })
          .where(eq(comments.id, input.id)));
    return true;
  });
  return { reported: true, hidden };
}

/** A moderator's decision on an input or a comment settles its open reports: they count no more. */
export async function settleReports(
  tx: Database,
  ctx: Context,
  kind: Reportable,
  id: string,
): Promise<void> {
  await tx
    .update(reports)
    .set({ resolvedBy: ctx.viewer.user?.id ?? null, resolvedAt: new Date() })
    .where(openReportsOf(kind, id));
}

export interface ReportView {
  id: string;
  inputId: string;
  inputTitle: string;
  /** A report of a comment on the input; null: of the input itself. */
  comment: { id: string; body: string } | null;
  /** Whether what was reported is hidden now (by reports or by a moderator). */
  hidden: boolean;
  reason: string;
  reporter: { id: string; name: string } | null;
  createdAt: string;
}

/**
 * The open reports of a project's inputs and their comments, newest first, for those who moderate
 * it. One query a page.
 */
export async function listReports(
  ctx: Context,
  input: ListReportsInput,
  project: GrantedProject,
): Promise<{ items: ReportView[]; nextCursor: string | null }> {
  const inputOfReport: SQL = sql`coalesce(${reports.inputId}, ${comments.inputId})`;
  const rows = await ctx.db
    .select({
      id: reports.id,
      inputId: inputs.id,
      inputTitle: inputs.title,
      commentId: comments.id,
      commentBody: comments.body,
      moderation: sql<'visible' | 'hidden'>`coalesce(${comments.moderation}, ${inputs.moderation})`,
      reason: reports.reason,
      reporterId: users.id,
      reporterName: users.name,
      createdAt: reports.createdAt,
      key: sql<string>`${reports.createdAt}::text`,
    })
    .from(reports)
    .leftJoin(comments, eq(comments.id, reports.commentId))
    .innerJoin(inputs, eq(inputs.id, inputOfReport))
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
      comment:
        row.commentId && row.commentBody !== null
          ? { id: row.commentId, body: row.commentBody }
          : null,
      hidden: row.moderation === 'hidden',
      reason: row.reason,
      reporter:
        row.reporterId && row.reporterName ? { id: row.reporterId, name: row.reporterName } : null,
      createdAt: row.createdAt.toISOString(),
    }),
  );
}
