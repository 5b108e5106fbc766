import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq, isNotNull } from 'drizzle-orm';
import { sessions, users } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { demoPassword } from '../demo/demo-city.js';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

async function failure(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe.each(testDatabaseKinds())('auth on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  it('signs in, tells who is signed in with their roles, and signs out for good', async () => {
    const visitor = await fixture.caller();
    expect(await visitor.auth.me()).toBeNull();
    const { token, user } = await visitor.auth.signIn({
      email: ' Folder.Manager@demo.samrad.local ',
      password: demoPassword,
    });
    expect(user).toMatchObject({
      email: 'folder.manager@demo.samrad.local',
      status: 'active',
      verified: false,
    });
    expect(fixture.cookies.at(-1)).toBe(`set:${token}`);

    const signedIn = await fixture.caller(token);
    const me = await signedIn.auth.me();
    expect(me?.user.id).toBe(user.id);
    expect(me?.roles).toEqual([
      { role: 'folder_manager', scope: { type: 'folder', id: expect.any(String) as string } },
    ]);

    await signedIn.auth.signOut();
    expect(fixture.cookies.at(-1)).toBe('clear');
    expect(await (await fixture.caller(token)).auth.me()).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const { token } = await (
      await fixture.caller()
    ).auth.signIn({ email: 'admin@demo.samrad.local', password: demoPassword });
    const stored = await fixture.connection.db.select({ hash: sessions.tokenHash }).from(sessions);
    expect(stored.some((row) => row.hash === token)).toBe(false);
    expect(stored.length).toBeGreaterThan(0);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const visitor = await fixture.caller();
    const wrong = await failure(
      visitor.auth.signIn({ email: 'admin@demo.samrad.local', password: 'nope' }),
    );
    const unknown = await failure(
      visitor.auth.signIn({ email: 'nobody@demo.samrad.local', password: 'nope' }),
    );
    expect([wrong.code, wrong.message]).toEqual(['UNAUTHORIZED', 'Wrong e-mail or password']);
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
  });

  it('opens no session for a pending or blocked account (SPEC 2.4)', async () => {
    const { db } = fixture.connection;
    const visitor = await fixture.caller();
    const pending = await failure(
      visitor.auth.signIn({ email: 'pending@demo.samrad.local', password: demoPassword }),
    );
    expect(pending.code).toBe('FORBIDDEN');
    expect(pending.message).toMatch(/approval/);
    await db
      .update(users)
      .set({ status: 'blocked' })
      .where(eq(users.email, 'resident@demo.samrad.local'));
    const blocked = await failure(
      visitor.auth.signIn({ email: 'resident@demo.samrad.local', password: demoPassword }),
    );
    expect(blocked.message).toMatch(/blocked/);
    const opened = await db
      .select()
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(isNotNull(sessions.id), eq(users.email, 'pending@demo.samrad.local')));
    expect(opened).toEqual([]);
  });

  it('refuses a malformed e-mail with BAD_REQUEST naming the field', async () => {
    const error = await failure(
      (await fixture.caller()).auth.signIn({ email: 'not-an-email', password: 'x' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^email:/);
  });
});
