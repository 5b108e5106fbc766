import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import { roleAssignments, users } from '@samrad/db';
import { testDatabaseKinds, type DatabaseKind } from '@samrad/db/testing';
import { resolveViewer } from '../context.js';
import { AppError } from '../errors.js';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import {
  arbitraryFor,
  callProcedure,
  changedTables,
  fingerprint,
  inputSchemaOf,
  listProcedures,
  loadValuePools,
  nextTransactionId,
  plant,
  validSamples,
  type Caller,
  type Path,
  type ProcedureInfo,
} from '../testing/router-introspection.js';

/*
 * Every procedure of the router — found by introspection, so new ones are covered the day they
 * land — called by the platform admin (who gets furthest), a resident and a visitor with hostile
 * input: wrong types, huge and strange strings, SQL and HTML fragments, unknown and malformed
 * ids, deep nesting, prototype keys, extreme numbers and dates; whole, and planted into inputs
 * that are otherwise valid for the procedure's own schema, since only those reach the database.
 * No call may fail with an internal error, and no refused change may write anything.
 *
 * FUZZ_RUNS (inputs per procedure and caller, default 10) and FUZZ_SEED go further or elsewhere.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 10);
const seed = Number(process.env.FUZZ_SEED ?? 4242);

/** Successful admin changes after which the demo city is rebuilt, so calls stay meaningful. */
const driftBudget = 150;

const apiCodes = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
]);

// ---------------------------------------------------------------------------------------------
// The hostile catalogue, by the kind of value it replaces.
// ---------------------------------------------------------------------------------------------

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

// A well-formed id that names nothing (fixed, so runs repeat).
const unknownId = '5b0c5d0e-7a39-4c1e-9d6f-0e8f3a2b1c4d';
const megabyte = 'x'.repeat(1 << 20);

const hostileStrings: string[] = [
  '',
  ' ',
  megabyte,
  `${'ü'.repeat(1 << 19)}`,
  "'; drop table users; --",
  "' or 1=1 --",
  '" or ""="',
  '1); delete from projects; --',
  '%',
  '_%\\',
  '$1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil.exe',
  '\u200B\uFEFF',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  'İß',
  '\r\n\t',
  unknownId,
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-42661417400g',
  `{${unknownId}}`,
  `${unknownId} `,
  `${unknownId}'--`,
  'not-a-uuid',
  'admin@demo.samrad.local\u0000',
  'ADMIN@DEMO.SAMRAD.LOCAL',
  '"quoted"@x.y',
  `${'a'.repeat(300)}@example.com`,
  '275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2024-02-30T00:00:00Z',
];

const hostileNumbers: number[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  0.5,
  -1,
];

const hostileStructures: unknown[] = [
  null,
  undefined,
  true,
  false,
  [],
  {},
  nested(1000, (inner) => [inner]),
  nested(1000, (inner) => ({ a: inner })),
  JSON.parse('{"__proto__": {"isAdmin": true, "status": "active"}}'),
  { constructor: { prototype: { isAdmin: true } } },
  { toString: 'x', valueOf: 1, hasOwnProperty: null },
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date(NaN),
  Array.from({ length: 10_000 }, () => unknownId),
  [unknownId, unknownId, unknownId],
];

const everything: unknown[] = [...hostileStrings, ...hostileNumbers, ...hostileStructures];

/** Mostly a hostile value of the kind it replaces (so it may pass the schema), else anything. */
function hostileLike(value: unknown): fc.Arbitrary<unknown> {
  const sameKind =
    typeof value === 'string'
      ? hostileStrings
      : typeof value === 'number'
        ? hostileNumbers
        : hostileStructures;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...sameKind), weight: 3 },
    { arbitrary: fc.constantFrom(...everything), weight: 1 },
  );
}

/** Every place in a value where another value can be planted (the root excluded). */
function placesIn(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...at, i], ...placesIn(item, [...at, i])]);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => [
      [...at, key],
      ...placesIn(item, [...at, key]),
    ]);
  }
  return [];
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value);
}

/** Valid for the schema everywhere except one place, which holds a hostile value. */
function almostValid(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return base.chain((value) => {
    const places = placesIn(value);
    if (places.length === 0) return hostileLike(value);
    return fc
      .constantFrom(...places)
      .chain((path) =>
        hostileLike(valueAt(value, path)).map((hostile) => plant(value, path, hostile)),
      );
  });
}

/** Values of the wrong type, planted in turn at every place of a valid input. */
const wrongTypes: unknown[] = [undefined, null, 'garbage', 12345, true, {}, []];

/** A valid input with each of its places in turn holding a value of the wrong type. */
function sweep(base: unknown): unknown[] {
  return placesIn(base).flatMap((path) => wrongTypes.map((wrong) => plant(base, path, wrong)));
}

/** What went wrong, through the causes (drizzle wraps the database's error), and where. */
function explain(error: Error): string {
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    messages.push(cause.message.split('\n')[0]!);
  }
  const ours = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.includes('/packages/') && !line.includes('node_modules'))
    .map((line) => line.trim());
  return [...messages, ...ours].join(' ⟵ ');
}

/** An input as a readable one-liner: long strings shortened, what JSON drops spelled out. */
function show(value: unknown): string {
  const seen = new WeakSet<object>();
  let depth = 0;
  return (
    JSON.stringify(value, function (_key, item: unknown) {
      if (typeof item === 'string' && item.length > 80) {
        return `${item.slice(0, 40)}…(${item.length} chars)`;
      }
      if (typeof item === 'number' && !Number.isFinite(item)) return `<${item}>`;
      if (Object.is(item, -0)) return '<-0>';
      if (item === undefined) return '<undefined>';
      const raw = (this as Record<string, unknown>)[_key];
      if (raw instanceof Date)
        return `<Date ${Number.isNaN(raw.getTime()) ? 'NaN' : raw.getTime()}>`;
      if (Array.isArray(item) && item.length > 20) return `<array of ${item.length}>`;
      if (item !== null && typeof item === 'object') {
        if (seen.has(item) || ++depth > 30) return '<deep>';
        seen.add(item);
      }
      return item;
    }) ?? '<undefined>'
  );
}

/** A stable per-procedure seed, so one procedure's inputs do not move when others are added. */
function seedOf(path: string): number {
  return seed ^ createHash('sha256').update(path).digest().readInt32LE(0);
}

// ---------------------------------------------------------------------------------------------

interface World {
  fixture: ApiFixture;
  tokens: { admin: string; resident: string };
  /** Successful admin changes since the demo city was built. */
  drift: number;
}

const adminEmail = 'admin@demo.samrad.local';
const residentEmail = 'resident@demo.samrad.local';

/** A session opened directly: signing in again and again would meet its rate limit. */
async function signIn(fixture: ApiFixture, email: string) {
  const [user] = await fixture.connection.db
    .select({ id: users.id, platformId: users.platformId })
    .from(users)
    .where(eq(users.email, email));
  return { token: await openSessionForTest(fixture.connection.db, user!) };
}

async function buildWorld(kind: DatabaseKind): Promise<World> {
  const fixture = await createApiFixture(kind);
  return {
    fixture,
    tokens: {
      admin: (await signIn(fixture, adminEmail)).token,
      resident: (await signIn(fixture, residentEmail)).token,
    },
    drift: 0,
  };
}

/**
 * The world as the next procedure needs it: the admin still admin and the resident still active
 * (else the demo city is rebuilt), both signed in (a session that `auth.signOut` ended is opened
 * again), and not drifted too far from the demo city.
 */
async function refresh(world: World, kind: DatabaseKind): Promise<World> {
  const { db } = world.fixture.connection;
  const { platform } = world.fixture;
  const [admin, resident] = await db
    .select({ email: users.email, status: users.status })
    .from(users)
    .where(inArray(users.email, [adminEmail, residentEmail]))
    .orderBy(users.email);
  const [grant] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(users.email, adminEmail), eq(roleAssignments.role, 'admin')));
  if (
    world.drift > driftBudget ||
    admin?.status !== 'active' ||
    resident?.status !== 'active' ||
    !grant
  ) {
    await world.fixture.close();
    return buildWorld(kind);
  }
  for (const [who, email] of [
    ['admin', adminEmail],
    ['resident', residentEmail],
  ] as const) {
    if ((await resolveViewer(db, platform, world.tokens[who])).user === null) {
      world.tokens[who] = (await signIn(world.fixture, email)).token;
    }
  }
  return world;
}

/**
 * Order: reads first, on the untouched demo city; then changes, whose successes drift it.
 * Subscriptions have no caller form and none exist.
 */
const procedures = [...listProcedures()].sort(
  (a, b) => Number(a.type === 'mutation') - Number(b.type === 'mutation'),
);

describe.each(testDatabaseKinds())('every procedure under hostile input on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(kind);
  });
  afterAll(() => world?.fixture.close());

  it('covers the router', () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it.each(procedures.map((procedure) => [procedure.path, procedure] as const))(
    '%s',
    async (_path, procedure: ProcedureInfo) => {
      world = await refresh(world, kind);
      const { fixture } = world;
      const { db } = fixture.connection;
      const schema = inputSchemaOf(procedure);
      const pools = await loadValuePools(db);
      const valid = arbitraryFor(schema, pools, procedure.path);
      // Valid inputs to sweep: the fullest, since a rule across fields (an end after a start)
      // only runs into a wrong-typed field when the other fields are there; and the sparsest,
      // where an emptied field may leave a change with nothing to change.
      const samples = validSamples(schema, pools, procedure.path, 10, seedOf(procedure.path)).sort(
        (a, b) => placesIn(b).length - placesIn(a).length,
      );
      const bases = samples.length > 0 ? [...new Set([samples[0], samples.at(-1)])] : [];
      const problems: string[] = [];
      if (bases.length === 0) {
        // Then only the schema is exercised, never the code behind it.
        problems.push(`${procedure.path}: no generated input passes its schema (arbitraryFor)`);
        bases.push(...fc.sample(valid, { numRuns: 1, seed: seedOf(procedure.path) }));
      }
      const inputs = [
        ...everything,
        ...bases.flatMap(sweep),
        ...fc.sample(almostValid(valid), { numRuns: runs, seed: seedOf(procedure.path) }),
        ...fc.sample(valid, { numRuns: Math.ceil(runs / 2), seed: seedOf(procedure.path) + 1 }),
      ];
      const callers: [string, Caller][] = [
        ['admin', await fixture.caller(world.tokens.admin)],
        ['resident', await fixture.caller(world.tokens.resident)],
        ['visitor', await fixture.caller()],
      ];

      // An input the schema refuses never reaches a guard or a resolver, so it cannot write;
      // a schema that throws instead of refusing is reported by the call itself (a 500).
      const reaches = new Map(
        inputs.map((input) => {
          try {
            return [input, schema.safeParse(input).success];
          } catch {
            return [input, true];
          }
        }),
      );
      let known = await fingerprint(db);
      let mark = await nextTransactionId(db);
      for (const [who, caller] of callers) {
        for (const input of inputs) {
          const reachesCode = reaches.get(input)!;
          // What the schema refuses, it refuses alike for everyone: tried once, as the admin
          // (who also passes the sign-in check that comes before the schema).
          if (!reachesCode && who !== 'admin') continue;
          const label = () => `${who} → ${procedure.path}(${show(input)})`;
          const outcome = await callProcedure(caller, procedure.path, input).then(
            () => null,
            (error: unknown) => error,
          );
          // Whether anything was written: only digested when a transaction id was taken.
          let changed: string[] = [];
          if (reachesCode) {
            const now = await nextTransactionId(db);
            if (now !== mark) {
              const after = await fingerprint(db);
              changed = changedTables(known, after);
              [known, mark] = [after, now];
            }
          }
          if (outcome === null) {
            if (!reachesCode) problems.push(`${label()}: succeeded though its schema refuses it`);
            if (procedure.type === 'query' && changed.length > 0) {
              problems.push(`${label()}: a read wrote ${changed.join(', ')}`);
            }
            if (procedure.type === 'mutation' && who === 'admin') world.drift++;
          } else if (!(outcome instanceof TRPCError)) {
            problems.push(`${label()}: threw ${explain(outcome as Error)}`);
          } else if (outcome.code === 'INTERNAL_SERVER_ERROR') {
            problems.push(`${label()}: INTERNAL_SERVER_ERROR ${explain(outcome.cause ?? outcome)}`);
          } else if (
            outcome.code === 'BAD_REQUEST' &&
            outcome.cause instanceof Error &&
            !(outcome.cause instanceof ZodError || outcome.cause instanceof AppError)
          ) {
            // tRPC turns a schema that throws into BAD_REQUEST carrying the exception's text.
            problems.push(`${label()}: validation threw ${explain(outcome.cause)}`);
          } else if (!apiCodes.has(outcome.code)) {
            problems.push(`${label()}: ${outcome.code} is not an API.md code`);
          }
          if (outcome !== null && changed.length > 0) {
            problems.push(`${label()}: refused, but wrote ${changed.join(', ')}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
