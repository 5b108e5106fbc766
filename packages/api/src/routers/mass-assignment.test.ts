import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import {
  arbitraryFor,
  callProcedure,
  changedTables,
  declaredObjects,
  fingerprint,
  inputSchemaOf,
  listProcedures,
  loadValuePools,
  looseParts,
  plant,
  validSamples,
  type Caller,
} from '../testing/router-introspection.js';

/*
 * Mass assignment: a client must not set what a procedure does not offer — the platform a row
 * belongs to, its status, who created it, a role, a token hash — by adding fields the input
 * schema does not declare. Every input schema is strict (an unknown field is refused, never
 * silently dropped: dropping hides the attempt, and a later change that starts reading the
 * field would open the hole), and every change refuses such fields with BAD_REQUEST and writes
 * nothing. Procedures are found by introspection, so new ones are held to this the day they land.
 */

const procedures = listProcedures();
const mutations = procedures.filter((procedure) => procedure.type === 'mutation');

/** Fields that set what a caller must not: each is planted wherever the schema lacks it. */
const smuggled: Record<string, (ids: { otherUser: string }) => unknown> = {
  platformId: () => '00000000-0000-4000-8000-000000000000',
  id: () => '00000000-0000-4000-8000-000000000001',
  status: () => 'published',
  role: () => 'admin',
  roles: () => ['admin'],
  isAdmin: () => true,
  createdBy: ({ otherUser }) => otherUser,
  userId: ({ otherUser }) => otherUser,
  actorId: ({ otherUser }) => otherUser,
  slug: () => 'taken-over',
  previewTokenHash: () => 'a'.repeat(64),
  passwordHash: () => '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  email: () => 'attacker@evil.test',
  verifiedAt: () => '2025-01-01T00:00:00.000Z',
  emailConfirmedAt: () => '2025-01-01T00:00:00.000Z',
  createdAt: () => '2000-01-01T00:00:00.000Z',
  publishedAt: () => '2000-01-01T00:00:00.000Z',
  firstPublishedAt: () => '2000-01-01T00:00:00.000Z',
  reviewStatus: () => 'approved',
  folderPath: () => [],
  path: () => [],
  builtIn: () => true,
  kind: () => 'smart',
  constructor: () => ({ prototype: { isAdmin: true } }),
};

/** Every key zod reports as unrecognized, through the options of unions. */
function unrecognizedKeys(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys;
    if (issue.code === 'invalid_union') return issue.errors.flatMap(unrecognizedKeys);
    return [];
  });
}

describe('every input schema', () => {
  it('covers the router', () => {
    expect(mutations.length).toBeGreaterThan(5);
  });

  it.each(procedures.map((procedure) => [procedure.path, procedure] as const))(
    '%s is strict all the way down',
    (_path, procedure) => {
      expect(looseParts(inputSchemaOf(procedure))).toEqual([]);
    },
  );

  it('is checked for strictness by a test that can fail', () => {
    const loose = z.object({ scope: z.object({ id: z.string() }), tags: z.array(z.unknown()) });
    expect(looseParts(loose.strict())).toEqual(['input.scope', 'input.tags[]']);
    expect(looseParts(loose)).toEqual(['input', 'input.scope', 'input.tags[]']);
  });
});

describe.each(testDatabaseKinds())('fields outside a change’s schema on %s', (kind) => {
  let fixture: ApiFixture;
  let admin: Caller;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
    // The platform admin gets furthest: nothing stops them before the schema would.
    admin = await fixture.as('admin');
  });
  afterAll(() => fixture?.close());

  it.each(mutations.map((procedure) => [procedure.path, procedure] as const))(
    '%s refuses them with BAD_REQUEST and writes nothing',
    async (path, procedure) => {
      const { db } = fixture.connection;
      const schema = inputSchemaOf(procedure);
      const pools = await loadValuePools(db);
      // A valid input where the schema's own rules can be met by chance, else a well-shaped one:
      // either way the added field alone must be named in the refusal.
      const [base = fc.sample(arbitraryFor(schema, pools, path), { numRuns: 1, seed: 7 })[0]] =
        validSamples(schema, pools, path, 1, 7);
      const root = base ?? {};
      const otherUser = pools.ids.get('users')?.[0] ?? '00000000-0000-4000-8000-000000000002';
      const attempts = declaredObjects(schema, root).flatMap(({ path: at, declared }) =>
        Object.entries(smuggled)
          .filter(([key]) => !declared.has(key))
          .map(([key, value]) => ({
            at,
            key,
            input: plant(root, [...at, key], value({ otherUser })),
          })),
      );
      expect(attempts.length, `${path}: no object to plant fields in`).toBeGreaterThan(0);

      const before = await fingerprint(db);
      for (const { at, key, input } of attempts) {
        const label = `${path} with ${[...at, key].join('.')}`;
        const error = await callProcedure(admin, path, input).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `${label} succeeded`).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code, label).toBe('BAD_REQUEST');
        const cause = (error as TRPCError).cause;
        expect(cause, label).toBeInstanceOf(z.ZodError);
        expect(unrecognizedKeys((cause as z.ZodError).issues), label).toContain(key);
      }
      expect(changedTables(before, await fingerprint(db))).toEqual([]);
    },
  );
});
