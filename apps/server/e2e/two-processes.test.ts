import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSamradClient } from '@samrad/client';
import { createPostgresDatabaseUrl, testDatabaseKinds } from '@samrad/db/testing';
import { startSamrad, type RunningSamrad } from '@samrad/testkit';

const password = 'samrad-demo';

/** Polls `check` until it holds; how long it took, or a failure after `withinMs`. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

/**
 * Two server processes on one PostgreSQL database, as a deployment with one process per core
 * runs: what one of them changes, the other stops showing at once, although it keeps sessions,
 * subjects and listings in memory.
 */
describe.runIf(testDatabaseKinds().includes('postgres'))(
  'two server processes on PostgreSQL',
  () => {
    let a: RunningSamrad;
    let b: RunningSamrad;
    let drop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const database = await createPostgresDatabaseUrl();
      drop = database.drop;
      a = await startSamrad({ env: { DATABASE_URL: database.url } });
      b = await startSamrad({ env: { DATABASE_URL: database.url } });
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await drop?.();
    });

    const signIn = async (server: RunningSamrad, who: string) =>
      (
        await createSamradClient({ url: server.url }).auth.signIn.mutate({
          email: `${who}@demo.samrad.local`,
          password,
        })
      ).token;

    it('hides a project set back to draft on one process from the other’s visitors', async () => {
      const visitorOnB = createSamradClient({ url: b.url });
      const listed = async () => (await visitorOnB.projects.list.query({})).items.map((p) => p.id);
      const [project] = (await visitorOnB.projects.list.query({})).items;
      expect(await listed()).toContain(project!.id);

      const adminOnA = createSamradClient({ url: a.url, token: await signIn(a, 'admin') });
      await adminOnA.projects.setStatus.mutate({ id: project!.id, status: 'draft' });
      const ms = await within(1_000, async () => !(await listed()).includes(project!.id));
      expect(ms).toBeLessThan(1_000);
      await expect(visitorOnB.projects.get.query({ id: project!.id })).rejects.toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
    });

    it('refuses on one process a session signed out on the other', async () => {
      const token = await signIn(a, 'resident');
      const onA = createSamradClient({ url: a.url, token });
      const onB = createSamradClient({ url: b.url, token });
      expect((await onB.auth.me.query())?.user.email).toBe('resident@demo.samrad.local');
      await onA.auth.signOut.mutate();
      await within(1_000, async () => (await onB.auth.me.query()) === null);
    });
  },
);
