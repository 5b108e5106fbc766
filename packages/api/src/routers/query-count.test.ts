import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds } from '@samrad/db/testing';
import { demoPassword } from '../demo/demo-city.js';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

/**
 * Listings filter in SQL with a fixed number of queries, whatever the number of rows: the count
 * for a page is the same with a handful of projects and with hundreds more.
 */
describe.each(testDatabaseKinds())('queries per listing on %s', (kind) => {
  let fixture: ApiFixture;
  let queries = 0;
  beforeAll(async () => {
    fixture = await createApiFixture(kind, { logger: { logQuery: () => void queries++ } });
  });
  afterAll(() => fixture?.close());

  async function countFor(email: string | null, call: 'projects' | 'folders'): Promise<number> {
    const token = email
      ? (await (await fixture.caller()).auth.signIn({ email, password: demoPassword })).token
      : undefined;
    const api = await fixture.caller(token);
    queries = 0;
    if (call === 'projects') await api.projects.list({});
    else await api.folders.list({});
    return queries;
  }

  it('stays at most 2 for projects.list and folders.list, for any subject, at any size', async () => {
    const subjects = [
      null,
      'resident@demo.samrad.local',
      'folder.manager@demo.samrad.local',
      'admin@demo.samrad.local',
    ];
    // The server caches the platform's smart-group rules between requests: count with it warm.
    await countFor('resident@demo.samrad.local', 'projects');
    const before = [];
    for (const email of subjects)
      before.push(await countFor(email, 'projects'), await countFor(email, 'folders'));
    // Three hundred more published projects, in and out of folders.
    await fixture.connection.db.execute(sql`
      insert into projects (platform_id, folder_id, slug, title, status, first_published_at, published_at)
      select ${fixture.platform.id}, (select id from folders where slug = 'green-spaces'), 'bulk-' || n,
        jsonb_build_object('en', 'Bulk project ' || n), 'published', now(), now()
      from generate_series(1, 300) as n`);
    const after = [];
    for (const email of subjects)
      after.push(await countFor(email, 'projects'), await countFor(email, 'folders'));
    expect(after).toEqual(before);
    // The subject (one query, smart groups evaluated in memory) and the page; HTTP adds the session.
    expect(Math.max(...after)).toBeLessThanOrEqual(2);
  });
});
