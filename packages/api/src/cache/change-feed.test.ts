import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Connection } from '@samrad/db';
import { createTestDatabase, insertPlatform, testDatabaseKinds } from '@samrad/db/testing';
import { listenForChanges, type ChangeFeed } from './change-feed.js';

describe.each(testDatabaseKinds())('the change feed on %s', (kind) => {
  let connection: Connection;
  let feed: ChangeFeed;
  let platformId: string;
  let otherId: string;

  beforeAll(async () => {
    connection = await createTestDatabase(kind);
    feed = await listenForChanges(connection);
    platformId = (await insertPlatform(connection.db)).id;
    otherId = (await insertPlatform(connection.db)).id;
    await feed.settled();
  });
  afterAll(async () => {
    await feed?.close();
    await connection?.close();
  });

  it('moves a platform’s stamp with its own changes of the kinds asked for, and only those', async () => {
    const access = feed.stamp(platformId, ['access']);
    const both = feed.stamp(platformId, ['access', 'activity']);
    const other = feed.stamp(otherId, ['access']);
    const all = feed.stampOfAll();
    expect(access).not.toBeNull();

    await connection.db.execute(
      sql`update platforms set name = 'Renamed' where id = ${platformId}`,
    );
    await feed.settled();
    expect(feed.stamp(platformId, ['access'])).not.toBe(access);
    expect(feed.stamp(platformId, ['access', 'activity'])).not.toBe(both);
    expect(feed.stamp(otherId, ['access'])).toBe(other);
    expect(feed.stampOfAll()).not.toBe(all);
  });

  it('forgets everything on a TRUNCATE', async () => {
    const before = feed.stamp(otherId, ['access']);
    await connection.db.execute(sql`truncate email_codes, audit_log`);
    await feed.settled();
    expect(feed.stamp(otherId, ['access'])).toBe(before);
    await connection.db.execute(sql`truncate platform_hosts`);
    await feed.settled();
    expect(feed.stamp(otherId, ['access'])).not.toBe(before);
  });

  it('trusts nothing while a marker is overdue, and again once it arrives', async () => {
    let held: string | null = null;
    // The marker goes nowhere at first; it is sent once the feed has given up waiting for it.
    const late = await listenForChanges(
      {
        listen: connection.listen,
        announce: async (payload) => {
          if (held === null) held = payload;
          else await connection.announce(payload);
        },
      },
      { settleTimeoutMs: 50 },
    );
    try {
      expect(late.stamp(platformId, ['access'])).not.toBeNull();
      await late.settled();
      expect(late.stamp(platformId, ['access'])).toBeNull();
      expect(late.stampOfAll()).toBeNull();
      await connection.announce(held!);
      await feed.settled();
      expect(late.stamp(platformId, ['access'])).not.toBeNull();
    } finally {
      await late.close();
    }
  });

  it.runIf(kind === 'postgres')(
    'trusts nothing while its connection is lost, and starts afresh once it listens again',
    async () => {
      const before = feed.stamp(platformId, ['access']);
      await connection.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'samrad-changes' and datname = current_database()`,
      );
      const deadline = Date.now() + 2_000;
      while (feed.stamp(platformId, ['access']) !== null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(feed.stamp(platformId, ['access'])).toBeNull();
      while (feed.stamp(platformId, ['access']) === null && Date.now() < deadline + 3_000) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const after = feed.stamp(platformId, ['access']);
      expect(after).not.toBeNull();
      expect(after).not.toBe(before);
    },
  );
});
