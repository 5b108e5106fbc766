/**
 * `pnpm bench`: throughput and latency of Samrad's endpoints against baselines measured in the
 * same run (these machines are noisy, so only ratios compare across runs). Starts the built
 * server on PGlite, and on PostgreSQL too when SAMRAD_TEST_DATABASE_URL names a server. Then
 * the access bench (access.ts: decisions per second, `projects.list` over a generated city).
 * SAMRAD_BENCH_ONLY=http or =access runs one of the two.
 */
import autocannon from 'autocannon';
import { createPostgresDatabaseUrl } from '@samrad/db/testing';
import { startSamrad } from '@samrad/testkit';
import { runAccessBench } from './access.js';

const seconds = Number(process.env.SAMRAD_BENCH_SECONDS ?? 5);
const connections = 10;

const endpoints = [
  { name: 'bare route /healthz', path: '/healthz' },
  { name: 'trivial tRPC platform.get (baseline)', path: '/trpc/platform.get' },
  {
    name: 'projects.list (visitor, page of 24)',
    path: `/trpc/projects.list?input=${encodeURIComponent('{}')}`,
  },
  {
    name: 'projects.list search',
    path: `/trpc/projects.list?input=${encodeURIComponent('{"search":"park"}')}`,
  },
] as const;

interface Measured {
  name: string;
  requests: number;
  p99: number;
  errors: number;
}

async function measure(url: string, path: string): Promise<Omit<Measured, 'name'>> {
  const result = await autocannon({ url: `${url}${path}`, connections, duration: seconds });
  return {
    requests: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

async function benchOn(label: string, env: Record<string, string>) {
  const server = await startSamrad({ env });
  try {
    // Warm up the JIT, the database's caches and prepared plans.
    for (const endpoint of endpoints) {
      await autocannon({ url: `${server.url}${endpoint.path}`, connections, amount: 200 });
    }
    const rows: Measured[] = [];
    for (const endpoint of endpoints)
      rows.push({ name: endpoint.name, ...(await measure(server.url, endpoint.path)) });
    const baseline = rows[1]!.requests || 1;
    console.log(`\n${label}: ${connections} connections, ${seconds} s per endpoint`);
    console.log(
      `${'endpoint'.padEnd(40)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'vs baseline'.padStart(12)}`,
    );
    for (const row of rows) {
      console.log(
        `${row.name.padEnd(40)} ${row.requests.toFixed(0).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${String(row.errors).padStart(7)} ${(row.requests / baseline).toFixed(2).padStart(11)}×`,
      );
    }
    if (rows.some((row) => row.errors > 0)) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

async function runHttpBench() {
  await benchOn('PGlite (embedded)', {});
  if (process.env.SAMRAD_TEST_DATABASE_URL) {
    const database = await createPostgresDatabaseUrl();
    try {
      await benchOn('PostgreSQL', { DATABASE_URL: database.url });
    } finally {
      await database.drop();
    }
  } else {
    console.log(
      '\nPostgreSQL: skipped (set SAMRAD_TEST_DATABASE_URL to a server, e.g. from .ci/start-postgres.sh)',
    );
  }
}

const only = process.env.SAMRAD_BENCH_ONLY;
if (only !== 'access') await runHttpBench();
if (only !== 'http') await runAccessBench();
