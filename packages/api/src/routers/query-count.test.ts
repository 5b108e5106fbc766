import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds } from '@samrad/db/testing';
import { demoPassword } from '../demo/demo-city.js';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

const subjects = [
  null,
  'resident@demo.samrad.local',
  'folder.manager@demo.samrad.local',
  'admin@demo.samrad.local',
];

/** Three hundred more published projects, in and out of folders, written behind the API's back. */
async function addBulkProjects(fixture: ApiFixture, prefix: string) {
  await fixture.connection.db.execute(sql`
    insert into projects (platform_id, folder_id, slug, title, status, first_published_at, published_at)
    select ${fixture.platform.id}, (select id from folders where slug = 'green-spaces'), ${prefix} || n,
      jsonb_build_object('en', 'Bulk project ' || n), 'published', now(), now()
    from generate_series(1, 300) as n`);
  await fixture.caches.feed.settled();
}

/**
 * Listings filter in SQL with a fixed number of queries, whatever the number of rows: the count
 * for a page is the same with a handful of projects and with hundreds more. A listing seen again
 * before anything changed costs none.
 */
describe.each(testDatabaseKinds())('queries per listing on %s', (kind) => {
  let queries = 0;
  const logger = { logQuery: () => void queries++ };

  async function countFor(
    fixture: ApiFixture,
    email: string | null,
    call: 'projects' | 'folders',
  ): Promise<number> {
    const token = email
      ? (await (await fixture.caller()).auth.signIn({ email, password: demoPassword })).token
      : undefined;
    const api = await fixture.caller(token);
    queries = 0;
    if (call === 'projects') await api.projects.list({});
    else await api.folders.list({});
    return queries;
  }

  describe('when nothing is in memory', () => {
    let fixture: ApiFixture;
    beforeAll(async () => {
      fixture = await createApiFixture(kind, { logger, reads: false });
    });
    afterAll(() => fixture?.close());

    it('stays at most 2 for projects.list and folders.list, for any subject, at any size', async () => {
      // The server caches the platform's smart-group rules between requests: count with it warm.
      await countFor(fixture, 'resident@demo.samrad.local', 'projects');
      const before = [];
      for (const email of subjects)
        before.push(
          await countFor(fixture, email, 'projects'),
          await countFor(fixture, email, 'folders'),
        );
      await addBulkProjects(fixture, 'bulk-');
      // A change also retires the cached rules: the first signed-in call reads them again.
      await countFor(fixture, 'resident@demo.samrad.local', 'projects');
      const after = [];
      for (const email of subjects)
        after.push(
          await countFor(fixture, email, 'projects'),
          await countFor(fixture, email, 'folders'),
        );
      expect(after).toEqual(before);
      // The subject (one query, smart groups evaluated in memory) and the page; HTTP adds the session.
      expect(Math.max(...after)).toBeLessThanOrEqual(2);
    });
  });

  describe('as the server runs', () => {
    let fixture: ApiFixture;
    beforeAll(async () => {
      fixture = await createApiFixture(kind, { logger });
    });
    afterAll(() => fixture?.close());

    it('answers a page seen before from memory, and loads it again once anything changed', async () => {
      const first = [];
      for (const email of subjects) first.push(await countFor(fixture, email, 'projects'));
      const again = [];
      for (const email of subjects) again.push(await countFor(fixture, email, 'projects'));
      // The visitor's page; a signed-in caller's subject and page, and for the first of them the
      // platform's smart-group rules.
      expect(first).toEqual([1, 3, 2, 2]);
      expect(again).toEqual(subjects.map(() => 0));

      await addBulkProjects(fixture, 'more-');
      const afterChange = [];
      for (const email of subjects) afterChange.push(await countFor(fixture, email, 'projects'));
      // All of it again: the change retired every entry of the platform.
      expect(afterChange).toEqual([1, 3, 2, 2]);
      const visitor = await fixture.caller();
      const slugs = (await visitor.projects.list({})).items.map((p) => p.slug);
      expect(slugs.filter((slug) => slug.startsWith('more-'))).toHaveLength(24);
    });
  });
});
