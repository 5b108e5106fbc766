import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { emailOutbox, platforms, sessions, users } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

const password = 'correct horse battery';
const answers = { age_group: '35_64' };

const step = fc.oneof(
  fc.record({ op: fc.constant('signUp' as const), who: fc.nat(2) }),
  fc.record({ op: fc.constant('requestCode' as const), who: fc.nat(2) }),
  fc.record({ op: fc.constant('confirmEmail' as const), who: fc.nat(2), right: fc.boolean() }),
  fc.record({ op: fc.constant('signIn' as const), who: fc.nat(2), right: fc.boolean() }),
  fc.record({ op: fc.constant('requestPasswordReset' as const), who: fc.nat(2) }),
  fc.record({ op: fc.constant('resetPassword' as const), who: fc.nat(2), right: fc.boolean() }),
  fc.record({ op: fc.constant('participationToken' as const), who: fc.nat(2) }),
  fc.record({ op: fc.constant('block' as const), who: fc.nat(2) }),
  fc.record({ op: fc.constant('approve' as const), who: fc.nat(2) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/**
 * SPEC 2.4 as a property: whatever a person does with sign-up, e-mail codes, sign-in and password
 * resets, and whatever an admin does with approval and blocking, no pending or blocked account
 * ever holds a live session, and no call hands one a token.
 */
describe.each(testDatabaseKinds())('account states on %s', (kind) => {
  let f: ApiFixture;
  let run = 0;
  beforeAll(async () => {
    f = await createApiFixture(kind);
  });
  afterAll(() => f?.close());

  async function lastCode(email: string): Promise<string> {
    const [mail] = await f.connection.db
      .select({ text: emailOutbox.text })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, email))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    return /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? '000000';
  }

  it('never gives a pending or blocked account a session', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (approval, steps) => {
          run++;
          await f.connection.db
            .update(platforms)
            .set({ registrationApproval: approval })
            .where(eq(platforms.id, f.platform.id));
          await f.caches.feed.settled();
          const emails = [0, 1, 2].map((i) => `p${run}.${i}@example.test`);
          const tokens = new Map<number, string>();
          const admin = await f.as('admin');
          const handed: { email: string; token: string }[] = [];

          const apply = async (s: Step) => {
            const visitor = await f.caller();
            const email = emails[s.who]!;
            const keep = (result: { token: string | null }) => {
              if (result.token) {
                tokens.set(s.who, result.token);
                handed.push({ email, token: result.token });
              }
            };
            const idOf = async () =>
              (
                await f.connection.db
                  .select({ id: users.id })
                  .from(users)
                  .where(eq(users.email, email))
              )[0]?.id;
            switch (s.op) {
              case 'signUp':
                return keep(await visitor.auth.signUp({ email, password, name: 'P', answers }));
              case 'requestCode':
                return visitor.auth.requestCode({ email });
              case 'confirmEmail': {
                const code = await lastCode(email);
                return keep(
                  await visitor.auth.confirmEmail({
                    email,
                    code: s.right ? code : code === '123456' ? '654321' : '123456',
                  }),
                );
              }
              case 'signIn':
                return keep(
                  await visitor.auth.signIn({
                    email,
                    password: s.right ? password : 'wrong password',
                  }),
                );
              case 'requestPasswordReset':
                return visitor.auth.requestPasswordReset({ email });
              case 'resetPassword': {
                const code = await lastCode(email);
                return keep(
                  await visitor.auth.resetPassword({
                    email,
                    code: s.right ? code : code === '123456' ? '654321' : '123456',
                    password,
                  }),
                );
              }
              case 'participationToken': {
                const token = tokens.get(s.who);
                if (!token) return;
                return keep(await (await f.caller(token)).auth.participationToken());
              }
              case 'block': {
                const id = await idOf();
                return id && admin.users.block({ id });
              }
              case 'approve': {
                const id = await idOf();
                return id && admin.users.approve({ id });
              }
            }
          };

          for (const s of steps) {
            // Refusals (wrong codes, pending, blocked, limits) are part of the game.
            await apply(s).catch(() => undefined);
            const live = await f.connection.db
              .select({ email: users.email, status: users.status })
              .from(sessions)
              .innerJoin(users, eq(users.id, sessions.userId))
              .where(
                and(
                  inArray(users.email, emails),
                  isNull(sessions.revokedAt),
                  gt(sessions.expiresAt, new Date()),
                ),
              );
            for (const session of live)
              expect(session.status, JSON.stringify(steps)).toBe('active');
            for (const { token } of handed) {
              const me = await (await f.caller(token)).auth.me();
              if (me) expect(me.user.status).toBe('active');
            }
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 12) },
    );
  }, 180_000);
});
