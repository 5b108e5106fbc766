import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  emailCodes,
  emailOutbox,
  platforms,
  registrationAnswers,
  sessions,
  users,
} from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { demoPassword } from '../demo/demo-city.js';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

const password = 'correct horse battery';
/** The demo city asks one required question at sign-up. */
const required = { age_group: '35_64' };

/** The last e-mail queued to an address, and the code in it. */
async function lastEmail(f: ApiFixture, to: string) {
  const [mail] = await f.connection.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.to, to))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  if (!mail) throw new Error(`no e-mail to ${to}`);
  return { ...mail, code: /\b(\d{6})\b/.exec(mail.text)?.[1] };
}

/** Accounts (SPEC 2.4, 4.2, 4.5; API.md `auth.*`) through the router, on both engines. */
describe.each(testDatabaseKinds())('accounts on %s', (kind) => {
  let f: ApiFixture;
  let n = 0;
  const fresh = (name = 'person') => `${name}.${++n}@example.test`;
  const setPlatform = async (values: Partial<typeof platforms.$inferInsert>) => {
    await f.connection.db.update(platforms).set(values).where(eq(platforms.id, f.platform.id));
    await f.caches.feed.settled();
  };

  beforeAll(async () => {
    f = await createApiFixture(kind);
  });
  afterAll(() => f?.close());

  describe('sign-up (SPEC 4.2 account, 4.5)', () => {
    it('opens an active account, signs it in and sends a code to confirm the address', async () => {
      const email = fresh();
      const visitor = await f.caller();
      const { token, user } = await visitor.auth.signUp({
        email,
        password,
        name: ' Ada ',
        answers: required,
      });
      expect(user).toMatchObject({ email, name: 'Ada', status: 'active', verified: false });
      expect(token).toEqual(expect.any(String));
      expect((await (await f.caller(token)).auth.me())?.user.id).toBe(user.id);
      const mail = await lastEmail(f, email);
      expect(mail.subject).toBe(`${mail.code} is your code for Lindvik`);
      const [row] = await f.connection.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ kind: 'full', emailConfirmedAt: null, status: 'active' });
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);

      const confirmed = await visitor.auth.confirmEmail({ email, code: mail.code! });
      expect(confirmed.user.id).toBe(user.id);
      const [after] = await f.connection.db.select().from(users).where(eq(users.id, user.id));
      expect(after!.emailConfirmedAt).not.toBeNull();
    });

    it('asks the enabled registration questions, enforcing required ones and each type', async () => {
      const admin = await f.as('admin');
      const birthYear = await admin.registrationQuestions.create({
        key: 'birth_year',
        title: 'Birth year',
        type: 'number',
        required: true,
      });
      await admin.registrationQuestions.create({
        key: 'district',
        title: 'District',
        type: 'single',
        options: [
          { key: 'north', title: 'North' },
          { key: 'south', title: 'South' },
        ],
      });
      await admin.registrationQuestions.create({
        key: 'retired',
        title: 'Retired question',
        type: 'text',
        enabled: false,
      });
      const visitor = await f.caller();
      const signUp = (answers: Record<string, unknown>) =>
        visitor.auth.signUp({
          email: fresh('asked'),
          password,
          name: 'Asked',
          answers: { ...required, ...answers },
        });
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'answers.birth_year'],
        [{ birth_year: 1990, age_group: null }, 'answers.age_group'],
        [{ birth_year: 'nineteen' }, 'answers.birth_year'],
        [{ birth_year: 1990, district: 'east' }, 'answers.district'],
        [{ birth_year: 1990, retired: 'x' }, 'answers.retired'],
        [{ birth_year: 1990, unknown_key: 'x' }, 'answers.unknown_key'],
      ];
      const before = await f.connection.db.select({ id: users.id }).from(users);
      for (const [answers, field] of cases) {
        const refusal = await errorOf(signUp(answers));
        expect([refusal.code, refusal.field], JSON.stringify(answers)).toEqual([
          'BAD_REQUEST',
          field,
        ]);
      }
      expect(await f.connection.db.select({ id: users.id }).from(users)).toHaveLength(
        before.length,
      );

      const { user } = await signUp({ birth_year: 1990, district: 'north' });
      const stored = await f.connection.db
        .select({ value: registrationAnswers.value })
        .from(registrationAnswers)
        .where(eq(registrationAnswers.userId, user.id));
      expect(stored.map((a) => String(a.value)).sort()).toEqual(['1990', '35_64', 'north']);
      // Later sign-ups in this file need no answers.
      await admin.registrationQuestions.update({ id: birthYear.id, required: false });
    });

    it('refuses a second account for an address, and an unknown language', async () => {
      const email = fresh();
      const visitor = await f.caller();
      await visitor.auth.signUp({ email, password, name: 'First', answers: required });
      expect(
        (await errorOf(visitor.auth.signUp({ email, password, name: 'Again', answers: required })))
          .code,
      ).toBe('CONFLICT');
      const [{ locales, defaultLocale }] = (await f.connection.db
        .select({ locales: platforms.locales, defaultLocale: platforms.defaultLocale })
        .from(platforms)
        .where(eq(platforms.id, f.platform.id))) as [{ locales: string[]; defaultLocale: string }];
      await setPlatform({ locales: ['en'], defaultLocale: 'en' });
      try {
        const refusal = await errorOf(
          (await f.caller()).auth.signUp({
            email: fresh(),
            password,
            name: 'X',
            locale: 'fi',
            answers: required,
          }),
        );
        expect([refusal.code, refusal.field]).toEqual(['BAD_REQUEST', 'locale']);
      } finally {
        await setPlatform({ locales: locales as never, defaultLocale: defaultLocale as never });
      }
      const short = await errorOf(
        visitor.auth.signUp({ email: fresh(), password: 'short', name: 'X', answers: required }),
      );
      expect([short.code, short.field]).toEqual(['BAD_REQUEST', 'password']);
    });
  });

  describe('registration approval (SPEC 2.4)', () => {
    it('keeps new accounts pending, without a session, until an admin approves them', async () => {
      await setPlatform({ registrationApproval: true });
      try {
        const email = fresh('waiting');
        const visitor = await f.caller();
        const signedUp = await visitor.auth.signUp({
          email,
          password,
          name: 'Waiting',
          answers: required,
        });
        expect(signedUp).toMatchObject({ token: null, user: { status: 'pending' } });
        const refused = await errorOf(visitor.auth.signIn({ email, password }));
        expect(refused.code).toBe('FORBIDDEN');
        expect(refused.message).toMatch(/waiting for approval/);

        // A light account made from a code waits too.
        const light = fresh('light-waiting');
        await visitor.auth.requestCode({ email: light });
        const confirmed = await visitor.auth.confirmEmail({
          email: light,
          code: (await lastEmail(f, light)).code!,
        });
        expect(confirmed).toMatchObject({ token: null, user: { status: 'pending' } });

        await (await f.as('admin')).users.approve({ id: signedUp.user.id });
        const { token } = await visitor.auth.signIn({ email, password });
        expect((await (await f.caller(token)).auth.me())?.user.status).toBe('active');
      } finally {
        await setPlatform({ registrationApproval: false });
      }
    });
  });

  describe('e-mail codes (SPEC 4.2)', () => {
    it('answers alike for any address, and makes a light account with a generated name', async () => {
      const visitor = await f.caller();
      const unknown = fresh('unknown');
      expect(await visitor.auth.requestCode({ email: unknown })).toEqual({ sent: true });
      expect(await visitor.auth.requestCode({ email: 'resident@demo.samrad.local' })).toEqual({
        sent: true,
      });
      const { token, user } = await visitor.auth.confirmEmail({
        email: unknown,
        code: (await lastEmail(f, unknown)).code!,
      });
      expect(token).toEqual(expect.any(String));
      expect(user.name).toMatch(/^User \d{6}$/);
      const [row] = await f.connection.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ kind: 'light', passwordHash: null });
      expect(row!.emailConfirmedAt).not.toBeNull();

      await setPlatform({ usernameFormat: 'animal' });
      try {
        const other = fresh('animal');
        // A new request sees the platform's new setting.
        const later = await f.caller();
        await later.auth.requestCode({ email: other });
        const animal = await later.auth.confirmEmail({
          email: other,
          code: (await lastEmail(f, other)).code!,
        });
        expect(animal.user.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      } finally {
        await setPlatform({ usernameFormat: 'user' });
      }
    });

    it('works once, expires, is replaced by a newer one, and dies after five wrong tries', async () => {
      const visitor = await f.caller();
      const email = fresh('codes');
      const confirm = (code: string) => visitor.auth.confirmEmail({ email, code });
      const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

      await visitor.auth.requestCode({ email });
      const first = (await lastEmail(f, email)).code!;
      await visitor.auth.requestCode({ email });
      const second = (await lastEmail(f, email)).code!;
      if (first !== second) {
        expect((await errorOf(confirm(first))).field).toBe('code');
      }
      await confirm(second);
      const reused = await errorOf(confirm(second));
      expect([reused.code, reused.field]).toEqual(['BAD_REQUEST', 'code']);

      await visitor.auth.requestCode({ email });
      const expiring = (await lastEmail(f, email)).code!;
      await f.connection.db
        .update(emailCodes)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(emailCodes.email, email), isNull(emailCodes.consumedAt)));
      expect((await errorOf(confirm(expiring))).field).toBe('code');

      await visitor.auth.requestCode({ email });
      const tried = (await lastEmail(f, email)).code!;
      for (let i = 0; i < 5; i++) expect((await errorOf(confirm(wrong(tried)))).field).toBe('code');
      expect((await errorOf(confirm(tried))).field).toBe('code');
      // Only keyed hashes are stored: the code itself is in no column.
      const stored = await f.connection.db
        .select()
        .from(emailCodes)
        .where(eq(emailCodes.email, email));
      expect(JSON.stringify(stored)).not.toContain(tried);
    });
  });

  describe('passwords', () => {
    it('resets a forgotten password with a code, ending every session; unknown addresses are told nothing', async () => {
      const visitor = await f.caller();
      const email = fresh('forgetful');
      const { token: old } = await visitor.auth.signUp({
        email,
        password,
        name: 'Forgetful',
        answers: required,
      });
      const unknown = fresh('nobody');
      expect(await visitor.auth.requestPasswordReset({ email: unknown })).toEqual({ sent: true });
      expect((await lastEmail(f, unknown)).subject).toBe('No account on Lindvik');
      expect(await visitor.auth.requestPasswordReset({ email })).toEqual({ sent: true });
      const { code } = await lastEmail(f, email);
      const wrong = await errorOf(
        visitor.auth.resetPassword({ email: unknown, code: code!, password: 'a new passphrase' }),
      );
      expect(wrong.field).toBe('code');
      const reset = await visitor.auth.resetPassword({
        email,
        code: code!,
        password: 'a new passphrase',
      });
      expect(reset.token).toEqual(expect.any(String));
      expect(await (await f.caller(old)).auth.me()).toBeNull();
      expect((await errorOf(visitor.auth.signIn({ email, password }))).code).toBe('UNAUTHORIZED');
      await visitor.auth.signIn({ email, password: 'a new passphrase' });
      expect((await lastEmail(f, email)).subject).toBe('Your password on Lindvik was changed');
    });

    it('changes a password with the current one, ending the other sessions only', async () => {
      const visitor = await f.caller();
      const email = fresh('changer');
      const { token: here } = await visitor.auth.signUp({
        email,
        password,
        name: 'Changer',
        answers: required,
      });
      const { token: elsewhere } = await visitor.auth.signIn({ email, password });
      const me = await f.caller(here);
      const refusal = await errorOf(
        me.auth.changePassword({ currentPassword: 'wrong', newPassword: 'another passphrase' }),
      );
      expect([refusal.code, refusal.field]).toEqual(['BAD_REQUEST', 'currentPassword']);
      await me.auth.changePassword({
        currentPassword: password,
        newPassword: 'another passphrase',
      });
      expect((await (await f.caller(here)).auth.me())?.user.email).toBe(email);
      expect(await (await f.caller(elsewhere)).auth.me()).toBeNull();
      await visitor.auth.signIn({ email, password: 'another passphrase' });
    });
  });

  describe('a change of e-mail address', () => {
    it('needs the password, a code sent to the new address, and tells the old one', async () => {
      const visitor = await f.caller();
      const email = fresh('mover');
      const { token } = await visitor.auth.signUp({
        email,
        password,
        name: 'Mover',
        answers: required,
      });
      const me = await f.caller(token);
      const newEmail = fresh('moved');
      expect((await errorOf(me.auth.requestEmailChange({ newEmail }))).field).toBe('password');
      expect(
        (await errorOf(me.auth.requestEmailChange({ newEmail, password: 'wrong' }))).field,
      ).toBe('password');
      await me.auth.requestEmailChange({ newEmail, password });
      const { code } = await lastEmail(f, newEmail);
      const taken = await errorOf(me.auth.requestEmailChange({ newEmail: email, password }));
      expect(taken.field).toBe('newEmail');
      expect((await me.auth.confirmEmailChange({ newEmail, code: code! })).email).toBe(newEmail);
      expect((await lastEmail(f, email)).subject).toBe(
        'Your e-mail address on Lindvik was changed',
      );
      await visitor.auth.signIn({ email: newEmail, password });
      expect((await errorOf(visitor.auth.signIn({ email, password }))).code).toBe('UNAUTHORIZED');
    });
  });

  describe('participation tokens (SPEC 8)', () => {
    it('are short-lived sessions that management procedures refuse', async () => {
      const admin = await f.as('admin');
      const { token } = await admin.auth.participationToken();
      const [session] = await f.connection.db
        .select()
        .from(sessions)
        .where(eq(sessions.kind, 'participation'))
        .orderBy(desc(sessions.createdAt))
        .limit(1);
      expect(session!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
      const widget = await f.caller(token);
      expect((await widget.auth.me())?.user.email).toBe('admin@demo.samrad.local');
      expect((await errorOf(widget.users.list({}))).code).toBe('UNAUTHORIZED');
      expect((await errorOf(widget.auth.participationToken())).code).toBe('UNAUTHORIZED');
    });
  });

  describe('rate limits', () => {
    it('stop sign-in tries per address and per network address with TOO_MANY_REQUESTS', async () => {
      const visitor = await f.caller();
      const email = fresh('target');
      await visitor.auth.signUp({ email, password, name: 'Target', answers: required });
      for (let i = 0; i < 10; i++) {
        expect((await errorOf(visitor.auth.signIn({ email, password: 'guess' }))).code).toBe(
          'UNAUTHORIZED',
        );
      }
      const limited = await errorOf(visitor.auth.signIn({ email, password }));
      expect(limited.code).toBe('TOO_MANY_REQUESTS');
      expect(limited.message).toMatch(/try again in \d+ minutes?/);

      const fromOneMachine = await f.caller(null, { clientAddress: '203.0.113.7' });
      const codes = [];
      for (let i = 0; i < 31; i++) {
        codes.push(
          await fromOneMachine.auth.requestCode({ email: fresh('sprayed') }).then(
            () => 'ok',
            (error: { code: string }) => error.code,
          ),
        );
      }
      expect(codes.slice(0, 30).every((c) => c === 'ok')).toBe(true);
      expect(codes[30]).toBe('TOO_MANY_REQUESTS');
      // Another machine is not held back.
      const other = await f.caller(null, { clientAddress: '198.51.100.1' });
      expect(await other.auth.requestCode({ email: fresh('other') })).toEqual({ sent: true });
    });
  });

  it('signs in demo accounts as before', async () => {
    const { user } = await (
      await f.caller()
    ).auth.signIn({
      email: 'resident@demo.samrad.local',
      password: demoPassword,
    });
    expect(user.status).toBe('active');
  });
});
