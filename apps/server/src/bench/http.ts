/**
 * The HTTP bench (`pnpm bench` runs it on each engine's city once the access bench is done with
 * it; alone, with a city of its own: `SAMRAD_BENCH_ONLY=http pnpm bench`, or
 * `node apps/server/dist/bench/http.js` after a build).
 *
 * The real server (`dist/main.js`, unchanged) over the generated city of the access bench, under
 * autocannon: `projects.list` for a visitor and for a group member, `users.list` for an admin and
 * for a project manager, each reported as a ratio to two baselines measured in the same run — a
 * bare Hono route returning a constant JSON body (`/healthz`) and a trivial tRPC query on the
 * same server (`platform.get` for a visitor: no SQL, the platform comes from the server's cache).
 * On PostgreSQL with one server process per core (node:cluster workers sharing one port); on
 * PGlite with one process, as it is deployed (the embedded database belongs to one process).
 *
 * The bench users get a password before the server starts; the bench
 * then signs them in over HTTP like any client and sends their bearer tokens. The city's platform
 * is bound to the host name 127.0.0.1 (`platform_hosts`), so the server serves it to the bench.
 *
 * Besides req/s and p99 (wall-clock, so they move with whatever else the machine runs), each row
 * gives the CPU time the server processes and PostgreSQL's backends spent per request, read from
 * /proc: what a request costs, which moves far less when the machine is shared. Then where a
 * tRPC call's fixed cost goes (trpc-overhead.ts).
 *
 * Environment: SAMRAD_BENCH_SECONDS (per scenario, default 6, in SAMRAD_BENCH_ROUNDS interleaved
 * slices, default 3), SAMRAD_BENCH_WARMUP_SECONDS (default 1), SAMRAD_BENCH_CONNECTIONS (default
 * 10), SAMRAD_BENCH_WORKERS (server processes on PostgreSQL, default one per core),
 * SAMRAD_BENCH_SCALE / SAMRAD_BENCH_PGLITE_SCALE (city size, as in the access bench),
 * SAMRAD_TEST_DATABASE_URL (PostgreSQL; skipped without it).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { ensureDefaultPlatform, hashPassword } from '@samrad/api';
import { connect, platformHosts, users, type Connection, type ConnectOptions } from '@samrad/db';
import { createPostgresDatabaseUrl } from '@samrad/db/testing';
import {
  fullCity,
  generateCity,
  pickBenchSubjects,
  rowsOf,
  scaledCity,
  type BenchSubjects,
  type CitySize,
} from './generate-city.js';
import {
  connections,
  fmt,
  host,
  loadText,
  measureInterleaved,
  startServer,
  type Throughput,
} from './load.js';
import { runTrpcOverhead } from './trpc-overhead.js';

const seconds = Number(process.env.SAMRAD_BENCH_SECONDS ?? 6);
const rounds = Number(process.env.SAMRAD_BENCH_ROUNDS ?? 3);
const warmupSeconds = Number(process.env.SAMRAD_BENCH_WARMUP_SECONDS ?? 1);
const postgresWorkers = Number(process.env.SAMRAD_BENCH_WORKERS ?? cpus().length);
const serverMain = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');
const benchPassword = 'bench-password-not-secret';

const targets = {
  /** `projects.list` req/s ÷ the trivial tRPC query's, on PostgreSQL. */
  postgresRatio: 0.5,
  /** `projects.list` req/s on PGlite. */
  pgliteRequestsPerSecond: 300,
};

const signedIn = ['groupMember', 'admin', 'projectManager'] as const;
type Who = 'visitor' | (typeof signedIn)[number];

interface Scenario {
  name: string;
  path: string;
  who: Who;
  /** A procedure another change may not have added yet: reported as not available. */
  optional?: boolean;
  /** A `projects.list` row held to the targets. */
  target?: boolean;
  /** Every request asks for another page, so none is answered from the server's memory. */
  uncached?: boolean;
}

const input = (value: object) => `?input=${encodeURIComponent(JSON.stringify(value))}`;

/**
 * A page of `projects.list` that starts at a random time of the last four years: each request
 * another key, so the server loads it from the database (a cursor is `[time as text, id]`).
 */
function randomPagePath(): string {
  const at = new Date(Date.now() - Math.random() * 4 * 365 * 86_400_000);
  const text = at.toISOString().replace('T', ' ').replace('Z', '+00');
  const cursor = Buffer.from(JSON.stringify([text, randomUUID()])).toString('base64url');
  return `/trpc/projects.list${input({ cursor })}`;
}

const bare: Scenario = { name: 'bare Hono route /healthz', path: '/healthz', who: 'visitor' };
const trivial: Scenario = {
  name: 'trivial tRPC platform.get',
  path: '/trpc/platform.get',
  who: 'visitor',
};
const scenarios: Scenario[] = [
  bare,
  trivial,
  {
    name: 'projects.list · visitor',
    path: `/trpc/projects.list${input({})}`,
    who: 'visitor',
    target: true,
  },
  {
    name: 'projects.list · group member',
    path: `/trpc/projects.list${input({})}`,
    who: 'groupMember',
    target: true,
  },
  {
    name: 'projects.list · visitor · cold page',
    path: `/trpc/projects.list${input({})}`,
    who: 'visitor',
    uncached: true,
  },
  {
    name: 'projects.list · group member · cold page',
    path: `/trpc/projects.list${input({})}`,
    who: 'groupMember',
    uncached: true,
  },
  {
    name: 'users.list · admin',
    path: `/trpc/users.list${input({})}`,
    who: 'admin',
    optional: true,
  },
  {
    name: 'users.list · project manager',
    path: `/trpc/users.list${input({})}`,
    who: 'projectManager',
    optional: true,
  },
];

type Measured = { scenario: Scenario } & (
  { skipped: string } | (Throughput & { skipped?: undefined })
);

export interface Run {
  engine: 'PGlite' | 'PostgreSQL';
  workers: number;
  size: CitySize;
  measured: Measured[];
}

/** The backends serving the server's connections: their CPU is the database's share. */
async function backendPids(monitor: Connection): Promise<number[]> {
  const rows = rowsOf<{ pid: number }>(
    await monitor.db.execute(sql`select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`),
  );
  return rows.map((row) => row.pid);
}

/** One request first: a missing procedure or a refusal is reported, not measured. */
async function probe(
  url: string,
  scenario: Scenario,
  headers: Record<string, string>,
): Promise<string | null> {
  const response = await fetch(`${url}${scenario.path}`, { headers });
  if (response.ok) return null;
  const body = await response.text();
  if (scenario.optional && response.status === 404 && body.includes('No procedure found')) {
    return 'not available (the procedure is not in the router yet)';
  }
  const code = /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? `HTTP ${response.status}`;
  return `refused: ${code}`;
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: benchPassword }),
  });
  const body = (await response.json()) as { result?: { data?: { token?: string } } };
  const token = body.result?.data?.token;
  if (!token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body)}`);
  return token;
}

// ---------------------------------------------------------------------------------------------
// One engine
// ---------------------------------------------------------------------------------------------

type EngineKind = Run['engine'];

/**
 * Measures the server on a generated city: binds the city's platform to 127.0.0.1, gives the
 * bench users a password, starts the server (one process per core on PostgreSQL, one on PGlite)
 * and signs them in over HTTP.
 */
export async function benchHttpOn(
  engine: EngineKind,
  database: ConnectOptions,
  city: { platformId: string; size: CitySize },
): Promise<Run> {
  const connection = await connect(database);
  let subjects: BenchSubjects;
  try {
    // Made here, so that the server processes do not race to make it at start.
    await ensureDefaultPlatform(connection.db, { name: 'Samrad' });
    await connection.db.insert(platformHosts).values({ host, platformId: city.platformId });
    subjects = await pickBenchSubjects(connection.db, city.platformId);
    const passwordHash = await hashPassword(benchPassword);
    const ids = signedIn.map((who) => subjects[who].id);
    await connection.db.update(users).set({ passwordHash }).where(inArray(users.id, ids));
  } finally {
    await connection.close();
  }
  console.log(`\nHTTP bench on ${engine}:`);
  for (const who of signedIn) {
    console.log(`  ${who}: ${subjects[who].email} (${subjects[who].note})`);
  }

  const workers = engine === 'PostgreSQL' ? postgresWorkers : 1;
  const server = await startServer({
    exec: serverMain,
    workers,
    env: {
      // The city is the bench's: no demo city beside it.
      SAMRAD_DEMO: '0',
      // Unset, not inherited: a DATABASE_URL in the bench's environment must not win over PGlite.
      DATABASE_URL: database.databaseUrl,
      SAMRAD_DATA_DIR: database.dataDir,
    },
  });
  const monitor = database.databaseUrl
    ? await connect({ databaseUrl: database.databaseUrl, migrate: false })
    : null;
  try {
    const tokens: Record<Who, string | null> = {
      visitor: null,
      groupMember: await signIn(server.url, subjects.groupMember.email),
      admin: await signIn(server.url, subjects.admin.email),
      projectManager: await signIn(server.url, subjects.projectManager.email),
    };
    const headersOf = (who: Who): Record<string, string> => {
      const token = tokens[who];
      return token ? { authorization: `Bearer ${token}` } : {};
    };
    const skipped = new Map<Scenario, string>();
    for (const scenario of scenarios) {
      const reason = await probe(server.url, scenario, headersOf(scenario.who));
      if (reason) skipped.set(scenario, reason);
    }
    const runnable = scenarios.filter((scenario) => !skipped.has(scenario));
    const results = await measureInterleaved(
      server,
      runnable.map((scenario) => ({
        path: scenario.path,
        headers: headersOf(scenario.who),
        ...(scenario.uncached ? { nextPath: randomPagePath } : {}),
      })),
      {
        seconds,
        rounds,
        warmupSeconds,
        ...(monitor ? { otherPids: () => backendPids(monitor) } : {}),
      },
    );
    if (server.output().includes('[trpc]')) {
      console.log(`  the server reported errors:\n${server.output()}`);
    }
    const measured = scenarios.map((scenario): Measured => {
      const reason = skipped.get(scenario);
      return reason
        ? { scenario, skipped: reason }
        : { scenario, ...results[runnable.indexOf(scenario)]! };
    });
    return { engine, workers, size: city.size, measured };
  } finally {
    await monitor?.close();
    await server.stop();
  }
}

/** The HTTP bench alone: a city of its own on each engine. */
async function generateAndBench(engine: EngineKind, database: ConnectOptions, size: CitySize) {
  console.log(`\n${engine}: generating the city…`);
  const connection = await connect(database);
  let platformId: string;
  try {
    const city = await generateCity(connection.db, size);
    platformId = city.platform.id;
    console.log(`  ${describeSize(size)} in ${fmt(city.totalMs / 1000, 1)} s`);
  } finally {
    await connection.close();
  }
  return benchHttpOn(engine, database, { platformId, size });
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const describeSize = (size: CitySize) =>
  `${fmt(size.folders)} folders · ${fmt(size.projects)} projects · ${fmt(size.users)} users · ` +
  `${fmt(size.manualGroups + size.smartGroups)} groups`;

const sameSize = (a: CitySize, b: CitySize) => JSON.stringify(a) === JSON.stringify(b);

function throughputOf(run: Run, scenario: Scenario): Throughput {
  const row = run.measured.find((m) => m.scenario === scenario);
  if (!row || row.skipped !== undefined) throw new Error(`${scenario.name} was not measured`);
  return row;
}

function printRun(run: Run): void {
  const bareRow = throughputOf(run, bare);
  const trivialRow = throughputOf(run, trivial);
  const processes =
    run.workers === 1 ? '1 server process' : `${run.workers} server processes (node:cluster)`;
  console.log(
    `\n${run.engine}: ${processes}, ${connections} connections, ${seconds} s per scenario ` +
      `(${rounds} interleaved slices) after ${warmupSeconds} s of warm-up; ` +
      `${describeSize(run.size)}${sameSize(run.size, fullCity) ? '' : '  ← SMALLER CITY'}`,
  );
  console.log(
    `${'scenario'.padEnd(42)}${'req/s'.padStart(8)}${'p99 ms'.padStart(9)}${'errors'.padStart(7)}` +
      `${'req/s÷bare'.padStart(12)}${'req/s÷tRPC'.padStart(12)}${'p99÷bare'.padStart(10)}${'p99÷tRPC'.padStart(10)}` +
      `${'CPU µs/req: server'.padStart(20)}${'database'.padStart(10)}`,
  );
  for (const m of run.measured) {
    if (m.skipped !== undefined) {
      console.log(`${m.scenario.name.padEnd(42)}  ${m.skipped}`);
      continue;
    }
    const database = run.engine === 'PGlite' ? 'in server' : fmt(m.otherCpuUs);
    console.log(
      `${m.scenario.name.padEnd(42)}${fmt(m.requestsPerSecond).padStart(8)}${fmt(m.p99Ms, 2).padStart(9)}` +
        `${String(m.errors).padStart(7)}` +
        `${fmt(m.requestsPerSecond / bareRow.requestsPerSecond, 3).padStart(12)}` +
        `${fmt(m.requestsPerSecond / trivialRow.requestsPerSecond, 3).padStart(12)}` +
        `${fmt(m.p99Ms / bareRow.p99Ms, 2).padStart(10)}${fmt(m.p99Ms / trivialRow.p99Ms, 2).padStart(10)}` +
        `${fmt(m.serverCpuUs).padStart(20)}${database.padStart(10)}`,
    );
  }
}

/** PASS/FAIL lines: on PostgreSQL a ratio to the trivial tRPC query, on PGlite req/s. */
function verdicts(run: Run): string[] {
  const trivialRow = throughputOf(run, trivial);
  const verdict = (met: boolean) => (met ? 'PASS' : 'FAIL');
  return scenarios
    .filter((scenario) => scenario.target)
    .map((scenario) => {
      const row = throughputOf(run, scenario);
      if (run.engine === 'PostgreSQL') {
        const ratio = row.requestsPerSecond / trivialRow.requestsPerSecond;
        return `${verdict(ratio >= targets.postgresRatio)}  ${run.engine}, ${scenario.name}: ${fmt(ratio, 3)} × the trivial tRPC query's req/s (target ≥ ${targets.postgresRatio})`;
      }
      return `${verdict(row.requestsPerSecond >= targets.pgliteRequestsPerSecond)}  ${run.engine}, ${scenario.name}: ${fmt(row.requestsPerSecond)} req/s (target ≥ ${targets.pgliteRequestsPerSecond})`;
    });
}

/** The tables, the PASS/FAIL lines against the targets, then where a tRPC call's cost goes. */
export async function reportHttp(runs: Run[]): Promise<void> {
  console.log(
    `\nHTTP bench — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ` +
      `load average ${loadText()}`,
  );
  for (const run of runs) printRun(run);
  console.log(
    'p99: over every 2xx response; ratios compare rows of the same table (the machine is shared).\n' +
      'CPU: user + system time of the server processes, and of PostgreSQL’s backends, over the ' +
      'scenario ÷ requests answered.',
  );
  console.log('\nTargets');
  for (const run of runs) for (const line of verdicts(run)) console.log(`  ${line}`);
  if (!runs.some((run) => run.engine === 'PostgreSQL')) {
    console.log('  PostgreSQL: not measured (set SAMRAD_TEST_DATABASE_URL)');
  }

  await runTrpcOverhead();

  if (runs.some((run) => run.measured.some((m) => m.skipped === undefined && m.errors > 0))) {
    process.exitCode = 1;
  }
}

export async function runHttpBench(): Promise<void> {
  const started = performance.now();
  const scale = Number(process.env.SAMRAD_BENCH_SCALE ?? 1);
  const pgliteScale = Number(process.env.SAMRAD_BENCH_PGLITE_SCALE ?? scale);
  const sizeOf = (s: number) => (s === 1 ? fullCity : scaledCity(s));

  const runs: Run[] = [];
  const pgliteDir = mkdtempSync(join(tmpdir(), 'samrad-http-bench-'));
  try {
    runs.push(await generateAndBench('PGlite', { dataDir: pgliteDir }, sizeOf(pgliteScale)));
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
  if (process.env.SAMRAD_TEST_DATABASE_URL) {
    const database = await createPostgresDatabaseUrl();
    try {
      runs.push(await generateAndBench('PostgreSQL', { databaseUrl: database.url }, sizeOf(scale)));
    } finally {
      await database.drop();
    }
  }
  await reportHttp(runs);
  console.log(`\nHTTP bench done in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runHttpBench();
}
