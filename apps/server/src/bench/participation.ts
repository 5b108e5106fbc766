/**
 * The participation bench (`pnpm bench`, or SAMRAD_BENCH_ONLY=participation), on PostgreSQL:
 * 200 residents at once (SAMRAD_BENCH_RESIDENTS) posting ideas, reacting to them and voting, for
 * 20 seconds (SAMRAD_BENCH_PARTICIPATION_SECONDS), each through the typed router as the server
 * runs it — the caches, the change feed and the participation policy on every call. Printed:
 * throughput and p50/p99 per action, errors, ratios against one resident alone measured in the
 * same run (the baseline), and whether the final counts in the database are exactly what the
 * residents did. Errors or a count off by one fail the run.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import {
  createCaches,
  createCaller,
  createContextInner,
  ensureDefaultPlatform,
  ensureFirstAdmin,
  processKeys,
  type Viewer,
} from '@samrad/api';
import { connect, inputs, reactions, users, votes, type Database } from '@samrad/db';
import { createPostgresDatabaseUrl, insertUser } from '@samrad/db/testing';
import { random } from './access.js';
import { fmt, loadText, percentile } from './load.js';

const residentCount = Number(process.env.SAMRAD_BENCH_RESIDENTS ?? 200);
const seconds = Number(process.env.SAMRAD_BENCH_PARTICIPATION_SECONDS ?? 20);
const baselineSeconds = Math.max(2, Math.min(5, seconds / 4));
const ideasToVoteOn = 20;
const ideasToReactTo = 50;
const day = 86_400_000;

type Action = 'post' | 'react' | 'vote';
const actions: Action[] = ['post', 'react', 'vote'];
type Caller = ReturnType<typeof createCaller>;

/** What one resident did, to know the exact final counts. */
interface Resident {
  caller: Caller;
  posts: number;
  reactions: Map<string, 'up' | 'down' | null>;
  ballot: string[] | null;
}

interface Tally {
  latencies: Record<Action, number[]>;
  errors: { action: Action; message: string }[];
}

async function act(resident: Resident, step: number, world: World, rnd: ReturnType<typeof random>) {
  const action = actions[step % actions.length]!;
  const started = performance.now();
  switch (action) {
    case 'post':
      await resident.caller.inputs.create({
        phaseId: world.ideationPhaseId,
        title: `Idea ${step}`,
        body: 'A bench by the water, and shade in summer.',
      });
      resident.posts++;
      break;
    case 'react': {
      const inputId = rnd.pick(world.reactable);
      const kind = rnd.pick(['up', 'down', null] as const);
      await resident.caller.reactions.set({ inputId, kind });
      resident.reactions.set(inputId, kind);
      break;
    }
    case 'vote': {
      const chosen = new Set<string>();
      const wanted = 1 + rnd.int(3);
      while (chosen.size < wanted) chosen.add(rnd.pick(world.votable));
      await resident.caller.votes.cast({ phaseId: world.votingPhaseId, inputIds: [...chosen] });
      resident.ballot = [...chosen];
      break;
    }
  }
  return { action, ms: performance.now() - started };
}

/** Every resident acting in turn, as fast as the server answers, for `forSeconds`. */
async function run(residents: Resident[], world: World, forSeconds: number, seed: number) {
  const tally: Tally = { latencies: { post: [], react: [], vote: [] }, errors: [] };
  const until = performance.now() + forSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    residents.map(async (resident, i) => {
      const rnd = random(seed + i);
      // Residents start on different actions, so that all three run at every moment.
      for (let step = i; performance.now() < until; step++) {
        try {
          const { action, ms } = await act(resident, step, world, rnd);
          tally.latencies[action].push(ms);
        } catch (error) {
          tally.errors.push({
            action: actions[step % actions.length]!,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const action of actions) tally.latencies[action].sort((a, b) => a - b);
  return { tally, elapsed };
}

interface World {
  ideationPhaseId: string;
  votingPhaseId: string;
  reactable: string[];
  votable: string[];
}

export async function runParticipationBench(): Promise<boolean> {
  if (!process.env.SAMRAD_TEST_DATABASE_URL) {
    console.log(
      '\nParticipation bench: skipped (set SAMRAD_TEST_DATABASE_URL to a PostgreSQL server)',
    );
    return true;
  }
  console.log(
    `\nParticipation bench on PostgreSQL — ${residentCount} residents posting, reacting and voting ` +
      `for ${seconds} s through the router; load average ${loadText()}`,
  );
  const database = await createPostgresDatabaseUrl();
  const connection = await connect({ databaseUrl: database.url });
  const { db } = connection;
  const caches = await createCaches(connection, { reads: true });
  try {
    const { platform } = await ensureDefaultPlatform(db, { name: 'Bench city' });
    await ensureFirstAdmin(db, platform, { email: 'admin@bench.test', password: 'bench-admin-1' });
    const keys = processKeys();
    const callerOf = (user: { id: string; email: string; name: string }): Caller => {
      const viewer: Viewer = {
        user: { ...user, status: 'active', verified: false },
        session: { id: `bench-${user.id}`, kind: 'session' },
      };
      return createCaller(createContextInner({ db, platform, viewer, caches, keys }));
    };
    const [adminRow] = await db.select().from(users).where(eq(users.email, 'admin@bench.test'));
    const admin = callerOf(adminRow!);

    // Ideas to react to and a phase to post in; ideas of an earlier phase to vote on.
    const open = async (title: string) => {
      const project = await admin.projects.create({ title });
      await admin.projects.setStatus({ id: project.id, status: 'published' });
      return project.id;
    };
    const ideasProject = await open('Harbour ideas');
    const ideation = await admin.phases.create({
      projectId: ideasProject,
      title: 'Ideas',
      method: 'ideation',
      startAt: new Date(Date.now() - day).toISOString(),
    });
    const reactable: string[] = [];
    for (let i = 0; i < ideasToReactTo; i++) {
      reactable.push(
        (await admin.inputs.create({ phaseId: ideation.id, title: `Seed ${i}`, body: 'Seed' })).id,
      );
    }
    const budgetProject = await open('Budget 2027');
    const proposals = await admin.phases.create({
      projectId: budgetProject,
      title: 'Proposals',
      method: 'ideation',
      startAt: new Date(Date.now() - 3 * day).toISOString(),
      endAt: new Date(Date.now() - 2 * day).toISOString(),
    });
    const votable: string[] = [];
    for (let i = 0; i < ideasToVoteOn; i++) {
      votable.push(
        (await admin.inputs.create({ phaseId: proposals.id, title: `Proposal ${i}`, body: 'P' }))
          .id,
      );
    }
    const voting = await admin.phases.create({
      projectId: budgetProject,
      title: 'Vote',
      method: 'voting',
      votingMethod: 'multiple',
      votingMaxChoices: 3,
      startAt: new Date(Date.now() - day).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: voting.id,
      action: 'vote',
      enabled: true,
      permittedBy: 'account',
    });
    const world: World = {
      ideationPhaseId: ideation.id,
      votingPhaseId: voting.id,
      reactable,
      votable,
    };
    const resident = async (): Promise<Resident> => {
      const user = await insertUser(db, platform.id, { emailConfirmedAt: new Date() });
      return { caller: callerOf(user), posts: 0, reactions: new Map(), ballot: null };
    };

    // The baseline: one resident alone, the same mix, in the same run.
    const solo = await resident();
    const alone = await run([solo], world, baselineSeconds, 7);
    const residents = await Promise.all(Array.from({ length: residentCount }, resident));
    const crowd = await run(residents, world, seconds, 1000);

    const perSecond = (r: typeof alone) =>
      actions.reduce((n, a) => n + r.tally.latencies[a].length, 0) / r.elapsed;
    console.log(
      `  ${'action'.padEnd(8)} ${'done'.padStart(8)} ${'per s'.padStart(8)} ${'p50 ms'.padStart(8)} ` +
        `${'p99 ms'.padStart(8)} ${'alone p50'.padStart(10)} ${'p99 ÷ alone p50'.padStart(16)}`,
    );
    for (const action of actions) {
      const lat = crowd.tally.latencies[action];
      const base = percentile(alone.tally.latencies[action], 0.5);
      console.log(
        `  ${action.padEnd(8)} ${fmt(lat.length).padStart(8)} ${fmt(lat.length / crowd.elapsed).padStart(8)} ` +
          `${fmt(percentile(lat, 0.5), 1).padStart(8)} ${fmt(percentile(lat, 0.99), 1).padStart(8)} ` +
          `${fmt(base, 1).padStart(10)} ${fmt(percentile(lat, 0.99) / base, 1).padStart(15)}×`,
      );
    }
    const errors = [...alone.tally.errors, ...crowd.tally.errors];
    console.log(
      `  all: ${fmt(perSecond(crowd))} actions/s with ${residentCount} residents, ` +
        `${fmt(perSecond(alone))}/s for one alone (${fmt(perSecond(crowd) / perSecond(alone), 1)}× ` +
        `the baseline); ${errors.length} errors`,
    );
    for (const { action, message } of errors.slice(0, 5)) console.log(`    ${action}: ${message}`);

    const mismatches = await countMismatches(db, admin, world, [solo, ...residents]);
    console.log(
      mismatches.length === 0
        ? '  final counts: exact (ideas, reactions per input and kind, ballots, votes per proposal)'
        : `  final counts OFF:\n${mismatches.map((m) => `    ${m}`).join('\n')}`,
    );
    return errors.length === 0 && mismatches.length === 0;
  } finally {
    await caches.close();
    await connection.close();
    await database.drop();
  }
}

/** What the database holds against what the residents did; each difference as a line. */
async function countMismatches(
  db: Database,
  admin: Caller,
  world: World,
  residents: Resident[],
): Promise<string[]> {
  const off: string[] = [];
  const expect = (what: string, stored: number, done: number) => {
    if (stored !== done) off.push(`${what}: ${stored} stored, ${done} done`);
  };
  const [posted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inputs)
    .where(eq(inputs.phaseId, world.ideationPhaseId));
  expect(
    'ideas',
    posted!.n - world.reactable.length,
    residents.reduce((n, r) => n + r.posts, 0),
  );

  const stored = await db
    .select({
      id: inputs.id,
      up: inputs.reactionsUp,
      down: inputs.reactionsDown,
      upRows: sql<number>`(select count(*)::int from ${reactions}
        where ${reactions.inputId} = ${inputs.id} and ${reactions.kind} = 'up')`,
      downRows: sql<number>`(select count(*)::int from ${reactions}
        where ${reactions.inputId} = ${inputs.id} and ${reactions.kind} = 'down')`,
    })
    .from(inputs)
    .where(inArray(inputs.id, world.reactable));
  for (const input of stored) {
    const last = residents.map((r) => r.reactions.get(input.id) ?? null);
    const up = last.filter((k) => k === 'up').length;
    const down = last.filter((k) => k === 'down').length;
    expect(`up on ${input.id} (counter)`, input.up, up);
    expect(`up on ${input.id} (rows)`, input.upRows, up);
    expect(`down on ${input.id} (counter)`, input.down, down);
    expect(`down on ${input.id} (rows)`, input.downRows, down);
  }

  const results = await admin.votes.results({ phaseId: world.votingPhaseId });
  const ballots = residents.filter((r) => r.ballot !== null);
  expect('ballots', results.ballots, ballots.length);
  const [ballotRows] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(votes)
    .where(eq(votes.phaseId, world.votingPhaseId));
  expect('ballot rows', ballotRows!.n, ballots.length);
  for (const inputId of world.votable) {
    expect(
      `votes for ${inputId}`,
      results.items.find((i) => i.inputId === inputId)?.votes ?? 0,
      ballots.filter((r) => r.ballot!.includes(inputId)).length,
    );
  }
  return off;
}
