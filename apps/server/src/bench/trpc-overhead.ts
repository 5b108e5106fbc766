/**
 * Where a tRPC call's fixed cost goes, over real HTTP: one server process (overhead-server.ts)
 * answers the same visitor with routes that each add one part of the call — Samrad's context,
 * the procedure through `createCaller`, tRPC's fetch adapter on a bare router with and without a
 * zod input, the real `/trpc/platform.get`, and the same with Node's `AbortSignal.any` hidden —
 * and, for scale, a Hono route that makes one `select 1` round trip to the database (PostgreSQL
 * when SAMRAD_TEST_DATABASE_URL names a server, else PGlite). CPU µs per request of the server
 * process is the figure to read: wall-clock req/s moves with whatever else the machine runs.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabaseUrl } from '@samrad/db/testing';
import { fmt, measureInterleaved, startServer } from './load.js';

const seconds = Number(process.env.SAMRAD_BENCH_SECONDS ?? 6);
const rounds = Number(process.env.SAMRAD_BENCH_ROUNDS ?? 3);
const warmupSeconds = Number(process.env.SAMRAD_BENCH_WARMUP_SECONDS ?? 1);
const overheadServer = resolve(dirname(fileURLToPath(import.meta.url)), 'overhead-server.js');

const rows = [
  { name: 'Hono route, constant JSON (/healthz)', path: '/healthz' },
  { name: 'Hono route + createContext (no token)', path: '/bench/context' },
  { name: '  + createCaller(ctx).platform.get() (no adapter)', path: '/bench/caller' },
  { name: 'fetch adapter, bare router, no context or input', path: '/bench/trpc/plain' },
  {
    name: 'fetch adapter, bare router, zod input',
    path: `/bench/trpc/validated?input=${encodeURIComponent('{}')}`,
  },
  { name: 'real /trpc/platform.get', path: '/trpc/platform.get' },
  {
    name: 'real /trpc/platform.get, AbortSignal.any hidden',
    path: '/bench/no-abort-signal-any/trpc/platform.get',
  },
  { name: 'Hono route + one `select 1` round trip', path: '/bench/select-1' },
];

export async function runTrpcOverhead(): Promise<void> {
  const database = process.env.SAMRAD_TEST_DATABASE_URL ? await createPostgresDatabaseUrl() : null;
  const server = await startServer({
    exec: overheadServer,
    workers: 1,
    // Unset without a server: a DATABASE_URL in the bench's environment must not be used.
    env: { DATABASE_URL: database?.url },
  }).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  try {
    const results = await measureInterleaved(
      server,
      rows.map((row) => ({ path: row.path, headers: {} })),
      { seconds, rounds, warmupSeconds },
    );
    const hono = results[0]!.serverCpuUs;
    console.log(
      `\nWhere a tRPC call’s fixed cost goes — 1 server process, visitor, ${seconds} s per row ` +
        `(${rounds} interleaved slices); database: ${database ? 'PostgreSQL' : 'PGlite'}`,
    );
    console.log(
      `${'route'.padEnd(52)}${'req/s'.padStart(8)}${'p99 ms'.padStart(8)}${'server CPU µs/req'.padStart(19)}${'over Hono'.padStart(11)}`,
    );
    for (const [i, row] of rows.entries()) {
      const r = results[i]!;
      if (r.errors > 0) process.exitCode = 1;
      console.log(
        `${row.name.padEnd(52)}${fmt(r.requestsPerSecond).padStart(8)}${fmt(r.p99Ms, 2).padStart(8)}` +
          `${fmt(r.serverCpuUs).padStart(19)}${(i === 0 ? '' : `+${fmt(r.serverCpuUs - hono)}`).padStart(11)}` +
          `${r.errors > 0 ? `  ${r.errors} errors` : ''}`,
      );
    }
  } finally {
    await server.stop();
    await database?.drop();
  }
}
