import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { phases, userGroups } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createContextInner, resolveViewer } from '../context.js';
import { createCaller } from '../router.js';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { demoPassword } from '../demo/demo-city.js';
import { folderIdOf, projectIdOf, userIdOf } from '../testing/demo-ids.js';

type Caller = ReturnType<typeof createCaller>;

const people = ['admin', 'folder.manager', 'project.manager', 'resident', 'moderator'] as const;
const projectSlugs = [
  'cycle-lanes-on-storgatan',
  'a-new-park-by-the-harbour',
  'youth-council-consultation',
  'staff-pilot-winter-maintenance',
  'bus-stop-shelters',
];
const folderSlugs = ['green-spaces', 'internal-planning'];

/**
 * What the server keeps in memory — sessions, subjects, smart-group rules, listings — never
 * answers differently from the database: after any sequence of changes, made through the API or
 * behind its back (another process, a script), every caller's listings through the server's
 * caches equal the same listings loaded afresh.
 */
describe.each(testDatabaseKinds())('cached reads on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;
  const tokens = new Map<string | null, string | undefined>();
  let groupId: string;
  const ids = { projects: [] as string[], folders: [] as string[], resident: '' };

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
    tokens.set(null, undefined);
    for (const who of people) {
      const { token } = await (
        await f.caller()
      ).auth.signIn({ email: `${who}@demo.samrad.local`, password: demoPassword });
      tokens.set(who, token);
    }
    [{ id: groupId }] = (await f.connection.db
      .select({ id: userGroups.id })
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'))) as [{ id: string }];
    for (const slug of projectSlugs) ids.projects.push(await projectIdOf(f.connection.db, slug));
    for (const slug of folderSlugs) ids.folders.push(await folderIdOf(f.connection.db, slug));
    ids.resident = await userIdOf(f.connection.db, 'resident');
  });
  afterAll(() => f?.close());

  /** A caller that loads everything from the database: no cache at all. */
  async function fresh(token: string | undefined): Promise<Caller> {
    const { db } = f.connection;
    const viewer = await resolveViewer(db, f.platform, token ?? null);
    return createCaller(createContextInner({ db, platform: f.platform, viewer }));
  }

  async function expectCachesTrue() {
    const inputs = [{}, { status: 'draft' as const }, { folderId: ids.folders[0]! }];
    for (const token of tokens.values()) {
      const cached = await f.caller(token);
      const reference = await fresh(token);
      for (const input of inputs) {
        expect(await cached.projects.list(input)).toEqual(await reference.projects.list(input));
      }
    }
  }

  /** A refusal (an archived project cannot go back to draft, say) changes nothing: fine here. */
  const tolerate = (call: Promise<unknown>) => call.catch(() => undefined);
  const behindTheBack = async (statement: ReturnType<typeof sql>) => {
    await f.connection.db.execute(statement);
    await f.caches.feed.settled();
  };

  const project = fc.integer({ min: 0, max: projectSlugs.length - 1 });
  const folder = fc.integer({ min: 0, max: folderSlugs.length - 1 });
  const status = fc.constantFrom('draft', 'published', 'archived' as const);
  const change = fc.oneof(
    fc.record({ op: fc.constant('status' as const), project, status }),
    fc.record({
      op: fc.constant('access' as const),
      project,
      visibleTo: fc.constantFrom('everyone', 'managers', 'groups' as const),
    }),
    fc.record({ op: fc.constant('folderStatus' as const), folder, status }),
    fc.record({ op: fc.constant('joinGroup' as const), join: fc.boolean() }),
    fc.record({ op: fc.constant('folderRole' as const), folder, give: fc.boolean() }),
    fc.record({ op: fc.constant('listedBehindTheBack' as const), project }),
    fc.record({ op: fc.constant('folderBehindTheBack' as const), folder, status }),
    fc.record({ op: fc.constant('groupBehindTheBack' as const), join: fc.boolean() }),
  );
  type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

  async function apply(c: Change) {
    switch (c.op) {
      case 'status':
        return tolerate(
          admin.projects.setStatus({ id: ids.projects[c.project]!, status: c.status }),
        );
      case 'access':
        return tolerate(
          admin.projects.setAccess({
            id: ids.projects[c.project]!,
            visibleTo: c.visibleTo,
            ...(c.visibleTo === 'groups' ? { groupIds: [groupId] } : {}),
          }),
        );
      case 'folderStatus':
        return tolerate(admin.folders.setStatus({ id: ids.folders[c.folder]!, status: c.status }));
      case 'joinGroup':
        return tolerate(
          c.join
            ? admin.groups.addMembers({ id: groupId, userIds: [ids.resident] })
            : admin.groups.removeMembers({ id: groupId, userIds: [ids.resident] }),
        );
      case 'folderRole':
        return tolerate(
          c.give
            ? admin.roles.assign({
                userId: ids.resident,
                role: 'folder_manager',
                scope: { type: 'folder', id: ids.folders[c.folder]! },
              })
            : admin.roles.revoke({
                userId: ids.resident,
                scope: { type: 'folder', id: ids.folders[c.folder]! },
              }),
        );
      case 'listedBehindTheBack':
        return behindTheBack(
          sql`update projects set listed = not listed where id = ${ids.projects[c.project]!}`,
        );
      case 'folderBehindTheBack':
        return behindTheBack(
          sql`update folders set status = ${c.status} where id = ${ids.folders[c.folder]!}`,
        );
      case 'groupBehindTheBack':
        return behindTheBack(
          c.join
            ? sql`insert into group_memberships (platform_id, group_id, group_kind, user_id)
                values (${f.platform.id}, ${groupId}, 'manual', ${ids.resident}) on conflict do nothing`
            : sql`delete from group_memberships where group_id = ${groupId} and user_id = ${ids.resident}`,
        );
    }
  }

  it('lists what a fresh load lists, after any sequence of changes', async () => {
    await expectCachesTrue();
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 6 }), async (changes) => {
        for (const c of changes) {
          await apply(c);
          await expectCachesTrue();
        }
      }),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 8),
        seed: Number(process.env.FUZZ_SEED ?? Date.now()) % 2 ** 31,
      },
    );
  }, 120_000);

  it('shows the next phase on a card as soon as the current one ends, without any change', async () => {
    const projectId = ids.projects[0]!;
    await f.connection.db.delete(phases).where(eq(phases.projectId, projectId));
    const switchAt = new Date(Date.now() + 400);
    const inserted = await f.connection.db
      .insert(phases)
      .values([
        {
          platformId: f.platform.id,
          projectId,
          title: { en: 'First' },
          method: 'ideation',
          startAt: new Date(Date.now() - 86_400_000),
          endAt: switchAt,
        },
        {
          platformId: f.platform.id,
          projectId,
          title: { en: 'Second' },
          method: 'survey',
          startAt: switchAt,
        },
      ])
      .returning({ id: phases.id, title: phases.title });
    await admin.projects.setStatus({ id: projectId, status: 'published' }).catch(() => {});
    await admin.projects.setAccess({ id: projectId, visibleTo: 'everyone', listed: true });
    const visitor = await f.caller();
    const card = async () =>
      (await visitor.projects.list({})).items.find((p) => p.id === projectId)?.currentPhase?.id;
    expect(await card()).toBe(inserted[0]!.id);
    expect(await card()).toBe(inserted[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, switchAt.getTime() - Date.now() + 20));
    expect(await card()).toBe(inserted[1]!.id);
  });
});
