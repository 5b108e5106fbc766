import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { folders, projects, users } from '@samrad/db';
import { insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { appRouter } from '../router.js';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';

/**
 * Every procedure of the router — found by introspection, not listed by hand — called by a
 * visitor and by an unrelated resident against things they may not see or change: a draft
 * project, a draft folder, the admin. Nothing may succeed in changing anything, no answer may
 * carry what they may not see, and every refusal is one of API.md's codes.
 */
const refusals = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

describe.each(testDatabaseKinds())('the whole router for outsiders on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  /** postgres.js answers with the rows, PGlite with an object holding them. */
  function rowsOf<Row>(result: unknown): Row[] {
    return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
  }

  /** A digest of every row of every table: any write changes it. */
  async function fingerprint(): Promise<string> {
    const { db } = fixture.connection;
    const tables = rowsOf<{ name: string }>(
      await db.execute(
        sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
      ),
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const [row] = rowsOf<{ digest: string }>(
        await db.execute(
          sql`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as digest from ${sql.identifier(name)} t`,
        ),
      );
      parts.push(`${name}:${row?.digest}`);
    }
    return parts.join('\n');
  }

  it('refuses or hides, and changes nothing', async () => {
    const { db } = fixture.connection;
    const [draft] = await db.select().from(projects).where(eq(projects.slug, 'bus-stop-shelters'));
    const [draftFolder] = await db
      .select()
      .from(folders)
      .where(eq(folders.slug, 'schools-and-youth'));
    const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.samrad.local'));
    const secret = [draft!.id, draftFolder!.id, 'Bus stop shelters', 'admin@demo.samrad.local'];
    const resident = await insertUser(db, fixture.platform.id, { emailConfirmedAt: new Date() });
    const callers = {
      visitor: await fixture.caller(),
      resident: await fixture.caller(await openSessionForTest(db, resident)),
    };
    // Inputs aimed at what outsiders may not see or change; each procedure gets every one.
    const hostile: unknown[] = [
      undefined,
      {},
      { id: draft!.id },
      { id: draftFolder!.id },
      { parentId: draftFolder!.id },
      { folderId: draftFolder!.id },
      { scope: { type: 'project', id: draft!.id } },
      { userId: admin!.id },
      { userId: admin!.id, scope: { type: 'platform' } },
      { userId: resident.id, role: 'admin', scope: { type: 'platform' } },
      { userId: resident.id, role: 'project_manager', scope: { type: 'project', id: draft!.id } },
      { userId: admin!.id, action: 'project.delete', target: { type: 'project', id: draft!.id } },
      { name: 'Taken over', managersMayDelegate: true },
      { email: 'admin@demo.samrad.local', password: 'guess' },
    ];
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    );
    expect(procedures.length).toBeGreaterThan(10);
    const before = await fingerprint();
    let calls = 0;
    for (const [path, procedure] of procedures) {
      // Signing out ends the caller's own session: the one change an outsider may make.
      if (path === 'auth.signOut') continue;
      for (const [who, caller] of Object.entries(callers)) {
        for (const input of hostile) {
          const call = path
            .split('.')
            .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
            input: unknown,
          ) => Promise<unknown>;
          calls++;
          const outcome = await call(input).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const label = `${who} → ${path}(${JSON.stringify(input)})`;
          if (outcome.ok) {
            // Reads may answer, but never with what the caller may not see; changes never succeed.
            expect(procedure._def.type, label).toBe('query');
            const text = JSON.stringify(outcome.value) ?? '';
            for (const hidden of secret) expect(text, label).not.toContain(hidden);
          } else {
            expect(outcome.error, label).toBeInstanceOf(TRPCError);
            expect(refusals, `${label}: ${(outcome.error as TRPCError).code}`).toContain(
              (outcome.error as TRPCError).code,
            );
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(300);
    const after = await fingerprint();
    const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(changed).toEqual([]);
  });
});
