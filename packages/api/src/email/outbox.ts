import { emailOutbox, type Database } from '@samrad/db';

/** A plain-text e-mail to one address of one platform. */
export interface OutgoingEmail {
  platformId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues e-mail in the caller's transaction (`email_outbox`), so a message exists exactly when the
 * change it tells of committed, and a change rolled back sends nothing. Delivery is a separate
 * step over the same table: rows without `sent_at` are due, and whatever delivers them (SMTP when
 * `SMTP_URL` is set, else the server log; API.md) records `sent_at` or `error` — a crash between
 * commit and delivery delays a message, never loses it. The console shows the table as the outbox.
 */
export async function queueEmail(
  tx: Database,
  email: OutgoingEmail | readonly OutgoingEmail[],
): Promise<void> {
  const emails = [email].flat();
  if (emails.length === 0) return;
  await tx.insert(emailOutbox).values(
    emails.map((message) => ({
      platformId: message.platformId,
      to: message.to,
      // A header is one line: titles typed by staff may hold line breaks.
      subject: message.subject.replace(/\s+/g, ' ').trim(),
      text: message.text,
    })),
  );
}
