import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { changeChannel, parseChange, type ChangeListener } from './changes.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database or a transaction on it: use cases take either, so they compose in one transaction. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface Connection {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Hears the change announcements (./changes.ts) until the returned function is called. On
   * PostgreSQL over a connection of its own, opened again when it drops.
   */
  listen: (listener: ChangeListener) => Promise<() => Promise<void>>;
  /** Sends an announcement, as the triggers do (a sync marker, say). */
  announce: (payload: string) => Promise<void>;
  close: () => Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL server (`postgres://…`); without it, embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. Default `./.data`. */
  dataDir?: string | undefined;
  /** Start PGlite from a dump (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
  /** Run pending migrations first (default true). */
  migrate?: boolean;
  /** Sees every query (benchmarks count them). */
  logger?: Logger;
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Opens the database and brings its schema up to date: the same migrations for both engines. */
export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const connection = options.databaseUrl
    ? await connectPostgres(options.databaseUrl, options.migrate ?? true, options.logger)
    : await connectPglite(options);
  return connection;
}

async function connectPglite(options: ConnectOptions): Promise<Connection> {
  const dataDir = options.dataDir ?? './.data';
  // PGlite's own mkdir is not recursive.
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, {
    // Trigram indexes serve text search (migration 0004); PostgreSQL ships the same extension.
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite({
    client,
    schema,
    casing: 'snake_case',
    logger: options.logger ?? false,
  });
  if (options.migrate ?? true) await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    // One connection in this process: announcements arrive as each statement commits.
    listen: async (listener) => {
      const stop = await client.listen(changeChannel, (payload) =>
        listener.onChange(parseChange(payload)),
      );
      listener.onListening();
      return () => stop();
    },
    announce: async (payload) => {
      await client.query('select pg_notify($1, $2)', [changeChannel, payload]);
    },
    close: () => client.close(),
  };
}

async function connectPostgres(
  url: string,
  runMigrations: boolean,
  logger?: Logger,
): Promise<Connection> {
  if (runMigrations) {
    // Migrations run over their own single connection, closed before serving.
    const migrationClient = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migratePostgres(drizzlePostgres({ client: migrationClient, casing: 'snake_case' }), {
        migrationsFolder,
      });
    } finally {
      await migrationClient.end();
    }
  }
  // JIT compiles a listing's plan for longer than the listing runs (measured: 35 ms of 60).
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { jit: 'off' } });
  const db = drizzlePostgres({ client, schema, casing: 'snake_case', logger: logger ?? false });
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    listen: (listener) => listenPostgres(url, listener),
    announce: async (payload) => {
      await client`select pg_notify(${changeChannel}, ${payload})`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * A connection of its own that LISTENs. When it drops (a restart, a terminated backend), the
 * listener is told at once and it listens again, retrying with a growing delay.
 */
async function listenPostgres(url: string, listener: ChangeListener): Promise<() => Promise<void>> {
  let stopped = false;
  let retryMs = 50;
  let retry: NodeJS.Timeout | undefined;
  // postgres.js reads `onnotify` and `onclose` (its own listen() uses them) but does not type
  // them; its listen() re-listens after a drop without saying so, which is what we must know.
  const hooks = {
    onnotify: (channel: string, payload: string) => {
      if (channel === changeChannel) listener.onChange(parseChange(payload));
    },
    onclose: () => {
      if (stopped) return;
      listener.onLost();
      schedule();
    },
  };
  const client = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'samrad-changes' },
    ...hooks,
  } as postgres.Options<Record<string, never>>);
  const start = async () => {
    await client.unsafe(`listen ${changeChannel}`);
    retryMs = 50;
    listener.onListening();
  };
  function schedule() {
    clearTimeout(retry);
    retry = setTimeout(() => {
      if (!stopped) start().catch(schedule);
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 5_000);
  }
  await start();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client.end({ timeout: 1 });
  };
}
