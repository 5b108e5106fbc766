import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListOutboxInput } from '@samrad/core';
import { emailOutbox } from '@samrad/db';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  /**
   * The text, for messages that went only to the server's log (no SMTP_URL): without a mail
   * server the outbox is how staff follow a flow (API.md). A message sent by e-mail is for its
   * recipient alone — it may carry their sign-in code — so its text is not shown (null).
   */
  text: string | null;
  queuedAt: string;
  sentAt: string | null;
  deliveredVia: 'smtp' | 'log' | null;
  attempts: number;
  error: string | null;
}

/** The platform's outbox for its admins (the guard decides `platform.email`), newest first. */
export async function listOutbox(
  ctx: Context,
  input: ListOutboxInput,
): Promise<{ items: OutboxMessage[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [eq(emailOutbox.platformId, ctx.platform.id)];
  if (input.cursor) {
    conditions.push(afterCursor(emailOutbox.createdAt, emailOutbox.id, input.cursor));
  }
  const rows = await ctx.db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      text: sql<
        string | null
      >`case when ${emailOutbox.deliveredVia} = 'log' then ${emailOutbox.text} end`,
      createdAt: emailOutbox.createdAt,
      createdAtKey: sql<string>`${emailOutbox.createdAt}::text`,
      sentAt: emailOutbox.sentAt,
      deliveredVia: emailOutbox.deliveredVia,
      attempts: emailOutbox.attempts,
      error: emailOutbox.error,
    })
    .from(emailOutbox)
    .where(and(...conditions))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.createdAtKey, row.id],
    (row) => ({
      id: row.id,
      to: row.to,
      subject: row.subject,
      text: row.text,
      queuedAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      deliveredVia: row.deliveredVia,
      attempts: row.attempts,
      error: row.error,
    }),
  );
}
