import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { localize } from '@samrad/core';
import { projects, users } from '@samrad/db';
import { insertPlatform, insertProject, testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';

const english = (items: { title: Record<string, string | undefined> }[]) =>
  items.map((item) => localize(item.title, 'en')).sort();

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

describe.each(testDatabaseKinds())('projects.list and projects.get on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  const idOf = async (slug: string) =>
    (
      await fixture.connection.db
        .select({ id: projects.id })
        .from(projects)
        .where(eq(projects.slug, slug))
    )[0]!.id;

  it('lists to a visitor exactly the published, listed projects visible to everyone', async () => {
    const api = await fixture.caller();
    const { items, nextCursor } = await api.projects.list({});
    expect(english(items)).toEqual([
      'A new park by the harbour',
      'Budget 2027: your priorities',
      'Cycle lanes on Storgatan',
      'Neighbourhood association: Östra',
    ]);
    expect(nextCursor).toBeNull();
    expect(
      items.every(
        (item) => item.status === 'published' && item.listed && item.visibleTo === 'everyone',
      ),
    ).toBe(true);
  });

  it('lists archived projects when asked, and never drafts', async () => {
    const api = await fixture.caller();
    expect(english((await api.projects.list({ status: 'archived' })).items)).toEqual([
      'Old town festival 2025',
    ]);
    expect((await api.projects.list({ status: 'draft' })).items).toEqual([]);
  });

  const signedIn = (email: string) => fixture.as(email);

  it('lists to an admin every listed project, whoever it is visible to', async () => {
    const admin = await signedIn('admin@demo.samrad.local');
    expect(english((await admin.projects.list({})).items)).toEqual([
      'A new park by the harbour',
      'Budget 2027: your priorities',
      'Cycle lanes on Storgatan',
      'Neighbourhood association: Östra',
      'Staff pilot: winter maintenance',
      'Youth council consultation',
    ]);
    expect(english((await admin.projects.list({ status: 'draft' })).items)).toEqual([
      'Bus stop shelters',
      'Harbour bridge renovation',
    ]);
  });

  it('shows a folder manager the drafts of their branch only (SPEC 2.2, 3.1)', async () => {
    const manager = await signedIn('folder.manager@demo.samrad.local');
    expect(english((await manager.projects.list({ status: 'draft' })).items)).toEqual([
      'Harbour bridge renovation',
    ]);
    expect(await codeOf(manager.projects.get({ id: await idOf('bus-stop-shelters') }))).toBe(
      'NOT_FOUND',
    );
    expect(
      (await manager.projects.get({ id: await idOf('harbour-bridge-renovation') })).status,
    ).toBe('draft');
  });

  it('shows a group member the project visible to their group, by link and by search (SPEC 3.2, 3.4)', async () => {
    const resident = await signedIn('resident@demo.samrad.local');
    const youth = await idOf('youth-council-consultation');
    expect((await resident.projects.get({ id: youth })).visibleTo).toBe('groups');
    // Its folder is a draft: not on the home page, found by search.
    expect(english((await resident.projects.list({})).items)).not.toContain(
      'Youth council consultation',
    );
    expect(english((await resident.projects.list({ search: 'youth' })).items)).toEqual([
      'Youth council consultation',
    ]);
    const visitor = await fixture.caller();
    expect((await visitor.projects.list({ search: 'youth' })).items).toEqual([]);
  });

  it('treats a pending account as a visitor (SPEC 2.4)', async () => {
    const { db } = fixture.connection;
    const [pending] = await db
      .select()
      .from(users)
      .where(eq(users.email, 'pending@demo.samrad.local'));
    const asPending = await fixture.caller(await openSessionForTest(db, pending!));
    const asVisitor = await fixture.caller();
    expect((await asPending.projects.list({})).items).toEqual(
      (await asVisitor.projects.list({})).items,
    );
    expect(
      await codeOf(asPending.projects.get({ id: await idOf('youth-council-consultation') })),
    ).toBe('NOT_FOUND');
  });

  it('pages with a cursor without skipping or repeating a project', async () => {
    const api = await fixture.caller();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.projects.list>> = await api.projects.list({
        limit: 1,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await api.projects.list({})).items.map((item) => item.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(4);
  });

  it('filters by folder and by search text in any language', async () => {
    const api = await fixture.caller();
    const park = (await api.projects.list({ search: 'hamnen' })).items;
    expect(english(park)).toEqual(['A new park by the harbour']);
    expect((await api.projects.list({ search: '%' })).items).toEqual([]);
    const folderId = park[0]!.folder!.id;
    expect(english((await api.projects.list({ folderId })).items)).toEqual([
      'A new park by the harbour',
    ]);
  });

  it('gives the card its current phase and hides a draft folder', async () => {
    const api = await fixture.caller();
    const cycle = (await api.projects.list({ search: 'Storgatan' })).items[0]!;
    expect(cycle.currentPhase?.method).toBe('voting');
    expect(localize(cycle.folder?.title, 'en')).toBe('Storgatan');
    const project = await api.projects.get({ id: cycle.id });
    expect(project.phases.map((phase) => phase.method)).toEqual([
      'ideation',
      'voting',
      'information',
    ]);
  });

  it('opens an unlisted or archived project by its link', async () => {
    const api = await fixture.caller();
    expect((await api.projects.get({ id: await idOf('library-opening-hours') })).listed).toBe(
      false,
    );
    expect((await api.projects.get({ id: await idOf('old-town-festival-2025') })).status).toBe(
      'archived',
    );
  });

  it.each([
    ['a draft', 'bus-stop-shelters'],
    ['a draft in review', 'harbour-bridge-renovation'],
    ['a managers-only project', 'staff-pilot-winter-maintenance'],
    ['a group-only project', 'youth-council-consultation'],
  ])('answers NOT_FOUND for %s, exactly as for a project that does not exist', async (_, slug) => {
    const api = await fixture.caller();
    expect(await codeOf(api.projects.get({ id: await idOf(slug) }))).toBe('NOT_FOUND');
    expect(await codeOf(api.projects.get({ id: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('never shows another platform’s projects', async () => {
    const { db } = fixture.connection;
    const other = await insertPlatform(db);
    const foreign = await insertProject(db, other.id, {
      status: 'published',
      title: { en: 'Foreign' },
    });
    const api = await fixture.caller();
    expect(await codeOf(api.projects.get({ id: foreign.id }))).toBe('NOT_FOUND');
    expect(english((await api.projects.list({})).items)).not.toContain('Foreign');
  });

  it('refuses bad input with BAD_REQUEST naming the field', async () => {
    const api = await fixture.caller();
    const error = await api.projects
      .get({ id: 'not-a-uuid' })
      .catch((e: unknown) => e as TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    for (const input of [
      { limit: 0 },
      { limit: 1000 },
      { status: 'secret' },
      { cursor: 'garbage' },
      { platformId: 'x' },
    ]) {
      expect(await codeOf(api.projects.list(input as never))).toBe('BAD_REQUEST');
    }
  });
});
