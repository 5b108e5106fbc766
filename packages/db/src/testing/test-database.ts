import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import { postgresServerUrl } from '@samrad/testkit';
import { connect, migrationsFolder, type Connection } from '../connect.js';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The engines the database suite runs on: PGlite always, PostgreSQL when a server is given
 * (`SAMRAD_TEST_DATABASE_URL`; CI always gives one, and fails when it is missing).
 */
export function testDatabaseKinds(): DatabaseKind[] {
  return postgresServerUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated, empty database of its own; `close()` also drops it. */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { logger?: Logger } = {},
): Promise<Connection> {
  return kind === 'pglite'
    ? createPgliteDatabase(options.logger)
    : createPostgresDatabase(options.logger);
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const path = join(migrationsFolder, name);
    if (name.endsWith('.sql') || name.endsWith('.json'))
      hash.update(name).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * PGlite's initdb takes seconds; a dump of the migrated database, keyed by the migrations' hash,
 * starts each test file in about one.
 */
async function createPgliteDatabase(logger?: Logger): Promise<Connection> {
  const template = join(tmpdir(), `samrad-pglite-template-${migrationsHash()}.tar.gz`);
  if (!existsSync(template)) {
    const fresh = await connect({ dataDir: 'memory://' });
    const dump = await dumpOf(fresh);
    await fresh.close();
    // Written aside and renamed, so parallel test files never read half a template.
    const partial = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, template);
  }
  const blob = new Blob([readFileSync(template)]);
  return connect({ dataDir: 'memory://', loadDataDir: blob, migrate: false, logger });
}

async function dumpOf(connection: Connection): Promise<Blob> {
  const client = (connection.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('gzip');
}

async function createPostgresDatabase(logger?: Logger): Promise<Connection> {
  const database = await createPostgresDatabaseUrl();
  const connection = await connect({ databaseUrl: database.url, logger });
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await database.drop();
    },
  };
}

/** An empty database of its own on the test PostgreSQL server, for a server under test. */
export async function createPostgresDatabaseUrl(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const serverUrl = postgresServerUrl();
  if (!serverUrl) throw new Error('no PostgreSQL server for tests (SAMRAD_TEST_DATABASE_URL)');
  const name = `samrad_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
