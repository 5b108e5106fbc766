import { eq, sql } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { emailOutbox, type Database } from '@samrad/db';
import type { ChangeFeed } from '../cache/change-feed.js';

/** One message as it leaves: the platform's name shows as the sender's. */
export interface OutgoingMessage {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** `log`: the message is only written to the server log (and kept in the outbox). */
  readonly via: 'smtp' | 'log';
  send(message: OutgoingMessage): Promise<void>;
}

/** SMTP through nodemailer (`SMTP_URL`: `smtp://user:pass@host:port`, `smtps://` for TLS). */
export function smtpMailer(url: string): Mailer {
  const transport = createTransport(url);
  return {
    via: 'smtp',
    async send(message) {
      await transport.sendMail(message);
    },
  };
}

/** Without SMTP: each message written to the log (API.md), and kept in the outbox. */
export function logMailer(log: (text: string) => void): Mailer {
  return {
    via: 'log',
    send(message) {
      log(`[email] to ${message.to}: ${message.subject}\n${message.text}\n`);
      return Promise.resolve();
    },
  };
}

/** Tries per message before it is left with its error for staff to see. */
export const maxDeliveryAttempts = 5;
/** How long a claimed message is held by one process before another may try it. */
const claimSeconds = 120;
const batch = 20;

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  platform_name: string;
}

const rowsOf = <Row>(result: unknown): Row[] =>
  Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;

/**
 * Delivers the outbox (`email/outbox.ts` queues into it in the change's own transaction). Due
 * messages are claimed with SKIP LOCKED, so several server processes share the work and none is
 * sent twice while its claim holds; each is then sent and marked sent, or keeps its error and is
 * tried again once the claim runs out (up to five tries). Runs as soon as any process queues
 * e-mail (the database announces it), and every `sweepMs` for retries and what a crash left.
 */
export function startEmailDelivery(input: {
  db: Database;
  feed: ChangeFeed;
  mailer: Mailer;
  from: string;
  sweepMs?: number;
  onError?: (error: unknown) => void;
}): { drain: () => Promise<number>; stop: () => void } {
  const { db, mailer } = input;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function claim(): Promise<Claimed[]> {
    return rowsOf<Claimed>(
      await db.execute(sql`
        update ${emailOutbox} o
        set attempts = o.attempts + 1, claimed_until = now() + make_interval(secs => ${claimSeconds})
        from platforms p
        where p.id = o.platform_id and o.id in (
          select id from ${emailOutbox}
          where sent_at is null and attempts < ${maxDeliveryAttempts}
            and (claimed_until is null or claimed_until < now())
          order by created_at
          limit ${batch}
          for update skip locked)
        returning o.id, o."to", o.subject, o.text, p.name as platform_name`),
    );
  }

  async function deliverAll(): Promise<number> {
    let sent = 0;
    for (let claimed = await claim(); claimed.length > 0; claimed = await claim()) {
      for (const message of claimed) {
        const done = eq(emailOutbox.id, message.id);
        try {
          await mailer.send({
            from: { name: message.platform_name, address: input.from },
            to: message.to,
            subject: message.subject,
            text: message.text,
          });
          await db
            .update(emailOutbox)
            .set({ sentAt: new Date(), error: null, deliveredVia: mailer.via })
            .where(done);
          sent++;
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          await db
            .update(emailOutbox)
            .set({ error: text.slice(0, 500) })
            .where(done);
          input.onError?.(error);
        }
      }
    }
    return sent;
  }

  /** Delivers what is due; a call while a delivery runs makes it look once more when done. */
  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let sent = 0;
      do {
        again = false;
        sent += await deliverAll();
      } while (again);
      return sent;
    })().finally(() => (running = null));
    return running;
  }

  const kick = () => {
    if (!stopped) drain().catch((error: unknown) => input.onError?.(error));
  };
  input.feed.onEmailQueued(kick);
  const sweep = setInterval(kick, input.sweepMs ?? 30_000);
  sweep.unref();
  kick();
  return {
    drain,
    stop: () => {
      stopped = true;
      clearInterval(sweep);
    },
  };
}
