/**
 * A generated city for the access bench: a folder tree several levels deep, projects with a
 * realistic mix of statuses and visibilities, residents with registration answers, manual groups
 * with memberships, smart groups with rules in the API's shape, role assignments and phases.
 *
 * Built with set-based SQL (`insert … select … from generate_series(…)`), a few dozen statements
 * whatever the size, so it takes seconds on PostgreSQL and on PGlite alike. Deterministic: every
 * "random" choice is `hashint8` of a row's ordinal, so two runs build the same city (only the
 * uuids and the dates relative to now differ).
 */
import { performance } from 'node:perf_hooks';
import { SmartGroupRules, type Role } from '@samrad/core';
import {
  folders,
  groupMemberships,
  phases,
  platforms,
  projectMembers,
  projects,
  projectVisibilityGroups,
  registrationAnswers,
  registrationQuestions,
  roleAssignments,
  userGroups,
  users,
  type Database,
  builtInGroupRows,
} from '@samrad/db';
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

export interface CitySize {
  folders: number;
  projects: number;
  users: number;
  manualGroups: number;
  /** Including the two built-in ones (Everyone registered, Staff). */
  smartGroups: number;
}

/** The size the issue asks for. */
export const fullCity: CitySize = {
  folders: 2_000,
  projects: 20_000,
  users: 100_000,
  manualGroups: 400,
  smartGroups: 100,
};

/** A smaller city with the same shape, for quick runs (`SAMRAD_BENCH_SCALE=0.1`). */
export function scaledCity(scale: number): CitySize {
  const of = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return {
    folders: of(fullCity.folders, 60),
    projects: of(fullCity.projects, 200),
    users: of(fullCity.users, 3_000),
    manualGroups: of(fullCity.manualGroups, 20),
    smartGroups: of(fullCity.smartGroups, 10),
  };
}

export interface GeneratedCity {
  platform: typeof platforms.$inferSelect;
  size: CitySize;
  /** Rows per table, counted after generation. */
  rows: Record<string, number>;
  /** Wall time of each step, ms. */
  steps: { step: string; ms: number }[];
  totalMs: number;
  /** The root folder whose branch is mostly restricted to staff and groups. */
  internalFolderId: string;
}

// ---------------------------------------------------------------------------------------------
// SQL helpers
// ---------------------------------------------------------------------------------------------

/** An integer literal of ours (never user input), inlined so plans do not depend on params. */
const lit = (n: number): SQL => sql.raw(String(Math.trunc(n)));

/** A deterministic pseudo-random integer in [0, m) from an integer expression and a salt. */
const pick = (n: SQL, salt: number, m: number): SQL =>
  sql`((hashint8((${n})::bigint * 7919 + ${lit(salt)}) & 2147483647) % ${lit(m)})`;

/** A deterministic pseudo-random fraction in [0, 1). */
const frac = (n: SQL, salt: number): SQL =>
  sql`((hashint8((${n})::bigint * 7919 + ${lit(salt)}) & 2147483647)::float8 / 2147483648.0)`;

/** drizzle's snake_case for columns named by their keys (the connection's `casing`). */
function columnName(column: PgColumn): string {
  if (!column.keyAsName) return column.name;
  const words = column.name.match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
  return words.map((word) => word.toLowerCase()).join('_');
}

/** `insert into "table" ("a", "b", …)`, from the schema objects. */
function insertInto(table: PgTable, columns: PgColumn[]): SQL {
  return sql`insert into ${table} (${sql.join(
    columns.map((column) => sql.identifier(columnName(column))),
    sql`, `,
  )})`;
}

const text = (values: readonly string[]): SQL =>
  sql.raw(`array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]`);

/** The e-mail of resident number n: the domain is part of who they are (smart groups use it). */
const emailOf = (n: SQL): SQL =>
  sql`('u' || (${n}) || '@' || (case when ${pick(n, 31, 100)} < 10 then 'city.se' when ${pick(
    n,
    31,
    100,
  )} < 14 then 'school.city.se' when ${pick(n, 31, 100)} < 35 then 'gmail.test' when ${pick(
    n,
    31,
    100,
  )} < 55 then 'outlook.test' else 'mail.test' end))`;

/** The ordinal of a generated resident, read back from their e-mail. */
const userOrdinal = sql`split_part(substr(${users.email}, 2), '@', 1)::bigint`;

const departments = [
  'Internal',
  'City planning',
  'Environment',
  'Education',
  'Culture and leisure',
  'Traffic',
  'Social services',
  'Housing',
  'Districts',
  'Business',
  'Health',
  'New district',
];
const titleWords = [
  'Park',
  'Playground',
  'Library',
  'School yard',
  'Cycle lane',
  'Harbour',
  'Square',
  'Bridge',
  'Bus stop',
  'Street lights',
  'Skatepark',
  'Community garden',
  'Swimming hall',
  'Youth centre',
  'Budget',
  'Tree planting',
  'Climate plan',
  'Sports field',
  'Dog park',
  'Parking',
  'Town hall',
  'Art wall',
  'Market',
  'Riverside',
];
const ageGroups = ['18_24', '25_34', '35_49', '50_64', '65_plus'];
const interests = ['culture', 'sport', 'environment', 'traffic', 'schools', 'housing'];
const occupations = [
  'Teacher',
  'Nurse',
  'Engineer',
  'Student',
  'Retired',
  'Carpenter',
  'Åkare',
  'Öppen förskola',
  'Designer',
  'Driver',
];
const districtCount = 12;
const phaseMethodList = ['ideation', 'survey', 'voting', 'information', 'poll', 'volunteering'];

/** The smart groups' rules, in the API's JSON shape, varied over every field the rules know. */
function smartRules(i: number): SmartGroupRules {
  const district = (k: number) => `d${1 + ((i + k) % districtCount)}`;
  switch (i % 8) {
    case 0:
      return {
        match: 'all',
        rules: [{ field: 'answer:district', op: 'equals', value: district(0) }],
      };
    case 1:
      return {
        match: 'all',
        rules: [{ field: 'email', op: 'endsWith', value: i % 2 ? '@city.se' : '.city.se' }],
      };
    case 2:
      return {
        match: 'any',
        rules: [
          {
            field: 'answer:age_group',
            op: 'oneOf',
            value: [ageGroups[i % 5]!, ageGroups[(i + 1) % 5]!],
          },
          { field: 'verified', op: 'isTrue' },
        ],
      };
    case 3:
      return {
        match: 'all',
        rules: [
          { field: 'registeredAt', op: 'after', value: `202${1 + (i % 4)}-0${1 + (i % 9)}-01` },
          { field: 'answer:birth_year', op: 'lessThan', value: 1950 + (i % 40) },
        ],
      };
    case 4:
      return {
        match: 'all',
        rules: [
          { field: 'answer:interests', op: 'contains', value: interests[i % interests.length]! },
          { field: 'answer:newsletter', op: 'isTrue' },
        ],
      };
    case 5:
      return {
        match: 'any',
        rules: [
          {
            field: 'answer:occupation',
            op: 'startsWith',
            value: occupations[i % occupations.length]!.slice(0, 3).toLowerCase(),
          },
          {
            field: 'answer:occupation',
            op: 'equals',
            value: occupations[(i + 3) % occupations.length]!,
          },
        ],
      };
    case 6:
      return {
        match: 'all',
        rules: [
          { field: 'role', op: 'oneOf', value: ['project_manager', 'project_moderator'] },
          { field: 'verified', op: 'isFalse' },
        ],
      };
    default:
      return {
        match: 'all',
        rules: [
          { field: 'answer:district', op: 'oneOf', value: [district(0), district(1), district(2)] },
          { field: 'answer:age_group', op: 'notEquals', value: '65_plus' },
          { field: 'email', op: 'notOneOf', value: [`u${i}@mail.test`] },
          { field: 'registeredAt', op: 'before', value: '2025-01-01' },
        ],
      };
  }
}

/** Folder levels, root first: several levels deep, most folders in the middle of the tree. */
function folderLevels(total: number): { start: number; count: number }[] {
  const shares = [0.006, 0.03, 0.12, 0.28, 0.34];
  const counts = shares.map((share, level) =>
    Math.max(level === 0 ? 12 : 1, Math.round(total * share)),
  );
  counts.push(Math.max(1, total - counts.reduce((a, b) => a + b, 0)));
  let start = 1;
  return counts.map((count) => {
    const level = { start, count };
    start += count;
    return level;
  });
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

export async function generateCity(
  db: Database,
  size: CitySize = fullCity,
  log: (line: string) => void = () => {},
): Promise<GeneratedCity> {
  const steps: GeneratedCity['steps'] = [];
  const started = performance.now();
  const step = async (name: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    steps.push({ step: name, ms });
    log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms`);
  };

  const [platform] = await db
    .insert(platforms)
    .values({ slug: `bench-${Date.now().toString(36)}`, name: 'Bench city' })
    .returning();
  if (!platform) throw new Error('platform insert returned nothing');
  const pid = sql`${platform.id}::uuid`;

  // Folders, level by level (each level's paths come from its parents' by trigger).
  const levels = folderLevels(size.folders);
  await step(`folders (${levels.length} levels)`, async () => {
    for (const [depth, level] of levels.entries()) {
      const n = sql`n`;
      const parent = levels[depth - 1];
      const status =
        depth === 0
          ? sql`(case when n = ${lit(departments.length)} then 'draft' else 'published' end)::publication_status`
          : sql`(case when ${pick(n, 13, 100)} < 3 then 'draft' when ${pick(n, 13, 100)} < 5 then 'archived' else 'published' end)::publication_status`;
      const title =
        depth === 0
          ? sql`jsonb_build_object('en', (${text(departments)})[n], 'sv', (${text(departments)})[n])`
          : sql`jsonb_build_object('en', 'Folder ' || n, 'sv', 'Mapp ' || n)`;
      await db.execute(sql`${insertInto(folders, [
        folders.platformId,
        folders.parentId,
        folders.slug,
        folders.title,
        folders.status,
        folders.position,
        folders.publishedAt,
      ])}
        select ${pid}, ${parent ? sql`parent.id` : sql`null::uuid`}, 'f-' || n, ${title}, s.status, n,
          case when s.status <> 'draft' then now() - interval '400 days' end
        from (select n, ${status} as status from generate_series(${lit(level.start)}, ${lit(
          level.start + level.count - 1,
        )}) n) s
        ${
          parent
            ? sql`join ${folders} parent on parent.platform_id = ${pid}
                and parent.slug = 'f-' || (${lit(parent.start)} + ${pick(n, 11, parent.count)})`
            : sql``
        }`);
    }
  });
  const [internal] = await db
    .execute<{ id: string }>(
      sql`select ${folders.id} as id from ${folders} where ${folders.platformId} = ${pid} and ${folders.slug} = 'f-1'`,
    )
    .then(rowsOf<{ id: string }>);
  if (!internal) throw new Error('no internal folder');
  const internalId = sql`${internal.id}::uuid`;

  // Projects: most published, some draft or archived; most visible to everyone, some to
  // managers or groups (all but 1% of the "Internal" branch, where a resident outside its
  // groups sees almost nothing); some unlisted, some members-only.
  await step('projects', () => {
    const n = sql`s.n`;
    return db.execute(sql`${insertInto(projects, [
      projects.platformId,
      projects.folderId,
      projects.slug,
      projects.title,
      projects.description,
      projects.topics,
      projects.status,
      projects.publishedAt,
      projects.firstPublishedAt,
      projects.listed,
      projects.visibleTo,
      projects.membersOnly,
      projects.joinRequests,
      projects.createdAt,
      projects.updatedAt,
    ])}
      select ${pid}, f.id, 'p-' || s.n,
        jsonb_build_object('en', s.word || ' ' || s.n, 'sv', s.word || ' ' || s.n),
        jsonb_build_object('en', 'Residents of district ' || s.district || ' are invited to shape the '
          || lower(s.word) || '. ' || repeat('Tell us what you think about the plans, the timeline and the budget. ', 1 + ${pick(n, 29, 4)}::int)),
        array[lower(s.word)],
        s.status, case when s.status <> 'draft' then s.created + interval '1 day' end,
        case when s.status <> 'draft' or ${pick(n, 30, 100)} < 25 then s.created + interval '1 day' end,
        ${pick(n, 25, 100)} >= 7,
        (case when f.id = ${internalId} or f.path[1] = ${internalId}
          then (case when ${pick(n, 24, 100)} < 55 then 'managers' when ${pick(n, 24, 100)} < 99 then 'groups' else 'everyone' end)
          else (case when ${pick(n, 24, 100)} < 4 then 'managers' when ${pick(n, 24, 100)} < 12 then 'groups' else 'everyone' end)
        end)::project_visibility,
        s.members_only, s.members_only and ${pick(n, 27, 2)} = 0,
        s.created, s.created
      from (select n,
          (${text(titleWords)})[1 + ${pick(sql`n`, 28, titleWords.length)}] as word,
          1 + ${pick(sql`n`, 26, districtCount)} as district,
          (case when ${pick(sql`n`, 23, 100)} < 12 then 'draft' when ${pick(sql`n`, 23, 100)} < 20 then 'archived' else 'published' end)::publication_status as status,
          ${pick(sql`n`, 32, 100)} < 8 as members_only,
          now() - n * interval '70 minutes' - ${pick(sql`n`, 33, 3600)} * interval '1 second' as created,
          case when ${pick(sql`n`, 21, 100)} >= 5 then 1 + ${pick(sql`n`, 22, size.folders)} end as folder_n
        from generate_series(1, ${lit(size.projects)}) n) s
      left join ${folders} f on f.platform_id = ${pid} and f.slug = 'f-' || s.folder_n`);
  });

  // Residents: a few pending or blocked, some light accounts, some verified; the first 3,000
  // (the staff below) active.
  await step('users', () => {
    const n = sql`n`;
    return db.execute(sql`${insertInto(users, [
      users.platformId,
      users.email,
      users.name,
      users.status,
      users.kind,
      users.emailConfirmedAt,
      users.verifiedAt,
      users.verificationIdentityHash,
      users.createdAt,
      users.updatedAt,
    ])}
      select ${pid}, ${emailOf(n)}, 'Resident ' || n,
        (case when n <= 3000 then 'active' when ${pick(n, 34, 1000)} < 15 then 'pending'
          when ${pick(n, 34, 1000)} < 25 then 'blocked' else 'active' end)::user_status,
        (case when n > 3000 and ${pick(n, 35, 100)} < 12 then 'light' else 'full' end)::account_kind,
        case when ${pick(n, 36, 100)} < 90 then created end,
        case when ${pick(n, 37, 100)} < 20 then created + interval '1 day' end,
        case when ${pick(n, 37, 100)} < 20 then 'identity-' || n end,
        created, created
      from (select n, timestamptz '2021-01-01 00:00:00+00' + n * interval '23 minutes' as created
        from generate_series(1, ${lit(size.users)}) n) s`);
  });

  // Registration questions, and answers for most residents.
  const option = (key: string) => ({ key, title: { en: key } });
  const questions = await db
    .insert(registrationQuestions)
    .values(
      [
        {
          key: 'age_group',
          title: { en: 'Age group' },
          type: 'single' as const,
          options: ageGroups.map(option),
        },
        {
          key: 'district',
          title: { en: 'District' },
          type: 'single' as const,
          options: Array.from({ length: districtCount }, (_, i) => option(`d${i + 1}`)),
        },
        { key: 'birth_year', title: { en: 'Year of birth' }, type: 'number' as const },
        {
          key: 'interests',
          title: { en: 'Interests' },
          type: 'multiple' as const,
          options: interests.map(option),
        },
        { key: 'newsletter', title: { en: 'Newsletter' }, type: 'checkbox' as const },
        { key: 'occupation', title: { en: 'Occupation' }, type: 'text' as const },
      ].map((q, position) => ({ ...q, platformId: platform.id, position })),
    )
    .returning({ id: registrationQuestions.id, key: registrationQuestions.key });
  const questionId = (key: string) => sql`${questions.find((q) => q.key === key)!.id}::uuid`;
  const answers: { key: string; share: number; value: SQL }[] = [
    {
      key: 'age_group',
      share: 70,
      value: sql`to_jsonb((${text(ageGroups)})[1 + ${pick(sql`u.n`, 91, 5)}])`,
    },
    {
      key: 'district',
      share: 65,
      value: sql`to_jsonb('d' || (1 + ${pick(sql`u.n`, 92, districtCount)}))`,
    },
    { key: 'birth_year', share: 45, value: sql`to_jsonb(1930 + ${pick(sql`u.n`, 93, 80)})` },
    {
      key: 'interests',
      share: 35,
      value: sql`(select jsonb_agg(distinct (${text(interests)})[1 + ${pick(sql`u.n * 4 + k`, 94, interests.length)}])
        from generate_series(1, 1 + ${pick(sql`u.n`, 95, 3)}) k)`,
    },
    { key: 'newsletter', share: 50, value: sql`to_jsonb(${pick(sql`u.n`, 96, 2)} = 0)` },
    {
      key: 'occupation',
      share: 25,
      value: sql`to_jsonb((${text(occupations)})[1 + ${pick(sql`u.n`, 97, occupations.length)}])`,
    },
  ];
  await step('registration answers', async () => {
    for (const [i, answer] of answers.entries()) {
      await db.execute(sql`${insertInto(registrationAnswers, [
        registrationAnswers.platformId,
        registrationAnswers.userId,
        registrationAnswers.questionId,
        registrationAnswers.value,
      ])}
        select ${pid}, u.id, ${questionId(answer.key)}, ${answer.value}
        from (select ${users.id} as id, ${userOrdinal} as n from ${users} where ${users.platformId} = ${pid}) u
        where ${pick(sql`u.n`, 100 + i, 100)} < ${lit(answer.share)}`);
    }
  });

  // Groups: manual ones, and smart ones (the two built-in ones among them).
  await step('groups', async () => {
    await db.execute(sql`${insertInto(userGroups, [userGroups.platformId, userGroups.name, userGroups.kind])}
      select ${pid}, 'Group ' || n, 'manual' from generate_series(1, ${lit(size.manualGroups)}) n`);
    const smart = Array.from({ length: Math.max(0, size.smartGroups - 2) }, (_, i) => ({
      platformId: platform.id,
      name: `Smart ${i + 1}`,
      kind: 'smart' as const,
      rules: SmartGroupRules.parse(smartRules(i)),
    }));
    await db.insert(userGroups).values([...builtInGroupRows(platform.id), ...smart]);
  });

  // Memberships: about half the residents in no group, the others in 1–5; a few big groups and
  // many small ones (group k's size falls as 1/√k).
  await step('group memberships', () =>
    db.execute(sql`${insertInto(groupMemberships, [
      groupMemberships.platformId,
      groupMemberships.groupId,
      groupMemberships.groupKind,
      groupMemberships.userId,
    ])}
      select ${pid}, g.id, 'manual', u.id
      from (select ${users.id} as id, ${userOrdinal} as n from ${users} where ${users.platformId} = ${pid}) u
      cross join generate_series(1, 5) slot
      join (select ${userGroups.id} as id, substr(${userGroups.name}, 7)::int as n from ${userGroups}
        where ${userGroups.platformId} = ${pid} and ${userGroups.kind} = 'manual') g
        on g.n = 1 + floor(${lit(size.manualGroups)} * power(${frac(sql`u.n * 8 + slot`, 42)}, 2))::int
      where slot <= (case when ${pick(sql`u.n`, 41, 100)} < 55 then 0 when ${pick(sql`u.n`, 41, 100)} < 80 then 1
        when ${pick(sql`u.n`, 41, 100)} < 92 then 2 when ${pick(sql`u.n`, 41, 100)} < 97 then 3 else 5 end)
      on conflict do nothing`),
  );

  // Roles: a few admins (residents 1–5), folder managers (6–405, some on two folders), project
  // managers, moderators and reviewers (406–2,005).
  const staffCount = Math.min(2_000, Math.floor(size.users / 2));
  const folderManagerUsers = Math.max(1, Math.floor(staffCount / 5));
  const folderAssignments = Math.round(size.folders * 0.3);
  const projectAssignments = Math.round(size.projects * 0.15);
  await step('role assignments', async () => {
    const byOrdinal = (n: SQL) =>
      sql`join ${users} u on u.platform_id = ${pid} and u.email = ${emailOf(n)}`;
    await db.execute(sql`${insertInto(roleAssignments, [
      roleAssignments.platformId,
      roleAssignments.userId,
      roleAssignments.role,
      roleAssignments.scopeType,
    ])}
      select ${pid}, u.id, 'admin', 'platform' from generate_series(1, 5) n ${byOrdinal(sql`n`)}`);
    await db.execute(sql`${insertInto(roleAssignments, [
      roleAssignments.platformId,
      roleAssignments.userId,
      roleAssignments.role,
      roleAssignments.scopeType,
      roleAssignments.folderId,
    ])}
      select ${pid}, u.id, 'folder_manager', 'folder', f.id
      from generate_series(1, ${lit(folderAssignments)}) i
      ${byOrdinal(sql`6 + ${pick(sql`i`, 51, folderManagerUsers)}`)}
      join ${folders} f on f.platform_id = ${pid} and f.slug = 'f-' || (1 + ${pick(sql`i`, 52, size.folders)})
      on conflict do nothing`);
    const projectRoles: Role[] = [
      ...Array<Role>(6).fill('project_manager'),
      'project_moderator',
      'project_moderator',
      'project_reviewer',
      'project_reviewer',
    ];
    await db.execute(sql`${insertInto(roleAssignments, [
      roleAssignments.platformId,
      roleAssignments.userId,
      roleAssignments.role,
      roleAssignments.scopeType,
      roleAssignments.projectId,
    ])}
      select ${pid}, u.id, ((${text(projectRoles)})[1 + ${pick(sql`i`, 55, projectRoles.length)}])::role, 'project', p.id
      from generate_series(1, ${lit(projectAssignments)}) i
      ${byOrdinal(sql`${lit(6 + folderManagerUsers)} + ${pick(sql`i`, 53, staffCount - folderManagerUsers)}`)}
      join ${projects} p on p.platform_id = ${pid} and p.slug = 'p-' || (1 + ${pick(sql`i`, 54, size.projects)})
      on conflict do nothing`);
  });

  // Who sees the "selected groups" projects: 1–3 groups each, mostly manual (the big ones more
  // often), some smart.
  const smartNamed = Math.max(1, size.smartGroups - 2);
  await step('project visibility groups', () =>
    db.execute(sql`${insertInto(projectVisibilityGroups, [
      projectVisibilityGroups.platformId,
      projectVisibilityGroups.projectId,
      projectVisibilityGroups.groupId,
    ])}
      select ${pid}, p.id, g.id
      from (select ${projects.id} as id, substr(${projects.slug}, 3)::bigint as n from ${projects}
        where ${projects.platformId} = ${pid} and ${projects.visibleTo} = 'groups') p
      cross join generate_series(1, 3) slot
      join ${userGroups} g on g.platform_id = ${pid} and g.name = (case when ${pick(sql`p.n * 4 + slot`, 62, 10)} < 8
        then 'Group ' || (1 + floor(${lit(size.manualGroups)} * power(${frac(sql`p.n * 4 + slot`, 63)}, 1.5))::int)
        else 'Smart ' || (1 + ${pick(sql`p.n * 4 + slot`, 64, smartNamed)}) end)
      where slot <= 1 + ${pick(sql`p.n`, 61, 3)}
      on conflict do nothing`),
  );

  // Members of the members-only projects: 5–40 each.
  await step('project members', () =>
    db.execute(sql`${insertInto(projectMembers, [
      projectMembers.platformId,
      projectMembers.projectId,
      projectMembers.userId,
      projectMembers.source,
    ])}
      select ${pid}, p.id, u.id, 'added'
      from (select ${projects.id} as id, substr(${projects.slug}, 3)::bigint as n from ${projects}
        where ${projects.platformId} = ${pid} and ${projects.membersOnly}) p
      cross join generate_series(1, 40) slot
      ${sql`join ${users} u on u.platform_id = ${pid} and u.email = ${emailOf(sql`1 + ${pick(sql`p.n * 64 + slot`, 72, size.users)}`)}`}
      where slot <= 5 + ${pick(sql`p.n`, 71, 36)}
      on conflict do nothing`),
  );

  // Phases: 1–4 per project, 45 days apart from a week after its creation; recent projects have
  // one running now, old ones are over. Every method, votes with their settings.
  await step('phases', () =>
    db.execute(sql`${insertInto(phases, [
      phases.platformId,
      phases.projectId,
      phases.title,
      phases.method,
      phases.startAt,
      phases.endAt,
      phases.votingMethod,
      phases.votingMaxChoices,
      phases.votingBudget,
    ])}
      select ${pid}, p.id, jsonb_build_object('en', 'Phase ' || slot), m.method::phase_method,
        p.created_at + interval '7 days' + (slot - 1) * interval '45 days',
        case when m.method = 'information' and slot = p.phase_count then null
          else p.created_at + interval '47 days' + (slot - 1) * interval '45 days' end,
        v.voting::voting_method,
        case when v.voting = 'multiple' then 3 end,
        case when v.voting = 'budget' then 1000000 end
      from (select ${projects.id} as id, ${projects.createdAt} as created_at, substr(${projects.slug}, 3)::bigint as n,
          1 + ${pick(sql`substr(${projects.slug}, 3)::bigint`, 81, 4)} as phase_count
        from ${projects} where ${projects.platformId} = ${pid}) p
      cross join generate_series(1, 4) slot
      cross join lateral (select (${text(phaseMethodList)})[1 + ${pick(sql`p.n * 8 + slot`, 82, phaseMethodList.length)}] as method) m
      cross join lateral (select case when m.method = 'voting'
        then (array['single', 'multiple', 'budget'])[1 + ${pick(sql`p.n * 8 + slot`, 83, 3)}] end as voting) v
      where slot <= p.phase_count`),
  );

  // Plans depend on statistics; PGlite has no autovacuum to gather them.
  await step('analyze', () => db.execute(sql`analyze`));

  const rows: Record<string, number> = {};
  const counted: [string, PgTable][] = [
    ['folders', folders],
    ['projects', projects],
    ['users', users],
    ['user_groups', userGroups],
    ['group_memberships', groupMemberships],
    ['registration_answers', registrationAnswers],
    ['role_assignments', roleAssignments],
    ['project_visibility_groups', projectVisibilityGroups],
    ['project_members', projectMembers],
    ['phases', phases],
  ];
  for (const [name, table] of counted) {
    const [row] = rowsOf<{ count: number }>(
      await db.execute(sql`select count(*)::int as count from ${table} where platform_id = ${pid}`),
    );
    rows[name] = row?.count ?? 0;
  }
  return {
    platform,
    size,
    rows,
    steps,
    totalMs: performance.now() - started,
    internalFolderId: internal.id,
  };
}

// ---------------------------------------------------------------------------------------------
// The subjects the bench lists projects for
// ---------------------------------------------------------------------------------------------

export interface BenchUser {
  id: string;
  email: string;
  name: string;
  /** What makes them the kind of subject they are, for the report. */
  note: string;
}

export interface BenchSubjects {
  /** In several groups, some of which projects are visible to; no role. */
  groupMember: BenchUser;
  /** Manages one folder, the branch nearest 300 projects. */
  folderManager: BenchUser & { folderId: string };
  /** Signed in, active, in no manual group, no role, no answers, not verified. */
  nobody: BenchUser;
  admin: BenchUser;
  /** Manages projects and holds no other role; their projects have the most members. */
  projectManager: BenchUser;
}

export async function pickBenchSubjects(db: Database, platformId: string): Promise<BenchSubjects> {
  const pid = sql`${platformId}::uuid`;
  const [member] = rowsOf<BenchUser & { groups: number; visible: number }>(
    await db.execute(sql`select u.id, u.email, u.name, count(*)::int as groups,
        (count(*) filter (where exists (select 1 from ${projectVisibilityGroups} v where v.group_id = m.group_id)))::int as visible
      from ${groupMemberships} m join ${users} u on u.id = m.user_id
      where m.platform_id = ${pid} and u.status = 'active'
        and not exists (select 1 from ${roleAssignments} r where r.user_id = u.id)
      group by u.id, u.email, u.name having count(*) >= 3
      order by visible desc, groups desc, u.email limit 1`),
  );
  const [manager] = rowsOf<BenchUser & { folderId: string; projects: number; roles: number }>(
    await db.execute(sql`select u.id, u.email, u.name, r.folder_id as "folderId",
        (select count(*) from ${projects} p where p.folder_path @> array[r.folder_id])::int as projects,
        (select count(*) from ${roleAssignments} r2 where r2.user_id = r.user_id)::int as roles
      from ${roleAssignments} r join ${users} u on u.id = r.user_id
      where r.platform_id = ${pid} and r.role = 'folder_manager'
      order by (select count(*) from ${roleAssignments} r2 where r2.user_id = r.user_id) = 1 desc,
        abs((select count(*) from ${projects} p where p.folder_path @> array[r.folder_id]) - 300), u.email
      limit 1`),
  );
  const [nobody] = rowsOf<BenchUser>(
    await db.execute(sql`select u.id, u.email, u.name from ${users} u
      where u.platform_id = ${pid} and u.status = 'active' and u.kind = 'full' and u.verified_at is null
        and not exists (select 1 from ${groupMemberships} m where m.user_id = u.id)
        and not exists (select 1 from ${roleAssignments} r where r.user_id = u.id)
        and not exists (select 1 from ${registrationAnswers} a where a.user_id = u.id)
        and u.email like '%@mail.test'
      order by u.created_at desc limit 1`),
  );
  const [admin] = rowsOf<BenchUser>(
    await db.execute(sql`select u.id, u.email, u.name from ${roleAssignments} r join ${users} u on u.id = r.user_id
      where r.platform_id = ${pid} and r.role = 'admin' order by u.email limit 1`),
  );
  const [projectManager] = rowsOf<BenchUser & { projects: number; members: number }>(
    await db.execute(sql`select u.id, u.email, u.name, count(*)::int as projects,
        (select count(*) from ${projectMembers} m where m.project_id in (select r2.project_id
          from ${roleAssignments} r2 where r2.user_id = u.id))::int as members
      from ${roleAssignments} r join ${users} u on u.id = r.user_id
      where r.platform_id = ${pid} and r.role = 'project_manager' and u.status = 'active'
        and not exists (select 1 from ${roleAssignments} r3 where r3.user_id = u.id and r3.role <> 'project_manager')
      group by u.id, u.email, u.name
      order by members desc, projects desc, u.email limit 1`),
  );
  if (!member || !manager || !nobody || !admin || !projectManager) {
    throw new Error('the city lacks a bench subject');
  }
  return {
    groupMember: {
      ...member,
      note: `in ${member.groups} manual groups, ${member.visible} of them used by projects`,
    },
    folderManager: { ...manager, note: `manages a branch of ${manager.projects} projects` },
    nobody: { ...nobody, note: 'no group, role, answer or verification' },
    admin: { ...admin, note: 'platform admin' },
    projectManager: {
      ...projectManager,
      note: `manages ${projectManager.projects} projects with ${projectManager.members} members`,
    },
  };
}

/** postgres-js returns the rows, PGlite an object holding them. */
export function rowsOf<Row>(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
}
