import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { auditLog, platforms } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

describe.each(testDatabaseKinds())('platform settings on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  const as = (who: string | null) => fixture.as(who);
  const failure = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    return error as TRPCError;
  };

  it('shows settings to admins only', async () => {
    expect(await (await as(null)).platform.get()).not.toHaveProperty('settings');
    expect(await (await as('folder.manager')).platform.get()).not.toHaveProperty('settings');
    expect((await (await as('admin')).platform.get()).settings).toMatchObject({
      managersMayDelegate: false,
    });
  });

  it('lets an admin change them, audited; nobody else (SPEC 2.1, 2.2)', async () => {
    const updated = await (
      await as('admin')
    ).platform.update({
      managersMayDelegate: true,
      embedOrigins: ['https://www.lindvik.example'],
    });
    expect(updated.settings).toMatchObject({
      managersMayDelegate: true,
      embedOrigins: ['https://www.lindvik.example'],
    });
    const [row] = await fixture.connection.db
      .select()
      .from(platforms)
      .where(eq(platforms.id, fixture.platform.id));
    expect(row?.managersMayDelegate).toBe(true);
    const [entry] = await fixture.connection.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'platform.update'));
    expect(entry).toMatchObject({
      before: { managersMayDelegate: false },
      after: { managersMayDelegate: true },
    });
    expect(
      (await failure((await as('folder.manager')).platform.update({ name: 'Mine' }))).code,
    ).toBe('FORBIDDEN');
    expect((await failure((await as(null)).platform.update({ name: 'Mine' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('refuses bad settings with BAD_REQUEST naming the field', async () => {
    const admin = await as('admin');
    const origin = await failure(
      admin.platform.update({ embedOrigins: ['https://city.example/path'] }),
    );
    expect([origin.code, origin.message.split(':')[0]]).toEqual(['BAD_REQUEST', 'embedOrigins.0']);
    const locale = await failure(admin.platform.update({ locales: ['sv'], defaultLocale: 'da' }));
    expect([locale.code, locale.message.split(':')[0]]).toEqual(['BAD_REQUEST', 'defaultLocale']);
    expect((await failure(admin.platform.update({}))).code).toBe('BAD_REQUEST');
  });
});
