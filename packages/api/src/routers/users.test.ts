import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import {
  areas,
  auditLog,
  comments,
  groupMemberships,
  inputs,
  projectMembers,
  projects,
  reactions,
  registrationAnswers,
  registrationQuestions,
  roleAssignments,
  sessions,
  surveyResponses,
  userGroups,
  users,
} from '@samrad/db';
import { insertPhase, insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { outcomeOf, refusalOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
/** A call of the role × action grid, made once its target exists. */
type Call = (api: Caller) => Promise<unknown>;
type User = Awaited<ReturnType<typeof insertUser>>;

/** users.* through the router, on both engines (SPEC 2.1, 2.3, 2.4, 6, 7). */
describe.each(testDatabaseKinds())('users on %s', (kind) => {
  let fixture: ApiFixture;
  let queries = 0;
  beforeAll(async () => {
    fixture = await createApiFixture(kind, { logger: { logQuery: () => void queries++ } });
  });
  afterAll(() => fixture?.close());

  const db = () => fixture.connection.db;
  const demo = async (who: string) =>
    (
      await db()
        .select()
        .from(users)
        .where(eq(users.email, `${who}@demo.samrad.local`))
    )[0]!;
  const projectId = async (slug: string) =>
    (await db().select().from(projects).where(eq(projects.slug, slug)))[0]!.id;
  /** A fresh account, so no test depends on another's changes. */
  const newUser = (values: Partial<User> = {}) =>
    insertUser(db(), fixture.platform.id, { emailConfirmedAt: new Date(), ...values });
  const callerFor = async (user: { id: string; platformId: string }) =>
    fixture.caller(await openSessionForTest(db(), user));
  /** Callers for the six kinds of people of the grid; pending users cannot sign in. */
  const callers = async (): Promise<Record<Who, Caller>> => ({
    admin: await fixture.as('admin'),
    folderManager: await fixture.as('folder.manager'),
    projectManager: await fixture.as('project.manager'),
    resident: await fixture.as('resident'),
    visitor: await fixture.as(null),
    pending: await callerFor(await demo('pending')),
  });
  type Who = 'admin' | 'folderManager' | 'projectManager' | 'resident' | 'visitor' | 'pending';

  const counts = async () => {
    const [people] = await db().select({ n: count() }).from(users);
    const [audits] = await db().select({ n: count() }).from(auditLog);
    const [answers] = await db().select({ n: count() }).from(registrationAnswers);
    const [live] = await db()
      .select({ n: count() })
      .from(sessions)
      .where(isNull(sessions.revokedAt));
    const [statuses] = await db()
      .select({
        s: sql<string>`string_agg(${users.status}::text || ${users.name}, ',' order by ${users.id})`,
      })
      .from(users);
    return [people!.n, audits!.n, answers!.n, live!.n, statuses!.s];
  };
  const refusal = (call: () => Promise<unknown>) => refusalOf(call, counts);
  const outcome = (call: () => Promise<unknown>) => outcomeOf(call, counts);

  // Participation as SPEC 2 defines it (db scopes/participation.ts): rows that carry the person.
  const now = (coarsened = false) => {
    const at = new Date();
    // SPEC 4.4: anonymous contributions keep the day only.
    if (coarsened) at.setUTCHours(0, 0, 0, 0);
    return { createdAt: at, updatedAt: at };
  };
  const post = async (
    authorId: string | null,
    project: string,
    dataCollection: 'all' | 'anonymous' = 'all',
  ) => {
    const phase = await insertPhase(db(), fixture.platform.id, project);
    const [row] = await db()
      .insert(inputs)
      .values({
        platformId: fixture.platform.id,
        projectId: project,
        phaseId: phase.id,
        title: 'An idea',
        body: 'Benches along the quay',
        authorId,
        dataCollection,
        ...now(dataCollection !== 'all'),
      })
      .returning();
    return row!;
  };
  const respond = async (authorId: string, project: string, isTest: boolean) => {
    const phase = await insertPhase(db(), fixture.platform.id, project, { method: 'survey' });
    await db()
      .insert(surveyResponses)
      .values({
        platformId: fixture.platform.id,
        phaseId: phase.id,
        answers: { q: 'yes' },
        isTest,
        authorId,
        dataCollection: 'all',
        ...now(),
      });
  };
  const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id).sort();

  it('shows a project manager exactly their projects’ participants, with e-mails (SPEC 2.3)', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const cycle = await projectId('cycle-lanes-on-storgatan');
    const budget = await projectId('budget-2027-your-priorities');
    const [poster, commenter, reactor, respondent, tester, cyclist, budgeter] = await Promise.all(
      Array.from({ length: 7 }, () => newUser()),
    );
    const idea = await post(poster!.id, park);
    await db()
      .insert(comments)
      .values({
        platformId: fixture.platform.id,
        inputId: idea.id,
        body: 'Yes please',
        authorId: commenter!.id,
        dataCollection: 'all',
        ...now(),
      });
    await db().insert(reactions).values({
      platformId: fixture.platform.id,
      inputId: idea.id,
      userId: reactor!.id,
      kind: 'up',
    });
    await respond(respondent!.id, park, false);
    // A manager's test response is not participation; nor is anything in other projects.
    await respond(tester!.id, park, true);
    await post(cyclist!.id, cycle);
    await post(budgeter!.id, budget);
    // Anonymous contributions carry nobody.
    await post(null, park, 'anonymous');

    const pm = await demo('project.manager');
    const participants = [poster!, commenter!, reactor!, respondent!];
    const theirs = await (await fixture.as('project.manager')).users.list({});
    expect(ids(theirs)).toEqual([pm.id, ...participants.map((p) => p.id)].sort());
    // Their participants' e-mails are theirs to see (`user.readPersonalData`).
    for (const person of participants) {
      expect(theirs.items.find((item) => item.id === person.id)).toMatchObject({
        email: person.email,
        name: person.name,
        status: 'active',
        verified: false,
      });
    }
    // The folder manager of Urban development sees the park's and the cycle lanes' participants.
    const fm = await demo('folder.manager');
    const branch = await (await fixture.as('folder.manager')).users.list({});
    expect(ids(branch)).toEqual([fm.id, cyclist!.id, ...participants.map((p) => p.id)].sort());
    // A moderator manages nothing: they see their own profile only.
    const moderator = await demo('moderator');
    expect(ids(await (await fixture.as('moderator')).users.list({}))).toEqual([moderator.id]);
    // An admin sees everyone, the testers and the pending too.
    const all = await (await fixture.as('admin')).users.list({ limit: 100 });
    expect(ids(all)).toEqual(expect.arrayContaining([tester!.id, budgeter!.id, pm.id]));
    expect(all.items.every((item) => typeof item.email === 'string')).toBe(true);

    // Someone listed in the member directory (SPEC 6) is seen by every signed-in user, without
    // their e-mail, which search cannot probe either.
    const listed = await newUser({ listedInDirectory: true, name: 'Lina Listed' });
    const pmCaller = await fixture.as('project.manager');
    const withListed = await pmCaller.users.list({});
    expect(withListed.items.find((item) => item.id === listed.id)).toEqual({
      id: listed.id,
      name: 'Lina Listed',
      status: 'active',
      verified: false,
      registeredAt: listed.createdAt.toISOString(),
    });
    expect((await pmCaller.users.list({ search: listed.email })).items).toEqual([]);
    expect(ids(await pmCaller.users.list({ search: 'lina list' }))).toEqual([listed.id]);
    expect(ids(await pmCaller.users.list({ search: poster!.email.toUpperCase() }))).toEqual([
      poster!.id,
    ]);
    const resident = await fixture.as('resident');
    expect(ids(await resident.users.list({}))).toEqual(
      [(await demo('resident')).id, listed.id].sort(),
    );
    // A wildcard is a character, not a pattern.
    expect((await (await fixture.as('admin')).users.list({ search: '%' })).items).toEqual([]);
    await db().update(users).set({ listedInDirectory: false }).where(eq(users.id, listed.id));
  });

  it('opens a profile to those who may see it, personal data to those who may read it', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const participant = await newUser({ name: 'Paula Participant' });
    const stranger = await newUser();
    await post(participant.id, park);
    const [ageGroup] = await db()
      .select()
      .from(registrationQuestions)
      .where(eq(registrationQuestions.key, 'age_group'));
    await db().insert(registrationAnswers).values({
      platformId: fixture.platform.id,
      userId: participant.id,
      questionId: ageGroup!.id,
      value: '35_64',
    });
    const pm = await fixture.as('project.manager');
    expect(await pm.users.get({ id: participant.id })).toEqual({
      id: participant.id,
      name: 'Paula Participant',
      status: 'active',
      verified: false,
      registeredAt: participant.createdAt.toISOString(),
      listedInDirectory: false,
      email: participant.email,
      locale: null,
      answers: { age_group: '35_64' },
    });
    // Missing and invisible answer alike.
    expect((await refusal(() => pm.users.get({ id: stranger.id }))).code).toBe('NOT_FOUND');
    expect(
      (await refusal(() => pm.users.get({ id: '00000000-0000-4000-8000-000000000000' }))).code,
    ).toBe('NOT_FOUND');
    // A listed profile is public to signed-in users, its personal part is not.
    await db().update(users).set({ listedInDirectory: true }).where(eq(users.id, stranger.id));
    const seen = await (await fixture.as('resident')).users.get({ id: stranger.id });
    expect(seen).not.toHaveProperty('email');
    expect(seen).not.toHaveProperty('answers');
    expect(seen.listedInDirectory).toBe(true);
    await db().update(users).set({ listedInDirectory: false }).where(eq(users.id, stranger.id));
    // Fellow members of a project see each other (SPEC 2.4), without personal data.
    await db()
      .insert(projectMembers)
      .values({
        platformId: fixture.platform.id,
        projectId: await projectId('neighbourhood-association-ostra'),
        userId: stranger.id,
        source: 'added',
      });
    const neighbour = await (await fixture.as('resident')).users.get({ id: stranger.id });
    expect(neighbour).not.toHaveProperty('email');
    // Everyone reads their own, personal data included.
    const self = await (await callerFor(stranger)).users.get({ id: stranger.id });
    expect(self.email).toBe(stranger.email);
    expect(self.answers).toEqual({});
  });

  it('answers each kind of person as the policy says (role × action)', async () => {
    // A stranger: not listed, no participation, no membership.
    const stranger = await newUser();
    const everyone = {
      admin: 'ok',
      folderManager: 'ok',
      projectManager: 'ok',
      resident: 'ok',
      visitor: 'UNAUTHORIZED',
      pending: 'UNAUTHORIZED',
    };
    const adminsOnly = {
      admin: 'ok',
      folderManager: 'FORBIDDEN',
      projectManager: 'FORBIDDEN',
      resident: 'FORBIDDEN',
      visitor: 'UNAUTHORIZED',
      pending: 'UNAUTHORIZED',
    };
    /** Each row makes what its call needs before the call is counted, fresh for each caller. */
    const grid: [string, () => Call | Promise<Call>, Record<Who, string>][] = [
      ['list', () => (api) => api.users.list({}), everyone],
      [
        'get a stranger',
        () => (api) => api.users.get({ id: stranger.id }),
        {
          ...adminsOnly,
          folderManager: 'NOT_FOUND',
          projectManager: 'NOT_FOUND',
          resident: 'NOT_FOUND',
        },
      ],
      [
        'update their profile',
        () => (api) => api.users.updateProfile({ listedInDirectory: false }),
        everyone,
      ],
      ...(['approve', 'block', 'delete'] as const).map((verb): (typeof grid)[number] => [
        verb,
        async () => {
          const { id } = await newUser({ status: 'pending' });
          return (api) => api.users[verb]({ id });
        },
        adminsOnly,
      ]),
    ];
    const people = await callers();
    const answers: Record<string, Record<string, string>> = {};
    for (const [action, setup, outcomes] of grid) {
      answers[action] = {};
      for (const who of Object.keys(outcomes) as Who[]) {
        const call = await setup();
        answers[action][who] = await outcome(() => call(people[who]));
      }
    }
    expect(answers).toEqual(
      Object.fromEntries(grid.map(([action, , outcomes]) => [action, outcomes])),
    );
  });

  it('filters by group: members the caller may read the personal data of (SPEC 5)', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const [ageGroup] = await db()
      .select()
      .from(registrationQuestions)
      .where(eq(registrationQuestions.key, 'age_group'));
    const [senior, seniorParticipant, younger] = await Promise.all([
      newUser(),
      newUser(),
      newUser(),
    ]);
    await post(seniorParticipant.id, park);
    for (const [user, value] of [
      [senior, '65_plus'],
      [seniorParticipant, '65_plus'],
      [younger, '18_34'],
    ] as const) {
      await db().insert(registrationAnswers).values({
        platformId: fixture.platform.id,
        userId: user.id,
        questionId: ageGroup!.id,
        value,
      });
    }
    const [smart] = await db()
      .insert(userGroups)
      .values({
        platformId: fixture.platform.id,
        name: 'Seniors',
        kind: 'smart',
        rules: {
          match: 'all',
          rules: [{ field: 'answer:age_group', op: 'equals', value: '65_plus' }],
        },
      })
      .returning();
    const [manual] = await db()
      .select()
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'));
    await db().insert(groupMemberships).values({
      platformId: fixture.platform.id,
      groupId: manual!.id,
      groupKind: 'manual',
      userId: younger.id,
    });
    const admin = await fixture.as('admin');
    expect(ids(await admin.users.list({ groupId: smart!.id }))).toEqual(
      [senior.id, seniorParticipant.id].sort(),
    );
    expect(ids(await admin.users.list({ groupId: manual!.id }))).toEqual(
      [(await demo('resident')).id, younger.id].sort(),
    );
    // A manager may pick groups but learns answers only of their participants: a group of people
    // they could otherwise see would tell them who is 65 or older.
    await db().update(users).set({ listedInDirectory: true }).where(eq(users.id, senior.id));
    const pm = await fixture.as('project.manager');
    expect(ids(await pm.users.list({}))).toContain(senior.id);
    expect(ids(await pm.users.list({ groupId: smart!.id }))).toEqual([seniorParticipant.id]);
    await db().update(users).set({ listedInDirectory: false }).where(eq(users.id, senior.id));
    // To those who see no groups, none exists.
    const resident = await fixture.as('resident');
    expect((await refusal(() => resident.users.list({ groupId: manual!.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await refusal(() => admin.users.list({ groupId: '00000000-0000-4000-8000-000000000000' })))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('filters by status, pages by cursor, in a fixed number of queries', async () => {
    const admin = await fixture.as('admin');
    const pending = await admin.users.list({ status: 'pending', limit: 100 });
    expect(pending.items.map((item) => item.id)).toContain((await demo('pending')).id);
    expect(pending.items.every((item) => item.status === 'pending')).toBe(true);
    const all = await admin.users.list({ limit: 100 });
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller['users']['list']>> = await admin.users.list({
        limit: 3,
        cursor,
      });
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((item) => item.id));
    expect((await refusal(() => admin.users.list({ cursor: 'not-a-cursor' }))).message).toMatch(
      /^cursor:/,
    );

    // Counted on a second call: the subject is then loaded (one query, whatever the rows), and
    // the smart groups' cache cannot expire in between.
    const countFor = async (who: string) => {
      const api = await fixture.as(who);
      await api.users.list({});
      queries = 0;
      await api.users.list({ search: 'a' });
      await api.users.list({ groupId: group!.id });
      return queries;
    };
    const [group] = await db()
      .select()
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'));
    const subjects = ['admin', 'project.manager', 'folder.manager'];
    const before = [];
    for (const who of subjects) before.push(await countFor(who));
    await db().execute(sql`
      insert into users (platform_id, email, name, listed_in_directory)
      select ${fixture.platform.id}, 'bulk-' || n || '@city.test', 'Bulk ' || n, n % 2 = 0
      from generate_series(1, 120) as n`);
    const after = [];
    for (const who of subjects) after.push(await countFor(who));
    // One query per page, and one more to find the group.
    expect(after).toEqual([3, 3, 3]);
    expect(before).toEqual(after);
    await db().execute(sql`delete from users where email like 'bulk-%@city.test'`);
  });

  it('lets a user edit only their own profile, never what an admin decides (mass assignment)', async () => {
    const me = await newUser({ name: 'Mia Me' });
    const api = await callerFor(me);
    for (const hostile of [
      { status: 'active' },
      { email: 'admin@demo.samrad.local' },
      { platformId: fixture.platform.id },
      { roles: [{ role: 'admin', scope: { type: 'platform' } }] },
      { id: (await demo('admin')).id, name: 'Taken over' },
      { kind: 'full' },
      { verifiedAt: new Date().toISOString() },
      { name: 'Ok', passwordHash: 'x' },
      {},
    ]) {
      const error = await refusal(() => api.users.updateProfile(hostile));
      expect(error.code, JSON.stringify(hostile)).toBe('BAD_REQUEST');
    }
    const updated = await api.users.updateProfile({
      name: '  Mia Moved ',
      locale: 'sv',
      listedInDirectory: true,
      answers: { age_group: '18_34', postcode: ' 211 45 ' },
    });
    expect(updated).toMatchObject({
      id: me.id,
      name: 'Mia Moved',
      locale: 'sv',
      listedInDirectory: true,
      email: me.email,
      status: 'active',
      answers: { age_group: '18_34', postcode: '211 45' },
    });
    // An optional answer may be cleared, with null or an empty text.
    expect((await api.users.updateProfile({ answers: { postcode: '' } })).answers).toEqual({
      age_group: '18_34',
    });
    const [row] = await db().select().from(users).where(eq(users.id, me.id));
    expect(row).toMatchObject({ status: 'active', email: me.email, kind: 'full' });
  });

  it('checks answers against the platform’s enabled questions, by type', async () => {
    const admin = await fixture.as('admin');
    const [area] = await db()
      .insert(areas)
      .values({ platformId: fixture.platform.id, title: { en: 'Östra' } })
      .returning();
    const create = (key: string, type: 'number' | 'date' | 'multiple' | 'checkbox' | 'area') =>
      admin.registrationQuestions.create({
        key,
        title: key,
        type,
        ...(type === 'multiple'
          ? {
              options: [
                { key: 'bus', title: 'Bus' },
                { key: 'bike', title: 'Bike' },
              ],
            }
          : {}),
      });
    await create('household_size', 'number');
    await create('birth_date', 'date');
    await create('transport', 'multiple');
    await create('newsletter', 'checkbox');
    await create('home_area', 'area');
    await admin.registrationQuestions.create({
      key: 'retired_q',
      title: 'Old',
      type: 'text',
      enabled: false,
    });
    const me = await newUser();
    const api = await callerFor(me);
    const good = {
      household_size: 3,
      birth_date: '1990-04-01',
      transport: ['bus', 'bike'],
      newsletter: true,
      home_area: area!.id,
    };
    expect((await api.users.updateProfile({ answers: good })).answers).toEqual(good);
    const bad: [Record<string, unknown>, string][] = [
      [{ household_size: '3' }, 'answers.household_size'],
      [{ birth_date: '1990-02-30' }, 'answers.birth_date'],
      [{ birth_date: 'yesterday' }, 'answers.birth_date'],
      [{ transport: ['car'] }, 'answers.transport'],
      [{ transport: ['bus', 'bus'] }, 'answers.transport'],
      [{ newsletter: 'yes' }, 'answers.newsletter'],
      [{ home_area: '00000000-0000-4000-8000-000000000000' }, 'answers.home_area'],
      [{ age_group: 'teen' }, 'answers.age_group'],
      // Required ones stay required.
      [{ age_group: null }, 'answers.age_group'],
      [{ unknown_q: 'x' }, 'answers.unknown_q'],
      // A disabled question is no longer asked.
      [{ retired_q: 'x' }, 'answers.retired_q'],
      [{ 'Not A Key': 'x' }, 'answers.Not A Key'],
    ];
    for (const [answers, field] of bad) {
      const error = await refusal(() => api.users.updateProfile({ answers } as never));
      expect([error.code, error.message.split(':')[0]], JSON.stringify(answers)).toEqual([
        'BAD_REQUEST',
        field,
      ]);
    }
    // One bad answer refuses all of them.
    await refusal(() =>
      api.users.updateProfile({
        name: 'Changed',
        answers: { household_size: 4, newsletter: 'no' },
      }),
    );
    expect((await api.users.get({ id: me.id })).answers).toEqual(good);
    // What a verification vouched for is read-only (SPEC 4.4).
    const [question] = await db()
      .select()
      .from(registrationQuestions)
      .where(eq(registrationQuestions.key, 'birth_date'));
    await db()
      .update(registrationAnswers)
      .set({ source: 'verification' })
      .where(
        and(
          eq(registrationAnswers.userId, me.id),
          eq(registrationAnswers.questionId, question!.id),
        ),
      );
    const vouched = await refusal(() =>
      api.users.updateProfile({ answers: { birth_date: '1991-01-01' } }),
    );
    expect([vouched.code, vouched.message.split(':')[0]]).toEqual([
      'BAD_REQUEST',
      'answers.birth_date',
    ]);
    // A language the platform does not speak (a request after the change sees it).
    await admin.platform.update({ locales: ['en', 'sv'] });
    try {
      const later = await callerFor(me);
      const error = await refusal(() => later.users.updateProfile({ locale: 'fi' }));
      expect([error.code, error.message.split(':')[0]]).toEqual(['BAD_REQUEST', 'locale']);
    } finally {
      await admin.platform.update({ locales: ['en', 'sv', 'da', 'fi', 'nb'] });
    }
  });

  it('keeps generated names of light accounts unique (SPEC 4.2)', async () => {
    const first = await newUser({ kind: 'light', name: 'Brave Otter' });
    const second = await newUser({ kind: 'light', name: 'Calm Heron' });
    const api = await callerFor(second);
    const error = await refusal(() => api.users.updateProfile({ name: 'Brave Otter' }));
    expect([error.code, error.message.split(':')[0]]).toEqual(['CONFLICT', 'name']);
    expect((await (await callerFor(first)).users.updateProfile({ name: 'Brave Otter' })).name).toBe(
      'Brave Otter',
    );
  });

  const auditOf = (action: string, targetId: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));

  it('approves a pending account, audited; approving again changes nothing', async () => {
    const admin = await fixture.as('admin');
    const pending = await newUser({ status: 'pending' });
    expect((await (await callerFor(pending)).auth.me())?.user.status).toBe('pending');
    expect(await admin.users.approve({ id: pending.id })).toEqual({
      id: pending.id,
      status: 'active',
    });
    expect(await auditOf('user.approve', pending.id)).toEqual([
      expect.objectContaining({
        before: { status: 'pending' },
        after: { status: 'active' },
        actorId: (await demo('admin')).id,
      }),
    ]);
    // Now a user: they may edit their profile.
    await (await callerFor(pending)).users.updateProfile({ listedInDirectory: false });
    await admin.users.approve({ id: pending.id });
    expect(await auditOf('user.approve', pending.id)).toHaveLength(1);
    expect(
      (await refusal(() => admin.users.approve({ id: '00000000-0000-4000-8000-000000000000' })))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('blocks an account and ends its sessions in the same change; never oneself or the last admin', async () => {
    const admin = await fixture.as('admin');
    const target = await newUser();
    const token = await openSessionForTest(db(), target);
    expect((await (await fixture.caller(token)).auth.me())?.user.id).toBe(target.id);
    expect(await admin.users.block({ id: target.id })).toEqual({
      id: target.id,
      status: 'blocked',
    });
    // The old token is nobody now.
    expect(await (await fixture.caller(token)).auth.me()).toBeNull();
    expect(await auditOf('user.block', target.id)).toEqual([
      expect.objectContaining({
        before: { status: 'active' },
        after: { status: 'blocked', sessionsRevoked: 1 },
      }),
    ]);
    // A blocked account is approved back.
    expect(await admin.users.approve({ id: target.id })).toEqual({
      id: target.id,
      status: 'active',
    });

    const adminUser = await demo('admin');
    const self = await refusal(() => admin.users.block({ id: adminUser.id }));
    expect([self.code, self.message.split(':')[0]]).toEqual(['CONFLICT', 'id']);
    // A second admin may block the first…
    const second = await newUser();
    await db().insert(roleAssignments).values({
      platformId: fixture.platform.id,
      userId: second.id,
      role: 'admin',
      scopeType: 'platform',
    });
    const secondApi = await callerFor(second);
    await secondApi.users.block({ id: adminUser.id });
    await secondApi.users.approve({ id: adminUser.id });
    // …but not when, meanwhile, the first blocked them: two admins blocking each other at once
    // would leave the platform without one. Here the second's request was let in (its subject
    // loaded) before the first blocked them.
    const racing = await callerFor(second);
    await racing.users.list({ limit: 1 });
    await (await fixture.as('admin')).users.block({ id: second.id });
    const last = await refusal(() => racing.users.block({ id: adminUser.id }));
    expect([last.code, last.message.split(':')[0]]).toEqual(['CONFLICT', 'id']);
    await db().delete(roleAssignments).where(eq(roleAssignments.userId, second.id));
  });

  it('deletes an account with its personal data; the audit trail survives (SPEC 2.1, 7)', async () => {
    const admin = await fixture.as('admin');
    const park = await projectId('a-new-park-by-the-harbour');
    const person = await newUser({ name: 'Dora Deleted' });
    await (await callerFor(person)).users.updateProfile({ answers: { age_group: '35_64' } });
    const idea = await post(person.id, park);
    await db()
      .insert(groupMemberships)
      .values({
        platformId: fixture.platform.id,
        groupId: (
          await db().select().from(userGroups).where(eq(userGroups.name, 'Young residents'))
        )[0]!.id,
        groupKind: 'manual',
        userId: person.id,
      });
    await db().insert(roleAssignments).values({
      platformId: fixture.platform.id,
      userId: person.id,
      role: 'project_reviewer',
      scopeType: 'project',
      projectId: park,
    });
    // They act as an admin once, then lose the role: deleting an admin needs that first.
    await db().insert(roleAssignments).values({
      platformId: fixture.platform.id,
      userId: person.id,
      role: 'admin',
      scopeType: 'platform',
    });
    await (
      await callerFor(person)
    ).users.approve({ id: (await newUser({ status: 'pending' })).id });
    const stillAdmin = await refusal(() => admin.users.delete({ id: person.id }));
    expect([stillAdmin.code, stillAdmin.message.split(':')[0]]).toEqual(['CONFLICT', 'id']);
    await db()
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.userId, person.id), eq(roleAssignments.role, 'admin')));

    expect(await admin.users.delete({ id: person.id })).toEqual({ ok: true });
    expect(await db().select().from(users).where(eq(users.id, person.id))).toEqual([]);
    expect(
      await db()
        .select()
        .from(registrationAnswers)
        .where(eq(registrationAnswers.userId, person.id)),
    ).toEqual([]);
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect(
      await db().select().from(groupMemberships).where(eq(groupMemberships.userId, person.id)),
    ).toEqual([]);
    // Their contribution stays, without an author.
    const [kept] = await db().select().from(inputs).where(eq(inputs.id, idea.id));
    expect(kept?.authorId).toBeNull();
    const [entry] = await auditOf('user.delete', person.id);
    expect(entry).toMatchObject({
      before: {
        status: 'active',
        roles: [{ role: 'project_reviewer', scope: { type: 'project', id: park } }],
      },
      after: null,
    });
    expect(JSON.stringify(entry)).not.toContain(person.email);
    // What they did as an admin is still on record, under the name they had.
    const [theirs] = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'user.approve'),
          eq(auditLog.actorLabel, `Dora Deleted <${person.email}>`),
        ),
      );
    expect(theirs?.actorId).toBeNull();

    const self = await refusal(async () => admin.users.delete({ id: (await demo('admin')).id }));
    expect([self.code, self.message.split(':')[0]]).toEqual(['CONFLICT', 'id']);
    expect((await refusal(() => admin.users.delete({ id: person.id }))).code).toBe('NOT_FOUND');
  });
});
