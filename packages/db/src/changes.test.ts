import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { unannouncedTables, type Change } from './changes.js';
import type { Connection } from './connect.js';
import { inputs, projects, sessions, users } from './schema/index.js';
import {
  createTestDatabase,
  insertPhase,
  insertPlatform,
  insertProject,
  insertUser,
  testDatabaseKinds,
} from './testing/index.js';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Waits until `until` holds of what has been heard, or fails after a second. */
async function heard(changes: Change[], until: (changes: Change[]) => boolean): Promise<void> {
  const deadline = Date.now() + 1_000;
  while (!until(changes)) {
    if (Date.now() > deadline) throw new Error(`not heard; got ${JSON.stringify(changes)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(testDatabaseKinds())('change announcements on %s', (kind) => {
  let connection: Connection;
  let stop: () => Promise<void>;
  const changes: Change[] = [];
  const events: string[] = [];
  /** Everything heard up to a sync marker sent now: what committed before it has arrived. */
  let n = 0;
  async function settle(): Promise<Change[]> {
    const marker = `m${++n}`;
    await connection.announce(`sync:${marker}`);
    await heard(changes, (all) => all.some((c) => c.kind === 'sync' && c.marker === marker));
    const got = changes.splice(0).filter((c) => c.kind !== 'sync');
    return got;
  }

  beforeAll(async () => {
    connection = await createTestDatabase(kind);
    stop = await connection.listen({
      onChange: (change) => changes.push(change),
      onListening: () => events.push('listening'),
      onLost: () => events.push('lost'),
    });
  });
  afterAll(async () => {
    await stop?.();
    await connection?.close();
  });

  it('announces every table but the few no cache reads (a new table must pick a side)', async () => {
    const tables = rowsOf<{ name: string }>(
      await connection.db.execute(sql`select tablename as name from pg_tables
        where schemaname = 'public' order by 1`),
    ).map((row) => row.name);
    const announced = rowsOf<{ name: string }>(
      await connection.db.execute(sql`select distinct c.relname as name
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        where not t.tgisinternal and p.proname like 'samrad_announce%'
          and t.tgtype & 28 <> 0 -- on INSERT, UPDATE or DELETE (not only TRUNCATE)
        order by 1`),
    ).map((row) => row.name);
    expect(tables.length).toBeGreaterThan(40);
    expect([...announced, ...unannouncedTables].sort()).toEqual(tables);
    expect(announced.filter((t) => (unannouncedTables as readonly string[]).includes(t))).toEqual(
      [],
    );
  });

  it('announces a transaction once per platform and kind, at commit; a rollback not at all', async () => {
    await settle();
    const platform = await insertPlatform(connection.db);
    const other = await insertPlatform(connection.db);
    expect(await settle()).toEqual([
      { kind: 'access', platformId: platform.id },
      { kind: 'access', platformId: other.id },
    ]);

    const user = await insertUser(connection.db, platform.id);
    const project = await insertProject(connection.db, platform.id);
    const phase = await insertPhase(connection.db, platform.id, project.id);
    await settle();
    await connection.db.transaction(async (tx) => {
      await tx.update(projects).set({ listed: false }).where(eq(projects.id, project.id));
      await tx.update(projects).set({ listed: true }).where(eq(projects.id, project.id));
      await tx.update(users).set({ name: 'Renamed' }).where(eq(users.id, user.id));
      await tx.insert(inputs).values({
        platformId: platform.id,
        projectId: project.id,
        phaseId: phase.id,
        authorId: user.id,
        title: 'An idea',
        body: 'Body',
        dataCollection: 'all',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    });
    expect(await settle()).toEqual([
      { kind: 'access', platformId: platform.id },
      { kind: 'activity', platformId: platform.id },
    ]);

    await connection.db
      .transaction(async (tx) => {
        await tx.update(projects).set({ listed: false }).where(eq(projects.id, project.id));
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await settle()).toEqual([]);
  });

  it('announces a revoked session, not a new one', async () => {
    const platform = await insertPlatform(connection.db);
    const user = await insertUser(connection.db, platform.id);
    await settle();
    const [session] = await connection.db
      .insert(sessions)
      .values({
        platformId: platform.id,
        userId: user.id,
        tokenHash: `hash-${platform.id}`,
        expiresAt: new Date(Date.now() + 60_000),
      })
      .returning();
    await connection.db
      .update(sessions)
      .set({ lastUsedAt: new Date() })
      .where(eq(sessions.id, session!.id));
    expect(await settle()).toEqual([]);
    await connection.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.id, session!.id));
    expect(await settle()).toEqual([{ kind: 'access', platformId: platform.id }]);
  });

  it.runIf(kind === 'postgres')('says when listening is lost, and listens again', async () => {
    events.length = 0;
    await connection.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'samrad-changes' and datname = current_database()`,
    );
    const deadline = Date.now() + 5_000;
    while (!events.includes('listening') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(events).toEqual(['lost', 'listening']);
    const platform = await insertPlatform(connection.db);
    expect(await settle()).toEqual([{ kind: 'access', platformId: platform.id }]);
  });
});
