import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { emailOutbox } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { codeIn, startMailbox, type Mailbox } from '@samrad/testkit';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';
import { logMailer, maxDeliveryAttempts, smtpMailer, startEmailDelivery } from './delivery.js';

describe.each(testDatabaseKinds())('e-mail delivery on %s', (kind) => {
  let f: ApiFixture;
  let mailbox: Mailbox;
  let delivery: ReturnType<typeof startEmailDelivery>;
  const errors: unknown[] = [];

  beforeAll(async () => {
    f = await createApiFixture(kind);
    mailbox = await startMailbox();
    delivery = startEmailDelivery({
      db: f.connection.db,
      feed: f.caches.feed,
      mailer: smtpMailer(mailbox.url),
      from: 'no-reply@lindvik.test',
      sweepMs: 60_000,
      onError: (error) => errors.push(error),
    });
  });
  afterAll(async () => {
    delivery?.stop();
    await mailbox?.close();
    await f?.close();
  });

  it('sends what was queued over SMTP at once, from the platform, and marks it sent', async () => {
    await (await f.caller()).auth.requestCode({ email: 'new.resident@example.test' });
    const mail = await mailbox.waitFor('new.resident@example.test');
    expect(mail.subject).toMatch(/^\d{6} is your code for Lindvik$/);
    expect(codeIn(mail)).toMatch(/^\d{6}$/);
    expect(mail.from).toBe('no-reply@lindvik.test');
    const [row] = await f.connection.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.to, 'new.resident@example.test'));
    await delivery.drain();
    const [after] = await f.connection.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.id, row!.id));
    expect(after!.sentAt).not.toBeNull();
    expect(after!.attempts).toBe(1);
  });

  it('keeps the error of a refused message and tries again later, at most five times', async () => {
    mailbox.refuse(true);
    try {
      await (await f.caller()).auth.requestCode({ email: 'later@example.test' });
      await delivery.drain();
      const [row] = await f.connection.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.to, 'later@example.test'));
      expect(row!.sentAt).toBeNull();
      expect(row!.error).toMatch(/451|later/i);
      expect(row!.attempts).toBe(1);
      // Claimed for a while: another drain leaves it alone.
      await delivery.drain();
      const [held] = await f.connection.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.id, row!.id));
      expect(held!.attempts).toBe(1);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      mailbox.refuse(false);
    }
    // Once the claim has run out, the next sweep delivers it.
    await f.connection.db
      .update(emailOutbox)
      .set({ claimedUntil: new Date(Date.now() - 1000) })
      .where(eq(emailOutbox.to, 'later@example.test'));
    expect(await delivery.drain()).toBe(1);
    await mailbox.waitFor('later@example.test');

    await f.connection.db
      .update(emailOutbox)
      .set({ sentAt: null, attempts: maxDeliveryAttempts, claimedUntil: null })
      .where(eq(emailOutbox.to, 'later@example.test'));
    expect(await delivery.drain()).toBe(0);
  });

  it('writes each message to the log without SMTP', async () => {
    const lines: string[] = [];
    await logMailer((line) => lines.push(line)).send({
      from: { name: 'Lindvik', address: 'no-reply@lindvik.test' },
      to: 'someone@example.test',
      subject: '123456 is your code for Lindvik',
      text: 'Your code: 123456',
    });
    expect(lines).toEqual([
      '[email] to someone@example.test: 123456 is your code for Lindvik\nYour code: 123456\n',
    ]);
  });

  it('shows admins the outbox, with the text only of what went to the log alone', async () => {
    const visitor = await f.caller();
    await visitor.auth.requestCode({ email: 'by.smtp@example.test' });
    await mailbox.waitFor('by.smtp@example.test');
    await delivery.drain();
    const logged: string[] = [];
    const toLog = startEmailDelivery({
      db: f.connection.db,
      feed: f.caches.feed,
      mailer: logMailer((text) => logged.push(text)),
      from: 'no-reply@lindvik.test',
    });
    delivery.stop();
    try {
      await visitor.auth.requestCode({ email: 'by.log@example.test' });
      await toLog.drain();
    } finally {
      toLog.stop();
    }
    expect(logged.join('')).toContain('by.log@example.test');
    const { items } = await (await f.as('admin')).platform.outbox({});
    const bySmtp = items.find((m) => m.to === 'by.smtp@example.test')!;
    const byLog = items.find((m) => m.to === 'by.log@example.test')!;
    expect(bySmtp).toMatchObject({ deliveredVia: 'smtp', text: null });
    expect(bySmtp.sentAt).not.toBeNull();
    expect(byLog).toMatchObject({ deliveredVia: 'log' });
    expect(byLog.text).toMatch(/Your code: \d{6}/);
    expect((await errorOf((await f.as('resident')).platform.outbox({}))).code).toBe('FORBIDDEN');
    expect((await errorOf(visitor.platform.outbox({}))).code).toBe('UNAUTHORIZED');
    // Paged newest first.
    const first = await (await f.as('admin')).platform.outbox({ limit: 1 });
    expect(first.items[0]!.to).toBe('by.log@example.test');
    const next = await (
      await f.as('admin')
    ).platform.outbox({ limit: 1, cursor: first.nextCursor });
    expect(next.items[0]!.to).not.toBe('by.log@example.test');
  });
});
