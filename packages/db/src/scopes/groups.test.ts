import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import {
  builtInSmartGroupRules,
  isMemberOf,
  matchesSmartGroup,
  smartGroupOperatorsByFieldType,
  validateSmartGroupRules,
  type GroupForMembership,
  type RegistrationAnswerValue,
  type RegistrationQuestionType,
  type SmartGroupFieldType,
  type SmartGroupQuestion,
  type SmartGroupRule,
  type SmartGroupRules,
  type UserFactsForGroups,
  type UserStatus,
} from '@samrad/core';
import type { Connection, Database } from '../connect.js';
import {
  compositeGroupMembers,
  eventRegistrations,
  events,
  groupMemberships,
  inputs,
  comments,
  reactions,
  registrationAnswers,
  registrationQuestions,
  roleAssignments,
  surveyResponses,
  userGroups,
  users,
  volunteeringCauses,
  volunteers,
  votes,
} from '../schema/index.js';
import {
  createTestDatabase,
  insertFolder,
  insertPhase,
  insertPlatform,
  insertProject,
  insertUser,
  testDatabaseKinds,
} from '../testing/index.js';
import {
  groupIdsOfUser,
  groupMembersWhere,
  loadSmartGroups,
  smartGroupCondition,
  type GroupForMembersWhere,
} from './groups.js';

// ---------------------------------------------------------------------------------------------
// A small world: one platform with a registration question of each type, two projects with
// every way to take part, a folder, and a few hand-made groups.
// ---------------------------------------------------------------------------------------------

const questionSpecs: SmartGroupQuestion[] = [
  { key: 'nickname', type: 'text' },
  { key: 'age', type: 'number' },
  { key: 'born', type: 'date' },
  { key: 'district', type: 'single', options: ['north', 'south', 'east'] },
  { key: 'interests', type: 'multiple', options: ['parks', 'traffic', 'schools'] },
  { key: 'newsletter', type: 'checkbox' },
  { key: 'home', type: 'area' },
];
const keyOf = (type: RegistrationQuestionType) => questionSpecs.find((q) => q.type === type)!.key;

const participationKinds = [
  'input',
  'comment',
  'vote',
  'survey',
  'reaction',
  'volunteer',
  'event',
  // Not attributable, so not participation: an anonymous input, a manager's test response.
  'anonymousInput',
  'testSurvey',
] as const;
type ParticipationKind = (typeof participationKinds)[number];
const counted = new Set<ParticipationKind>([
  'input',
  'comment',
  'vote',
  'survey',
  'reaction',
  'volunteer',
  'event',
]);

/** Roles on distinct scopes (one role per scope): the platform, the folder, the two projects. */
const roleSpecs = [
  { role: 'admin', scope: 'platform' },
  { role: 'folder_manager', scope: 'folder' },
  { role: 'project_manager', scope: 0 },
  { role: 'project_reviewer', scope: 1 },
  { role: 'project_moderator', scope: 1 },
] as const;

interface World {
  platformId: string;
  folderId: string;
  questionIds: Map<string, string>;
  projects: {
    id: string;
    ideation: string;
    voting: string;
    survey: string;
    inputId: string;
    causeId: string;
    eventId: string;
  }[];
  manual: [string, string];
  composite: string;
}

/** Contributions under anonymity carry no author and day-coarsened times (SPEC 4.4). */
const today = () => new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
const personal = (authorId: string) => ({
  authorId,
  dataCollection: 'all' as const,
  createdAt: new Date(),
  updatedAt: new Date(),
});
const anonymous = () => ({
  authorId: null,
  dataCollection: 'anonymous' as const,
  createdAt: today(),
  updatedAt: today(),
});

async function buildWorld(db: Database): Promise<World> {
  const platform = await insertPlatform(db);
  const platformId = platform.id;
  const folder = await insertFolder(db, platformId);
  const questionRows = await db
    .insert(registrationQuestions)
    .values(
      questionSpecs.map((q, position) => ({
        platformId,
        key: q.key,
        title: { en: q.key },
        type: q.type,
        position,
        options:
          q.type === 'single' || q.type === 'multiple'
            ? (q.options ?? []).map((key) => ({
                key: typeof key === 'string' ? key : key.key,
                title: { en: 'x' },
              }))
            : null,
      })),
    )
    .returning();
  const projects: World['projects'] = [];
  for (let i = 0; i < 2; i++) {
    const project = await insertProject(db, platformId, { status: 'published' });
    const ideation = await insertPhase(db, platformId, project.id);
    const voting = await insertPhase(db, platformId, project.id, {
      method: 'voting',
      votingMethod: 'single',
    });
    const survey = await insertPhase(db, platformId, project.id, { method: 'survey' });
    const volunteering = await insertPhase(db, platformId, project.id, { method: 'volunteering' });
    const [input] = await db
      .insert(inputs)
      .values({
        platformId,
        projectId: project.id,
        phaseId: ideation.id,
        title: 'A bench',
        body: 'Please',
        ...anonymous(),
      })
      .returning();
    const [cause] = await db
      .insert(volunteeringCauses)
      .values({ platformId, phaseId: volunteering.id, title: { en: 'Cleanup' } })
      .returning();
    const [event] = await db
      .insert(events)
      .values({ platformId, projectId: project.id, title: { en: 'Meeting' }, startAt: new Date() })
      .returning();
    projects.push({
      id: project.id,
      ideation: ideation.id,
      voting: voting.id,
      survey: survey.id,
      inputId: input!.id,
      causeId: cause!.id,
      eventId: event!.id,
    });
  }
  const groups = await db
    .insert(userGroups)
    .values([
      { platformId, name: 'Manual A', kind: 'manual' },
      { platformId, name: 'Manual B', kind: 'manual' },
      { platformId, name: 'Composite', kind: 'composite' },
    ])
    .returning();
  const [manualA, manualB, composite] = groups as [
    (typeof groups)[0],
    (typeof groups)[0],
    (typeof groups)[0],
  ];
  // The composite holds manual group A (not B) plus its own users.
  await db.insert(compositeGroupMembers).values({
    platformId,
    compositeGroupId: composite.id,
    memberGroupId: manualA.id,
  });
  return {
    platformId,
    folderId: folder.id,
    questionIds: new Map(questionRows.map((row) => [row.key, row.id])),
    projects,
    manual: [manualA.id, manualB.id],
    composite: composite.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Random users
// ---------------------------------------------------------------------------------------------

/** Answers of each type, with empties and a few of the wrong type (stored before validation). */
const answerPools: Record<RegistrationQuestionType, fc.Arbitrary<RegistrationAnswerValue>> = {
  text: fc.constantFrom('Åsa', 'åsa', 'Per', 'per olsson', 'Bærbar', 'ÖRJAN', '', ' ', 7, null),
  number: fc.constantFrom(0, 17, 18, 18.5, -3, 42, 0.1, '18'),
  date: fc.constantFrom('1990-02-03', '1999-12-31', '2000-01-01', '2000-01-02', '', '2000-1-1'),
  single: fc.constantFrom('north', 'south', 'east', ''),
  multiple: fc.oneof(fc.subarray(['parks', 'traffic', 'schools']), fc.constant('parks')),
  checkbox: fc.oneof(fc.boolean(), fc.constant('true')),
  area: fc.constantFrom('a1', 'a2', 'A1'),
};

const registrationDays = [
  '2023-12-31T23:59:59.999Z',
  '2024-04-30T23:59:59.999Z',
  '2024-05-01T00:00:00.000Z',
  '2024-05-01T13:14:15.161Z',
  '2024-05-02T00:00:00.000Z',
];

const userSpec = fc.record({
  status: fc.constantFrom<UserStatus>('active', 'active', 'active', 'pending', 'blocked'),
  local: fc.constantFrom<string>('anna', 'bo', 'ce.li', 'dan_4'),
  domain: fc.constantFrom<string>('city.se', 'subcity.se', 'mail.example', 'city.se.example'),
  verified: fc.boolean(),
  roles: fc.subarray([0, 1, 2, 3]).map((picked) => picked.map((i) => roleSpecs[i]!)),
  registeredAt: fc.constantFrom(...registrationDays).map((iso) => new Date(iso)),
  answers: fc.record(
    Object.fromEntries(
      questionSpecs.map((q) => [q.key, fc.option(answerPools[q.type], { nil: undefined })]),
    ) as Record<string, fc.Arbitrary<RegistrationAnswerValue | undefined>>,
  ),
  participation: fc.subarray(
    participationKinds.flatMap((kind) => [0, 1].map((project) => ({ kind, project }))),
    { maxLength: 4 },
  ),
  directGroups: fc.subarray(['manualA', 'manualB', 'composite'] as const),
});
type UserSpec = typeof userSpec extends fc.Arbitrary<infer T> ? T : never;
/** E-mail addresses are unique on a platform. */
const someUsers = (maxLength: number) =>
  fc.uniqueArray(userSpec, { minLength: 1, maxLength, selector: (u) => `${u.local}@${u.domain}` });

// ---------------------------------------------------------------------------------------------
// Random rules: any valid field and operator, values drawn so that they sometimes match
// ---------------------------------------------------------------------------------------------

const unknownProject = '00000000-0000-4000-8000-000000000000';
const noValue = new Set<SmartGroupRule['op']>(['isEmpty', 'notEmpty', 'isTrue', 'isFalse']);
const fieldTypes = Object.keys(smartGroupOperatorsByFieldType) as SmartGroupFieldType[];
const opsOf = (type: SmartGroupFieldType) =>
  smartGroupOperatorsByFieldType[type] as readonly SmartGroupRule['op'][];
const fieldOf = (type: SmartGroupFieldType): SmartGroupRule['field'] =>
  type.startsWith('answer:')
    ? `answer:${keyOf(type.slice('answer:'.length) as RegistrationQuestionType)}`
    : type;

/** Values tried per field type and operator, close to the users' so that they sometimes match. */
function candidates(
  type: SmartGroupFieldType,
  op: SmartGroupRule['op'],
  projectIds: string[],
): (string | number)[] {
  switch (type) {
    case 'email':
      if (op === 'contains') return ['anna', 'CITY', '@city.se', '.', 'zzz'];
      if (op === 'startsWith') return ['anna', 'bo', 'Ce.'];
      if (op === 'endsWith') return ['@city.se', '@CITY.SE', '.example', 'city.se'];
      return ['anna@city.se', 'BO@subcity.se', 'dan_4@mail.example', 'x@y.se'];
    case 'role':
      return ['admin', 'folder_manager', 'project_manager', 'project_reviewer'];
    case 'registeredAt':
      return ['2023-12-31', '2024-04-30', '2024-05-01', '2024-05-02'];
    case 'participatedIn':
      return [...projectIds, unknownProject];
    case 'answer:text':
      if (op === 'contains') return ['ær', 'PER', 'Å', 's'];
      if (op === 'startsWith') return ['per', 'Å', 'b'];
      if (op === 'endsWith') return ['olsson', 'SA', 'jan'];
      return ['åsa', 'PER', 'Per olsson', 'x'];
    case 'answer:number':
      return [-5, 0, 17, 18, 18.5, 0.1];
    case 'answer:date':
      return ['1999-12-31', '2000-01-01', '2000-01-02'];
    case 'answer:single':
      return ['north', 'south', 'east'];
    case 'answer:multiple':
      return ['parks', 'traffic', 'schools'];
    case 'answer:area':
      return ['a1', 'a2', 'a3'];
    default:
      return [];
  }
}

const ruleOf = (
  type: SmartGroupFieldType,
  op: SmartGroupRule['op'],
  value: SmartGroupRule['value'],
): SmartGroupRule => ({ field: fieldOf(type), op, ...(value === undefined ? {} : { value }) });

function valueFor(
  type: SmartGroupFieldType,
  op: SmartGroupRule['op'],
  projectIds: string[],
): fc.Arbitrary<SmartGroupRule['value']> {
  if (noValue.has(op)) return fc.constant(undefined);
  const values = candidates(type, op, projectIds);
  return op === 'oneOf' || op === 'notOneOf'
    ? fc.subarray(values as string[], { minLength: 1 })
    : fc.constantFrom(...values);
}

/** Every valid field × operator, with each candidate value (lists: each alone, then all). */
function everySingleRule(projectIds: string[]): SmartGroupRule[] {
  return fieldTypes.flatMap((type) =>
    opsOf(type).flatMap((op) => {
      if (noValue.has(op)) return [ruleOf(type, op, undefined)];
      const values = candidates(type, op, projectIds);
      if (op !== 'oneOf' && op !== 'notOneOf') return values.map((v) => ruleOf(type, op, v));
      const lists = [...values.map((v) => [v as string]), values as string[]];
      return lists.map((list) => ruleOf(type, op, list));
    }),
  );
}

function rulesArbitrary(projectIds: string[]): fc.Arbitrary<SmartGroupRules> {
  const rule = fc
    .constantFrom(...fieldTypes)
    .chain((type) =>
      fc
        .constantFrom(...opsOf(type))
        .chain((op) => valueFor(type, op, projectIds).map((value) => ruleOf(type, op, value))),
    );
  return fc.record({
    match: fc.constantFrom('all' as const, 'any' as const),
    rules: fc.array(rule, { maxLength: 4 }),
  });
}

// ---------------------------------------------------------------------------------------------
// Writing users and reading what the in-memory side knows about them
// ---------------------------------------------------------------------------------------------

let identities = 0;

async function insertSpecUser(db: Database, world: World, spec: UserSpec) {
  const { platformId } = world;
  const user = await insertUser(db, platformId, {
    email: `${spec.local}@${spec.domain}`,
    status: spec.status,
    createdAt: spec.registeredAt,
    ...(spec.verified
      ? { verifiedAt: new Date(), verificationIdentityHash: `identity-${identities++}` }
      : {}),
  });
  for (const { role, scope } of spec.roles) {
    await db.insert(roleAssignments).values({
      platformId,
      userId: user.id,
      role,
      ...(scope === 'platform'
        ? { scopeType: 'platform' as const }
        : scope === 'folder'
          ? { scopeType: 'folder' as const, folderId: world.folderId }
          : { scopeType: 'project' as const, projectId: world.projects[scope]!.id }),
    });
  }
  const answered = Object.entries(spec.answers).filter(([, value]) => value !== undefined);
  if (answered.length > 0) {
    await db.insert(registrationAnswers).values(
      answered.map(([key, value]) => ({
        platformId,
        userId: user.id,
        questionId: world.questionIds.get(key)!,
        // A stored JSON null, not SQL NULL (the column is not null).
        value: value === null ? sql`'null'::jsonb` : value!,
      })),
    );
  }
  for (const { kind, project: index } of spec.participation) {
    const project = world.projects[index]!;
    switch (kind) {
      case 'input':
      case 'anonymousInput':
        await db.insert(inputs).values({
          platformId,
          projectId: project.id,
          phaseId: project.ideation,
          title: 'Idea',
          body: 'Body',
          ...(kind === 'input' ? personal(user.id) : anonymous()),
        });
        break;
      case 'comment':
        await db
          .insert(comments)
          .values({ platformId, inputId: project.inputId, body: 'Yes', ...personal(user.id) });
        break;
      case 'vote':
        await db
          .insert(votes)
          .values({ platformId, phaseId: project.voting, ...personal(user.id) });
        break;
      case 'survey':
      case 'testSurvey':
        await db.insert(surveyResponses).values({
          platformId,
          phaseId: project.survey,
          answers: {},
          isTest: kind === 'testSurvey',
          ...personal(user.id),
        });
        break;
      case 'reaction':
        await db
          .insert(reactions)
          .values({ platformId, inputId: project.inputId, userId: user.id, kind: 'up' });
        break;
      case 'volunteer':
        await db
          .insert(volunteers)
          .values({ platformId, causeId: project.causeId, userId: user.id });
        break;
      case 'event':
        await db
          .insert(eventRegistrations)
          .values({ platformId, eventId: project.eventId, userId: user.id });
        break;
    }
  }
  const direct = spec.directGroups.map((name) =>
    name === 'manualA' ? world.manual[0] : name === 'manualB' ? world.manual[1] : world.composite,
  );
  for (const groupId of direct) {
    await db.insert(groupMemberships).values({
      platformId,
      groupId,
      groupKind: groupId === world.composite ? 'composite' : 'manual',
      userId: user.id,
    });
  }
  const answers: UserFactsForGroups['answers'] = Object.fromEntries(
    answered.map(([key, value]) => [
      key,
      { type: questionSpecs.find((q) => q.key === key)!.type, value: value! },
    ]),
  );
  const facts: UserFactsForGroups = {
    status: spec.status,
    email: user.email,
    verified: spec.verified,
    roles: spec.roles.map((grant) => grant.role),
    registeredAt: spec.registeredAt,
    participatedProjectIds: new Set(
      spec.participation
        .filter((p) => counted.has(p.kind))
        .map((p) => world.projects[p.project]!.id),
    ),
    answers,
    directGroupIds: direct,
  };
  return { id: user.id, facts };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

async function memberIds(db: Database, where: ReturnType<typeof groupMembersWhere>) {
  return sorted((await db.select({ id: users.id }).from(users).where(where)).map((row) => row.id));
}

// ---------------------------------------------------------------------------------------------

describe.each(testDatabaseKinds())('user groups on %s', (kind) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestDatabase(kind);
  });
  afterAll(() => connection?.close());

  it('every field × operator × value: the SQL condition agrees with matchesSmartGroup', async () => {
    const { db } = connection;
    await fc.assert(
      fc.asyncProperty(someUsers(8), async (userSpecs) => {
        const world = await buildWorld(db);
        const people = [];
        for (const spec of userSpecs) people.push(await insertSpecUser(db, world, spec));
        const rules = everySingleRule(world.projects.map((p) => p.id)).map(
          (rule): SmartGroupRules => ({ match: 'all', rules: [rule] }),
        );
        // All the rules in one statement: one boolean column per rule.
        const columns = Object.fromEntries(
          rules.map((r, i) => [`r${i}`, sql<boolean>`${smartGroupCondition(r)}`]),
        );
        const rows = await db
          .select({ id: users.id, ...columns })
          .from(users)
          .where(eq(users.platformId, world.platformId));
        const disagreements: unknown[] = [];
        for (const person of people) {
          const row = rows.find((r) => r.id === person.id) as Record<string, unknown>;
          rules.forEach((r, i) => {
            const inMemory = matchesSmartGroup(r, person.facts);
            if (row[`r${i}`] !== inMemory) {
              disagreements.push({
                rule: r.rules[0],
                sql: row[`r${i}`],
                inMemory,
                facts: person.facts,
              });
            }
          });
        }
        expect(disagreements).toEqual([]);

        // The same rules through groupIdsOfUser, which gathers the facts once per user.
        const pseudoGroups = rules.map((r) => ({ id: randomUUID(), rules: r }));
        const pseudoIds = new Set<string>(pseudoGroups.map((g) => g.id));
        for (const person of people) {
          const got = (await groupIdsOfUser(db, world.platformId, person.id, pseudoGroups)).filter(
            (id) => pseudoIds.has(id),
          );
          const expected = pseudoGroups
            .filter(
              (g) => person.facts.status === 'active' && matchesSmartGroup(g.rules, person.facts),
            )
            .map((g) => g.id);
          expect(sorted(got)).toEqual(sorted(expected));
        }
      }),
      // PGlite runs one query at a time: fewer worlds there, all of them on PostgreSQL.
      { numRuns: kind === 'pglite' ? 8 : 20 },
    );
  }, 120_000);

  it('SQL members of smart groups = users matchesSmartGroup accepts; groupIdsOfUser agrees', async () => {
    const { db } = connection;
    // Worlds are built inside the property (one platform per run), so the rules need ids
    // that exist: draw indexes now, fill in the projects' ids later.
    await fc.assert(
      fc.asyncProperty(
        someUsers(6),
        fc.array(rulesArbitrary(['project:0', 'project:1']), { minLength: 1, maxLength: 3 }),
        async (userSpecs, ruleSets) => {
          const world = await buildWorld(db);
          const realIds = (rules: SmartGroupRules): SmartGroupRules => ({
            ...rules,
            rules: rules.rules.map((rule) => {
              const swap = (value: string) =>
                value.startsWith('project:') ? world.projects[Number(value.slice(8))]!.id : value;
              return rule.field !== 'participatedIn' || rule.value === undefined
                ? rule
                : {
                    ...rule,
                    value: Array.isArray(rule.value)
                      ? rule.value.map(swap)
                      : swap(rule.value as string),
                  };
            }),
          });
          const smartRules = ruleSets.map(realIds);
          for (const rules of smartRules) {
            expect(validateSmartGroupRules(rules, questionSpecs)).toEqual([]);
          }
          const people = [];
          for (const spec of userSpecs) people.push(await insertSpecUser(db, world, spec));

          const smart = await db
            .insert(userGroups)
            .values(
              smartRules.map((rules, i) => ({
                platformId: world.platformId,
                name: `Smart ${i}`,
                kind: 'smart' as const,
                rules,
              })),
            )
            .returning();
          const groups: (GroupForMembersWhere & { facts: GroupForMembership })[] = [
            ...smart.map((row, i) => ({
              ...row,
              facts: { id: row.id, kind: 'smart' as const, rules: smartRules[i]! },
            })),
            ...world.manual.map((id) => ({
              id,
              platformId: world.platformId,
              kind: 'manual' as const,
              facts: { id, kind: 'manual' as const },
            })),
            {
              id: world.composite,
              platformId: world.platformId,
              kind: 'composite' as const,
              facts: {
                id: world.composite,
                kind: 'composite' as const,
                memberGroupIds: [world.manual[0]],
              },
            },
          ];

          // The rules alone, status aside: the SQL condition and the in-memory evaluation.
          for (const rules of smartRules) {
            const sqlMatches = await memberIds(
              db,
              and(eq(users.platformId, world.platformId), smartGroupCondition(rules))!,
            );
            const expected = people.filter((p) => matchesSmartGroup(rules, p.facts));
            expect(sqlMatches, JSON.stringify(rules)).toEqual(sorted(expected.map((p) => p.id)));
          }

          // Members of every group, of every kind: "users in this group".
          const members = new Map<string, Set<string>>();
          for (const group of groups) {
            const ids = await memberIds(db, groupMembersWhere(group));
            const expected = people.filter((p) => isMemberOf(group.facts, p.facts));
            expect(ids, `${group.kind} ${JSON.stringify(group.facts)}`).toEqual(
              sorted(expected.map((p) => p.id)),
            );
            members.set(group.id, new Set(ids));
          }

          // "Is this user in this group": the same answer, from the user's side.
          const loaded = await loadSmartGroups(db, world.platformId);
          expect(sorted(loaded.map((g) => g.id))).toEqual(sorted(smart.map((g) => g.id)));
          for (const person of people) {
            const expected = sorted(
              groups.filter((g) => members.get(g.id)!.has(person.id)).map((g) => g.id),
            );
            expect(sorted(await groupIdsOfUser(db, world.platformId, person.id, loaded))).toEqual(
              expected,
            );
          }
          // Without a pre-loaded list it loads them itself (checked for one user per run).
          const first = people[0]!;
          expect(sorted(await groupIdsOfUser(db, world.platformId, first.id))).toEqual(
            sorted(groups.filter((g) => members.get(g.id)!.has(first.id)).map((g) => g.id)),
          );
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  describe('examples', () => {
    let world: World;
    const add = (spec: Partial<UserSpec>) =>
      insertSpecUser(connection.db, world, {
        status: 'active',
        local: `user${identities++}`,
        domain: 'city.se',
        verified: false,
        roles: [],
        registeredAt: new Date('2024-05-01T12:00:00Z'),
        answers: {},
        participation: [],
        directGroups: [],
        ...spec,
      });
    const smartGroup = async (name: string, rules: SmartGroupRules) => {
      const [row] = await connection.db
        .insert(userGroups)
        .values({ platformId: world.platformId, name, kind: 'smart', rules })
        .returning();
      return row!;
    };

    beforeAll(async () => {
      world = await buildWorld(connection.db);
    });

    it('manual and composite groups: listed users, plus the composite’s manual groups', async () => {
      const { db } = connection;
      const inA = await add({ directGroups: ['manualA'] });
      const inB = await add({ directGroups: ['manualB'] });
      const inComposite = await add({ directGroups: ['composite'] });
      const inAandComposite = await add({ directGroups: ['manualA', 'composite'] });
      const nowhere = await add({});
      const where = (id: string, kind: 'manual' | 'composite') =>
        groupMembersWhere({ id, platformId: world.platformId, kind });
      expect(await memberIds(db, where(world.manual[0], 'manual'))).toEqual(
        sorted([inA.id, inAandComposite.id]),
      );
      expect(await memberIds(db, where(world.manual[1], 'manual'))).toEqual([inB.id]);
      expect(await memberIds(db, where(world.composite, 'composite'))).toEqual(
        sorted([inA.id, inComposite.id, inAandComposite.id]),
      );
      const groupsOf = (id: string) => groupIdsOfUser(db, world.platformId, id, []);
      expect(sorted(await groupsOf(inA.id))).toEqual(sorted([world.manual[0], world.composite]));
      expect(await groupsOf(inB.id)).toEqual([world.manual[1]]);
      expect(await groupsOf(inComposite.id)).toEqual([world.composite]);
      // Listed directly and through manual group A: once.
      expect(sorted(await groupsOf(inAandComposite.id))).toEqual(
        sorted([world.manual[0], world.composite]),
      );
      expect(await groupsOf(nowhere.id)).toEqual([]);
    });

    it('pending and blocked users are members of no group, built-in ones included', async () => {
      const { db } = connection;
      const everyone = await smartGroup('Everyone (pending test)', {
        match: 'all',
        rules: [],
      });
      const staff = await smartGroup('Staff (pending test)', builtInSmartGroupRules.staff);
      const active = await add({ roles: [roleSpecs[0]], directGroups: ['manualA', 'composite'] });
      for (const status of ['pending', 'blocked'] as const) {
        const demoted = await add({
          status,
          roles: [roleSpecs[0]],
          directGroups: ['manualA', 'composite'],
        });
        for (const group of [
          everyone,
          staff,
          { id: world.manual[0], platformId: world.platformId, kind: 'manual' as const },
          { id: world.composite, platformId: world.platformId, kind: 'composite' as const },
        ]) {
          const ids = await memberIds(db, groupMembersWhere(group));
          expect(ids).toContain(active.id);
          expect(ids).not.toContain(demoted.id);
        }
        expect(await groupIdsOfUser(db, world.platformId, demoted.id)).toEqual([]);
      }
    });

    it('built-in groups: everyone registered, and staff = any role on any scope', async () => {
      const { db } = connection;
      const other = await buildWorld(db);
      const everyone = await db
        .insert(userGroups)
        .values({
          platformId: other.platformId,
          name: 'Everyone registered',
          kind: 'smart',
          builtIn: 'everyone_registered',
          rules: builtInSmartGroupRules.everyone_registered,
        })
        .returning();
      const staff = await db
        .insert(userGroups)
        .values({
          platformId: other.platformId,
          name: 'Staff',
          kind: 'smart',
          builtIn: 'staff',
          rules: builtInSmartGroupRules.staff,
        })
        .returning();
      const resident = await insertSpecUser(db, other, {
        status: 'active',
        local: 'r',
        domain: 'mail.example',
        verified: false,
        roles: [],
        registeredAt: new Date(),
        answers: {},
        participation: [{ kind: 'input', project: 0 }],
        directGroups: [],
      });
      const staffers = [];
      for (const grant of roleSpecs) {
        staffers.push(
          await insertSpecUser(db, other, {
            status: 'active',
            local: grant.role,
            domain: 'city.se',
            verified: true,
            roles: [grant],
            registeredAt: new Date(),
            answers: {},
            participation: [],
            directGroups: [],
          }),
        );
      }
      const all = sorted([resident.id, ...staffers.map((s) => s.id)]);
      expect(await memberIds(db, groupMembersWhere(everyone[0]!))).toEqual(all);
      expect(await memberIds(db, groupMembersWhere(staff[0]!))).toEqual(
        sorted(staffers.map((s) => s.id)),
      );
      expect(sorted(await groupIdsOfUser(db, other.platformId, resident.id))).toEqual([
        everyone[0]!.id,
      ]);
      expect(sorted(await groupIdsOfUser(db, other.platformId, staffers[2]!.id))).toEqual(
        sorted([everyone[0]!.id, staff[0]!.id]),
      );
      // Another platform's users are never members, whatever the rules.
      expect(await groupIdsOfUser(db, world.platformId, resident.id)).toEqual([]);
    });

    it('stored rules that fail the schema match nobody (fail closed)', async () => {
      const { db } = connection;
      await add({});
      const where = groupMembersWhere({
        id: '00000000-0000-4000-8000-000000000001',
        platformId: world.platformId,
        kind: 'smart',
        rules: { match: 'all', rules: [{ field: 'name', op: 'equals', value: 'x' }] },
      });
      expect(await memberIds(db, where)).toEqual([]);
    });

    it('binds rule values as parameters, never as SQL text', async () => {
      const { db } = connection;
      const person = await add({ answers: { nickname: "O'Brien; drop table users; --" } });
      const rules: SmartGroupRules = {
        match: 'all',
        rules: [{ field: 'answer:nickname', op: 'equals', value: "o'brien; DROP TABLE users; --" }],
      };
      const query = db.select({ id: users.id }).from(users).where(smartGroupCondition(rules));
      expect(query.toSQL().sql).not.toContain('brien');
      expect(query.toSQL().params).toContain("o'brien; drop table users; --");
      const where = and(eq(users.platformId, world.platformId), smartGroupCondition(rules))!;
      expect(await memberIds(db, where)).toEqual([person.id]);
    });
  });
});
