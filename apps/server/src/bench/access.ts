/**
 * The access bench (`pnpm bench` runs it after the HTTP bench; alone: `pnpm --filter
 * @samrad/server bench:access`, or `node apps/server/dist/bench/access.js`):
 *
 * 1. In-memory decisions per second: `decide()` and `decideParticipation()` over a realistic
 *    world (1,000 compiled subjects, 20,000 projects in folders 3–6 deep, 500 groups).
 * 2. `projects.list` through tRPC's server-side caller, over a generated city of 2,000 folders,
 *    20,000 projects, 100,000 users and 500 groups (a fifth smart): median and p99 latency and
 *    SQL queries per call, for a visitor, a group member, a folder manager, a signed-in user who
 *    sees almost nothing and an admin; on PGlite, and on PostgreSQL when
 *    SAMRAD_TEST_DATABASE_URL names a server. Each call gets a fresh context, so the subject is
 *    loaded per call, as in production.
 *
 * Environment: SAMRAD_BENCH_SCALE (city size, default 1), SAMRAD_BENCH_PGLITE_SCALE (PGlite's
 * city only, default = SAMRAD_BENCH_SCALE), SAMRAD_BENCH_CALL_MS (time per listing scenario,
 * default 2000), SAMRAD_BENCH_EXPLAIN=1 (print EXPLAIN ANALYZE of each engine's slowest listing),
 * SAMRAD_BENCH_PGLITE_DIR (default: a temporary directory; `memory://` works too),
 * SAMRAD_BENCH_ONLY=decisions (the in-memory part only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  compileSubject,
  decide,
  decideParticipation,
  visitor as visitorSubject,
  type Action,
  type Decision,
  type FolderFacts,
  type ParticipationQuestion,
  type PermittedBy,
  type ProjectFacts,
  type ProjectVisibility,
  type PublicationStatus,
  type Role,
  type RoleGrant,
  type Subject,
  type SubjectInput,
} from '@samrad/core';
import { createCaches, createCaller, createContextInner, type Viewer } from '@samrad/api';
import { connect, type Connection, type ConnectOptions } from '@samrad/db';
import { createPostgresDatabaseUrl } from '@samrad/db/testing';
import {
  fullCity,
  generateCity,
  pickBenchSubjects,
  rowsOf,
  scaledCity,
  type BenchSubjects,
  type CitySize,
  type GeneratedCity,
} from './generate-city.js';

const callBudgetMs = Number(process.env.SAMRAD_BENCH_CALL_MS ?? 2_000);
const maxSamples = 400;
const minSamples = 20;
const explain = process.env.SAMRAD_BENCH_EXPLAIN === '1';

const targets = {
  decisionsPerSecond: 1_000_000,
  postgresMedianMs: 20,
  queriesPerCall: 3,
};

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------------------------------------
// 1. In-memory decisions
// ---------------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32), so every run decides over the same world. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const uuidOf = (kind: number, i: number) =>
  `0000000${kind}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

interface World {
  subjects: Subject[];
  projects: ProjectFacts[];
  folders: FolderFacts[];
  questions: ParticipationQuestion[];
}

/** Subjects with a few grants and groups; projects in folders 3–6 deep, as a city has them. */
function buildWorld(): World {
  const rnd = random(20261122);
  // The folder tree: 12 roots, then levels of 60, 240, 560, 680 and 448 folders.
  const levelSizes = [12, 60, 240, 560, 680, 448];
  const folderPaths: string[][] = []; // root first, ending with the folder itself
  const byLevel: number[][] = [];
  const draft = new Set<string>();
  for (const [level, count] of levelSizes.entries()) {
    byLevel.push([]);
    for (let i = 0; i < count; i++) {
      const index = folderPaths.length;
      const id = uuidOf(1, index);
      const parent = level === 0 ? [] : folderPaths[rnd.pick(byLevel[level - 1]!)]!;
      folderPaths.push([...parent, id]);
      byLevel[level]!.push(index);
      if (level > 0 && rnd.chance(0.03)) draft.add(id);
    }
  }
  const groupIds = Array.from({ length: 500 }, (_, i) => uuidOf(2, i));
  const questionIds = Array.from({ length: 6 }, (_, i) => uuidOf(3, i));

  // Projects in folders at levels 2–5: 3 to 6 folders above each.
  const deepFolders = byLevel.slice(2).flat();
  const projects: ProjectFacts[] = [];
  for (let i = 0; i < 20_000; i++) {
    const folderIds = folderPaths[rnd.pick(deepFolders)]!;
    const roll = rnd.next();
    const status: PublicationStatus = roll < 0.12 ? 'draft' : roll < 0.2 ? 'archived' : 'published';
    const seen = rnd.next();
    const visibleTo: ProjectVisibility =
      seen < 0.05 ? 'managers' : seen < 0.15 ? 'groups' : 'everyone';
    const membersOnly = rnd.chance(0.08);
    projects.push({
      id: uuidOf(4, i),
      folderIds,
      status,
      everPublished: status !== 'draft' || rnd.chance(0.25),
      listed: rnd.chance(0.93),
      visibleTo,
      visibleGroupIds:
        visibleTo === 'groups'
          ? Array.from({ length: 1 + rnd.int(3) }, () => rnd.pick(groupIds))
          : [],
      membersOnly,
      joinRequests: membersOnly && rnd.chance(0.5),
      inDraftFolder: folderIds.some((id) => draft.has(id)),
    });
  }
  const subtree = new Map<string, ProjectFacts[]>();
  for (const project of projects) {
    for (const id of project.folderIds) {
      const list = subtree.get(id) ?? [];
      list.push(project);
      subtree.set(id, list);
    }
  }
  const folders: FolderFacts[] = folderPaths.map((path) => {
    const id = path.at(-1)!;
    return {
      id,
      ancestorIds: path.slice(0, -1),
      status: draft.has(id) ? 'draft' : 'published',
      subtreeProjects: subtree.get(id) ?? [],
    };
  });

  // 1,000 subjects: visitors, residents in groups, project staff, folder managers, admins,
  // and pending or blocked accounts (compiled to visitors).
  const folderGrant = (index: number): RoleGrant => {
    const path = folderPaths[index]!;
    return {
      role: 'folder_manager',
      scope: { type: 'folder', id: path.at(-1)! },
      ancestorFolderIds: path.slice(0, -1),
    };
  };
  const projectGrant = (project: ProjectFacts): RoleGrant => ({
    role: rnd.pick<Role>([
      'project_manager',
      'project_manager',
      'project_moderator',
      'project_reviewer',
    ]),
    scope: { type: 'project', id: project.id },
    ancestorFolderIds: project.folderIds,
  });
  const subjects: Subject[] = [];
  for (let i = 0; i < 1_000; i++) {
    const roll = rnd.next();
    if (roll < 0.25) {
      subjects.push(visitorSubject);
      continue;
    }
    const roles: RoleGrant[] = [];
    if (roll < 0.65) {
      // a resident
    } else if (roll < 0.75) {
      for (let k = 1 + rnd.int(5); k > 0; k--) roles.push(projectGrant(rnd.pick(projects)));
    } else if (roll < 0.85) {
      for (let k = 1 + rnd.int(2); k > 0; k--)
        roles.push(folderGrant(rnd.pick(byLevel[1 + rnd.int(3)]!)));
    } else if (roll < 0.9) {
      roles.push(folderGrant(rnd.pick(byLevel[2]!)));
      for (let k = 1 + rnd.int(3); k > 0; k--) roles.push(projectGrant(rnd.pick(projects)));
    } else if (roll < 0.95) {
      roles.push({ role: 'admin', scope: { type: 'platform' }, ancestorFolderIds: [] });
    }
    const input: SubjectInput = {
      userId: uuidOf(5, i),
      status: roll >= 0.95 ? rnd.pick(['pending', 'blocked'] as const) : 'active',
      kind: rnd.chance(0.85) ? 'full' : 'light',
      emailConfirmed: rnd.chance(0.9),
      verifiedAt: rnd.chance(0.2) ? new Date(Date.now() - rnd.int(400) * 86_400_000) : null,
      roles,
      groupIds: Array.from({ length: rnd.int(6) }, () => rnd.pick(groupIds)),
      memberProjectIds: Array.from({ length: rnd.int(3) }, () => rnd.pick(projects).id),
      answeredQuestionIds: questionIds.filter(() => rnd.chance(0.6)),
    };
    subjects.push(compileSubject(input));
  }

  // One participation question per project: an action of its current phase, with settings as
  // phases have them.
  const now = new Date();
  const questions: ParticipationQuestion[] = projects.map((project) => {
    const permittedBy = rnd.pick<PermittedBy>([
      'account',
      'account',
      'confirmed_email',
      'verified',
      'managers',
    ]);
    return {
      project,
      phase: {
        startAt: new Date(now.getTime() - rnd.int(60) * 86_400_000),
        endAt: rnd.chance(0.8) ? new Date(now.getTime() + (rnd.int(60) - 10) * 86_400_000) : null,
        reverificationDays: rnd.chance(0.2) ? 365 : null,
      },
      action: rnd.pick(['post', 'comment', 'react', 'vote'] as const),
      setting: rnd.chance(0.95)
        ? {
            enabled: true,
            permittedBy,
            groupIds: rnd.chance(0.1) ? [rnd.pick(groupIds)] : [],
            requiredQuestionIds: questionIds.filter(() => rnd.chance(0.3)),
            maxPerPerson: rnd.chance(0.3) ? 3 : null,
          }
        : undefined,
      priorCount: rnd.int(3),
      now,
    };
  });
  return { subjects, projects, folders, questions };
}

interface Rate {
  name: string;
  /** Targets in turn, as a request decides over the rows it just loaded (in the CPU's caches). */
  hot: number;
  /** Targets by a wide stride: each decision on a target out of the caches (memory-bound). */
  cold: number | null;
  allowedShare: number;
}

/** A loop making `iterations` decisions, stepping through the targets by `stride`; returns how many were allowed. */
type Loop = (iterations: number, stride: number) => number;

/** Decisions per second of `loop`: warmed up, then the median of 5 timed batches of ≥ 100 ms. */
function perSecond(loop: Loop, stride: number): { rate: number; allowedShare: number } {
  loop(200_000, stride); // warm up: the JIT compiles the loop and what it calls
  let iterations = 100_000;
  for (;;) {
    const t0 = performance.now();
    loop(iterations, stride);
    if (performance.now() - t0 > 100) break;
    iterations *= 2;
  }
  const rates: number[] = [];
  let allowed = 0;
  for (let batch = 0; batch < 5; batch++) {
    const t0 = performance.now();
    allowed += loop(iterations, stride);
    rates.push(iterations / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { rate: rates[2]!, allowedShare: allowed / (iterations * 5) };
}

function rate(name: string, loop: Loop, coldStride: number | null): Rate {
  const hot = perSecond(loop, 1);
  const cold = coldStride === null ? null : perSecond(loop, coldStride).rate;
  return { name, hot: hot.rate, cold, allowedShare: hot.allowedShare };
}

function benchDecisions(): Rate[] {
  const world = buildWorld();
  const { subjects, projects, folders, questions } = world;
  const projectTargets = projects.map((project) => ({ type: 'project' as const, project }));
  const folderTargets = folders.map((folder) => ({ type: 'folder' as const, folder }));
  const S = subjects.length;
  const P = projectTargets.length;
  const F = folderTargets.length;

  // Subjects in turn, targets by a stride: with 1,000 subjects and 20,000 targets, pairs vary.
  const onProjects =
    (action: Action): Loop =>
    (iterations, stride) => {
      let allowed = 0;
      let s = 0;
      let t = 0;
      for (let i = 0; i < iterations; i++) {
        const decision: Decision = decide(subjects[s]!, action, projectTargets[t]!);
        if (decision.allowed) allowed++;
        if (++s === S) s = 0;
        t += stride;
        if (t >= P) t -= P;
      }
      return allowed;
    };
  const onFolders =
    (action: Action): Loop =>
    (iterations, stride) => {
      let allowed = 0;
      let s = 0;
      let t = 0;
      for (let i = 0; i < iterations; i++) {
        if (decide(subjects[s]!, action, folderTargets[t]!).allowed) allowed++;
        if (++s === S) s = 0;
        t += stride;
        if (t >= F) t -= F;
      }
      return allowed;
    };
  const participation: Loop = (iterations, stride) => {
    let allowed = 0;
    let s = 0;
    let t = 0;
    for (let i = 0; i < iterations; i++) {
      if (decideParticipation(subjects[s]!, questions[t]!).allowed) allowed++;
      if (++s === S) s = 0;
      t += stride;
      if (t >= P) t -= P;
    }
    return allowed;
  };
  // What the machine does in the same loop with next to no policy: one Map lookup on the
  // target's folder and one small allocation (this VM's memory is slow: compare with it).
  const someGrants = new Map(folders.filter((_, i) => i % 10 === 0).map((f) => [f.id, 'label']));
  const baseline: Loop = (iterations, stride) => {
    let allowed = 0;
    let t = 0;
    for (let i = 0; i < iterations; i++) {
      const project = projectTargets[t]!.project;
      const decision = {
        allowed: someGrants.get(project.folderIds[0]!) !== undefined,
        trace: [project.status],
      };
      if (decision.allowed) allowed++;
      t += stride;
      if (t >= P) t -= P;
    }
    return allowed;
  };
  const inputs = subjects.map((subject) => ({
    userId: subject.userId ?? uuidOf(6, 0),
    status: 'active' as const,
    kind: 'full' as const,
    emailConfirmed: true,
    verifiedAt: null,
    roles: [],
    groupIds: subject.groupIds,
    memberProjectIds: subject.memberProjectIds,
    answeredQuestionIds: subject.answeredQuestionIds,
  }));
  const compile: Loop = (iterations) => {
    let compiled = 0;
    for (let i = 0; i < iterations; i++) {
      if (compileSubject(inputs[i % S]!).userId !== null) compiled++;
    }
    return compiled;
  };

  return [
    rate("decide(…, 'project.read', project)", onProjects('project.read'), 7_919),
    rate("decide(…, 'project.list', project)", onProjects('project.list'), 7_919),
    rate("decide(…, 'project.readContent', project)", onProjects('project.readContent'), 7_919),
    rate("decide(…, 'project.update', project)", onProjects('project.update'), 7_919),
    rate("decide(…, 'folder.read', folder)", onFolders('folder.read'), 787),
    rate('decideParticipation(…)', participation, 7_919),
    rate('compileSubject(…) (once per request)', compile, null),
    rate('baseline: a Map lookup and an allocation', baseline, 7_919),
  ];
}

// ---------------------------------------------------------------------------------------------
// 2. projects.list over a generated city
// ---------------------------------------------------------------------------------------------

/** Counts the SQL statements drizzle sends, and keeps the last one (for EXPLAIN). */
class QueryCounter implements NonNullable<ConnectOptions['logger']> {
  count = 0;
  last: { query: string; params: unknown[] } | null = null;
  logQuery(query: string, params: unknown[]): void {
    this.count++;
    this.last = { query, params };
  }
}

type ListInput = Parameters<ReturnType<typeof createCaller>['projects']['list']>[0];
type Who = 'visitor' | keyof BenchSubjects;

interface Scenario {
  name: string;
  who: Who;
  input: (city: GeneratedCity, users: BenchSubjects) => ListInput;
  /** Measure the second page: the cursor of the first is taken once, before measuring. */
  secondPage?: boolean;
  /** Not a listing: the trivial `platform.get`, the fixed cost of a tRPC call in this run. */
  baseline?: boolean;
}

const scenarios: Scenario[] = [
  {
    name: 'baseline: platform.get (trivial tRPC)',
    who: 'visitor',
    input: () => ({}),
    baseline: true,
  },
  { name: 'visitor · page 1', who: 'visitor', input: () => ({}) },
  { name: 'visitor · page 2 (cursor)', who: 'visitor', input: () => ({}), secondPage: true },
  { name: 'visitor · search "park"', who: 'visitor', input: () => ({ search: 'park' }) },
  { name: 'group member · page 1', who: 'groupMember', input: () => ({}) },
  {
    name: 'group member · page 2 (cursor)',
    who: 'groupMember',
    input: () => ({}),
    secondPage: true,
  },
  { name: 'group member · search "park"', who: 'groupMember', input: () => ({ search: 'park' }) },
  {
    name: 'group member · Internal branch',
    who: 'groupMember',
    input: (city) => ({ folderId: city.internalFolderId }),
  },
  { name: 'folder manager · page 1', who: 'folderManager', input: () => ({}) },
  {
    name: 'folder manager · page 2 (cursor)',
    who: 'folderManager',
    input: () => ({}),
    secondPage: true,
  },
  {
    name: 'folder manager · search "park"',
    who: 'folderManager',
    input: () => ({ search: 'park' }),
  },
  {
    name: 'folder manager · own branch',
    who: 'folderManager',
    input: (_, users) => ({ folderId: users.folderManager.folderId }),
  },
  {
    name: 'folder manager · drafts',
    who: 'folderManager',
    input: () => ({ status: 'draft' }),
  },
  { name: 'sees-little user · page 1', who: 'nobody', input: () => ({}) },
  {
    name: 'sees-little user · page 2 (cursor)',
    who: 'nobody',
    input: () => ({}),
    secondPage: true,
  },
  { name: 'sees-little user · search "park"', who: 'nobody', input: () => ({ search: 'park' }) },
  {
    name: 'sees-little user · Internal branch',
    who: 'nobody',
    input: (city) => ({ folderId: city.internalFolderId }),
  },
  { name: 'sees-little user · drafts (none)', who: 'nobody', input: () => ({ status: 'draft' }) },
  { name: 'sees-little user · search, no hit', who: 'nobody', input: () => ({ search: 'zqxjv' }) },
  { name: 'admin · page 1', who: 'admin', input: () => ({}) },
];

interface Measured {
  scenario: string;
  baseline: boolean;
  items: number;
  samples: number;
  medianMs: number;
  p99Ms: number;
  /** Queries of a typical call (the most frequent count). */
  queries: number;
  maxQueries: number;
  /** Calls that made more queries than the typical one (the smart-group cache refilled). */
  refills: number;
  /** Queries of one call without the smart-group cache. */
  uncachedQueries: number;
  lastQuery: { query: string; params: unknown[] } | null;
}

export interface EngineResult {
  engine: string;
  size: CitySize;
  city: GeneratedCity;
  subjects: BenchSubjects;
  openMs: number;
  measured: Measured[];
  explained?: { scenario: string; plan: string };
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

async function benchListing(
  engine: string,
  open: (counter: QueryCounter) => Promise<Connection>,
  size: CitySize,
): Promise<EngineResult> {
  const counter = new QueryCounter();
  const t0 = performance.now();
  const connection = await open(counter);
  const openMs = performance.now() - t0;
  try {
    console.log(`\n${engine}: opened and migrated in ${fmt(openMs)} ms; generating the city…`);
    const city = await generateCity(connection.db, size, (line) => console.log(line));
    console.log(`  ${'total'.padEnd(34)} ${fmt(city.totalMs).padStart(7)} ms`);
    console.log(
      `  rows: ${Object.entries(city.rows)
        .map(([table, count]) => `${table} ${fmt(count)}`)
        .join(', ')}`,
    );
    const subjects = await pickBenchSubjects(connection.db, city.platform.id);
    for (const who of Object.keys(subjects) as (keyof BenchSubjects)[])
      console.log(`  ${who}: ${subjects[who].email} (${subjects[who].note})`);

    const viewerOf = (who: Who): Viewer => {
      if (who === 'visitor') return { user: null, session: null };
      const user = subjects[who];
      return {
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          status: 'active',
          verified: false,
        },
        session: null,
      };
    };
    const { db } = connection;
    const platform = city.platform;
    // What a request costs when nothing it reads is in the server's memory: its session, subject
    // and listing loaded per call (`reads: false`); the platform's smart-group rules come from the
    // cache, as in the server. `cached: false` is the bare createContextInner, which loads those too.
    const caches = await createCaches(connection, { reads: false });
    const caller = (who: Who, cached = true) =>
      createCaller(
        createContextInner({
          db,
          platform,
          viewer: viewerOf(who),
          ...(cached ? { caches } : {}),
        }),
      );
    const list = (who: Who, input: ListInput, cached = true) =>
      caller(who, cached).projects.list(input);

    const measured: Measured[] = [];
    for (const scenario of scenarios) {
      let input = scenario.input(city, subjects);
      if (scenario.secondPage) {
        const first = await list(scenario.who, input);
        input = { ...input, cursor: first.nextCursor };
      }
      let items = 0;
      const call = async () => {
        counter.count = 0;
        if (scenario.baseline) await caller(scenario.who).platform.get();
        else items = (await list(scenario.who, input)).items.length;
        return counter.count;
      };
      // Warm up: the JIT, the database's caches and plans.
      const warmUntil = performance.now() + Math.min(300, callBudgetMs / 4);
      for (let i = 0; i < 3 || performance.now() < warmUntil; i++) await call();
      const times: number[] = [];
      const queries: number[] = [];
      const until = performance.now() + callBudgetMs;
      while (
        times.length < maxSamples &&
        (times.length < minSamples || performance.now() < until)
      ) {
        const start = performance.now();
        const count = await call();
        times.push(performance.now() - start);
        queries.push(count);
      }
      times.sort((a, b) => a - b);
      counter.count = 0;
      if (!scenario.baseline) await list(scenario.who, input, false);
      const uncachedQueries = counter.count;
      measured.push({
        scenario: scenario.name,
        baseline: Boolean(scenario.baseline),
        items,
        samples: times.length,
        medianMs: percentile(times, 0.5),
        p99Ms: percentile(times, 0.99),
        queries: mode(queries),
        maxQueries: Math.max(...queries),
        refills: queries.filter((q) => q > mode(queries)).length,
        uncachedQueries,
        lastQuery: counter.last,
      });
    }

    const result: EngineResult = { engine, size, city, subjects, openMs, measured };
    if (explain) {
      const slowest = measured
        .filter((m) => !m.baseline)
        .reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
      if (slowest.lastQuery) {
        result.explained = {
          scenario: slowest.scenario,
          plan: await explainAnalyze(connection, slowest.lastQuery.query, slowest.lastQuery.params),
        };
      }
    }
    await caches.close();
    return result;
  } finally {
    await connection.close();
  }
}

/** EXPLAIN ANALYZE of a statement as drizzle sent it, through the engine's own client. */
async function explainAnalyze(
  connection: Connection,
  query: string,
  params: unknown[],
): Promise<string> {
  const statement = `explain (analyze, buffers) ${query}`;
  const client = (connection.db as unknown as { $client: unknown }).$client;
  if (connection.kind === 'pglite') {
    const result = await (
      client as { query: (q: string, p: unknown[]) => Promise<{ rows: Record<string, string>[] }> }
    ).query(statement, params);
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  }
  const rows = await (
    client as { unsafe: (q: string, p: unknown[]) => Promise<Record<string, string>[]> }
  ).unsafe(statement, params);
  return rowsOf<Record<string, string>>(rows)
    .map((row) => row['QUERY PLAN'])
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

const loadText = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const describeSize = (size: CitySize) =>
  `${fmt(size.folders)} folders · ${fmt(size.projects)} projects · ${fmt(size.users)} users · ${fmt(
    size.manualGroups + size.smartGroups,
  )} groups (${fmt(size.smartGroups)} smart)`;

const sameSize = (a: CitySize, b: CitySize) => JSON.stringify(a) === JSON.stringify(b);

export interface AccessBenchOptions {
  /**
   * Called with each engine's database once its listing bench is done (its connection closed)
   * and before the database is removed: the HTTP bench measures the server on the same city.
   */
  afterListing?: (
    engine: 'PGlite' | 'PostgreSQL',
    database: ConnectOptions,
    result: EngineResult,
  ) => Promise<void>;
}

export async function runAccessBench(options: AccessBenchOptions = {}): Promise<void> {
  const started = performance.now();
  const scale = Number(process.env.SAMRAD_BENCH_SCALE ?? 1);
  const pgliteScale = Number(process.env.SAMRAD_BENCH_PGLITE_SCALE ?? scale);
  const size = scale === 1 ? fullCity : scaledCity(scale);
  const pgliteSize = pgliteScale === 1 ? fullCity : scaledCity(pgliteScale);

  console.log(
    `\nAccess bench — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ` +
      `load average ${loadText()} at the start`,
  );
  console.log(
    '\nIn-memory decisions (1,000 subjects × 20,000 projects, folders 3–6 deep, 500 groups)',
  );
  const rates = benchDecisions();
  console.log(
    `  ${''.padEnd(44)} ${'hot (targets in turn)'.padStart(22)} ${'cold (out of cache)'.padStart(22)}`,
  );
  const cell = (rate: number | null) =>
    rate === null
      ? '—'.padStart(22)
      : `${fmt(rate).padStart(11)}/s ${fmt(1e9 / rate).padStart(5)} ns`;
  for (const r of rates) {
    console.log(
      `  ${r.name.padEnd(44)} ${cell(r.hot)} ${cell(r.cold)}  ${r.name.startsWith('baseline') || r.name.startsWith('compile') ? '' : `${fmt(r.allowedShare * 100)}% allowed`}`,
    );
  }

  if (process.env.SAMRAD_BENCH_ONLY === 'decisions') return;

  const results: EngineResult[] = [];
  const pgliteDir =
    process.env.SAMRAD_BENCH_PGLITE_DIR ?? mkdtempSync(join(tmpdir(), 'samrad-bench-'));
  try {
    const result = await benchListing(
      'PGlite (embedded)',
      (logger) => connect({ dataDir: pgliteDir, logger }),
      pgliteSize,
    );
    results.push(result);
    await options.afterListing?.('PGlite', { dataDir: pgliteDir }, result);
  } finally {
    if (!pgliteDir.includes('://')) rmSync(pgliteDir, { recursive: true, force: true });
  }
  if (process.env.SAMRAD_TEST_DATABASE_URL) {
    const database = await createPostgresDatabaseUrl();
    try {
      const result = await benchListing(
        'PostgreSQL',
        (logger) => connect({ databaseUrl: database.url, logger }),
        size,
      );
      results.push(result);
      await options.afterListing?.('PostgreSQL', { databaseUrl: database.url }, result);
    } finally {
      await database.drop();
    }
  } else {
    console.log(
      '\nPostgreSQL: skipped (set SAMRAD_TEST_DATABASE_URL to a server, e.g. from .ci/start-postgres.sh)',
    );
  }

  // The side-by-side table.
  console.log(
    `\nprojects.list — tRPC caller, fresh context per call (subject loaded per call), page of 24; ` +
      `median and p99 in ms over ${minSamples}–${maxSamples} calls per row after warm-up`,
  );
  for (const result of results) {
    const label = sameSize(result.size, fullCity)
      ? ''
      : '  ← SMALLER CITY, not the size of the issue';
    console.log(`  ${result.engine}: ${describeSize(result.size)}${label}`);
  }
  const colWidth = 27;
  const header = results.map((r) => r.engine.slice(0, colWidth - 2).padStart(colWidth)).join('');
  console.log(`\n${''.padEnd(38)}${''.padStart(6)}${header}`);
  console.log(
    `${'scenario'.padEnd(38)}${'items'.padStart(6)}${results.map(() => `${'median'.padStart(9)}${'p99'.padStart(8)}${'queries'.padStart(10)}`).join('')}`,
  );
  for (const [i, scenario] of scenarios.entries()) {
    const items = results.map((r) => r.measured[i]!.items);
    const itemsText = scenario.baseline
      ? '—'
      : `${items[0]}${items.some((n) => n !== items[0]) ? '*' : ''}`;
    const cells = results
      .map((r) => {
        const m = r.measured[i]!;
        const q = m.refills > 0 ? `${m.queries} (${m.maxQueries}×${m.refills})` : String(m.queries);
        return `${m.medianMs.toFixed(2).padStart(9)}${m.p99Ms.toFixed(2).padStart(8)}${q.padStart(10)}`;
      })
      .join('');
    console.log(`${scenario.name.padEnd(38)}${itemsText.padStart(6)}${cells}`);
  }
  console.log(
    `items: cards on the page${results.length > 1 ? ' (* where the engines differ: the first engine’s)' : ''}; ` +
      'queries: SQL statements per call, as the server makes them when nothing else is in memory (smart-group rules from its cache);\n' +
      '  "3 (4×2)": 3, and 4 in 2 calls that refilled the cache.',
  );
  for (const result of results) {
    const uncached = (visitor: boolean) =>
      [
        ...new Set(
          result.measured
            .filter((m, i) => !m.baseline && (scenarios[i]!.who === 'visitor') === visitor)
            .map((m) => m.uncachedQueries),
        ),
      ].join('–');
    console.log(
      `  ${result.engine}, without the cache (a bare createContextInner): visitor ${uncached(true)}, signed in ${uncached(false)} per call`,
    );
  }

  // Targets.
  const read = rates[0]!;
  const postgres = results.find((r) => r.engine === 'PostgreSQL');
  const worstPg = postgres?.measured
    .filter((m) => !m.baseline)
    .reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  const worstQueries = results
    .flatMap((r) => r.measured.filter((m) => !m.baseline).map((m) => ({ engine: r.engine, ...m })))
    .reduce((a, b) => (b.queries > a.queries ? b : a));
  const verdict = (met: boolean | null) =>
    met === null ? 'not measured' : met ? 'MET' : 'NOT MET';
  console.log('\nTargets');
  console.log(
    `  in-memory project.read ≥ ${fmt(targets.decisionsPerSecond)}/s: ${fmt(read.hot)}/s hot — ${verdict(
      read.hot >= targets.decisionsPerSecond,
    )}; ${fmt(read.cold ?? 0)}/s cold, out of the CPU's caches — ${verdict(
      (read.cold ?? 0) >= targets.decisionsPerSecond,
    )}`,
  );
  console.log(
    `  listing median < ${targets.postgresMedianMs} ms on PostgreSQL, every scenario: ${
      worstPg ? `worst ${worstPg.medianMs.toFixed(2)} ms (${worstPg.scenario})` : 'no PostgreSQL'
    } — ${verdict(worstPg ? worstPg.medianMs < targets.postgresMedianMs : null)}`,
  );
  console.log(
    `  at most ${targets.queriesPerCall} queries per call: worst ${worstQueries.queries} (${worstQueries.scenario}, ${worstQueries.engine}; ` +
      `+1 when the smart-group cache refills) — ${verdict(worstQueries.queries <= targets.queriesPerCall)}`,
  );
  for (const result of results) {
    if (result.explained) {
      console.log(
        `\nEXPLAIN ANALYZE on ${result.engine}, slowest listing: ${result.explained.scenario}`,
      );
      console.log(result.explained.plan);
    }
  }
  console.log(
    `\nAccess bench done in ${fmt((performance.now() - started) / 1000, 1)} s; load average ${loadText()} ` +
      '(above the core count, other processes shared the CPU: compare within a run, not across runs)',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runAccessBench();
}
