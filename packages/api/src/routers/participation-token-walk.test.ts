import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import {
  callProcedure,
  changedTables,
  fingerprint,
  inputSchemaOf,
  listProcedures,
} from '../testing/router-introspection.js';

/**
 * SPEC 8: a widget's participation token is limited to participation. Every procedure that needs
 * a full session — all of management — refuses it, even an admin's, whatever the input; found by
 * walking the router, not from a list.
 */
describe.each(testDatabaseKinds())('an admin’s participation token on %s', (kind) => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture(kind);
  });
  afterAll(() => f?.close());

  it('is refused by every procedure that needs a full session, and changes nothing', async () => {
    const { token } = await (await f.as('admin')).auth.participationToken();
    const widget = await f.caller(token);
    const managed = listProcedures().filter((p) => p.meta?.caller === 'full session');
    expect(managed.length).toBeGreaterThan(40);
    const before = await fingerprint(f.connection.db);
    for (const procedure of managed) {
      // A valid input where the schema gives one easily, else none: the session is checked first.
      const sample = inputSchemaOf(procedure).safeParse({});
      for (const input of [undefined, sample.success ? sample.data : {}]) {
        const error = await callProcedure(widget, procedure.path, input).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, procedure.path).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code, procedure.path).toBe('UNAUTHORIZED');
      }
    }
    expect(changedTables(before, await fingerprint(f.connection.db))).toEqual([]);
    // The same admin's full session is not refused (the walk would be empty-handed otherwise).
    expect((await (await f.as('admin')).users.list({})).items.length).toBeGreaterThan(0);
  });
});
