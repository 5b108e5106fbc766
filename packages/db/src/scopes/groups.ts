import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  SmartGroupRules,
  caseFoldFrom,
  caseFoldTo,
  isoDayPattern,
  planSmartGroupRules,
  type GroupKind,
  type SmartGroupAnswerTest,
  type SmartGroupPlan,
  type SmartGroupTest,
} from '@samrad/core';
import type { Database } from '../connect.js';
import { participationSources } from './participation.js';
import { compositeGroupMembers, groupMemberships, userGroups } from '../schema/groups.js';
import { registrationAnswers, registrationQuestions } from '../schema/registration.js';
import { roleAssignments } from '../schema/roles.js';
import { users } from '../schema/users.js';

/*
 * SQL twins of core's groups/rules.ts (SPEC 5). Both evaluate core's `planSmartGroupRules` test
 * by test, so "who is in this group" (groupMembersWhere) and "which groups is this user in"
 * (groupIdsOfUser) cannot drift from `matchesSmartGroup`; the tests check all three agree.
 *
 * Conditions refer to the `users` table by its name (`"users"."id"`): use them in a query whose
 * FROM has `users` unaliased. Every value of a rule is bound as a parameter, never spliced into
 * the SQL text. Each test is two-valued (never NULL), so `not (…)` is its exact complement, as
 * in memory: a missing answer fails the positive test, and `notEquals` holds.
 *
 * A test reads what it needs about the user from a `UserFactsSql`. For a set of users
 * (groupMembersWhere) these are correlated `exists` subqueries on the user's rows; for one user
 * and many groups (groupIdsOfUser) the facts are gathered once per statement into arrays, and
 * each group's test is a plain expression on them: 100 smart groups cost one look-up of each
 * fact, not 100.
 */

const never = sql`false`;
const always = sql`true`;

/** How a test asks about the user's roles, participation and answers. */
interface UserFactsSql {
  /** Holds one of `roles` (text values), or any role when null. */
  hasRole(roles: readonly string[] | null): SQL;
  /** Took part in one of the projects, or in any when null. */
  participated(projectIds: readonly string[] | null): SQL;
  /** The user's answer to the question `key` passes `test` (false when there is none). */
  answer(key: string, test: (value: SQL, questionType: SQL) => SQL): SQL;
}

const list = (values: readonly string[], type: SQL) =>
  sql.join(
    values.map((value) => sql`${value}::${type}`),
    sql`, `,
  );

const answersOfUser = sql`${registrationAnswers} inner join ${registrationQuestions} on ${registrationQuestions.id} = ${registrationAnswers.questionId} where ${registrationAnswers.userId} = ${users.id} and ${registrationQuestions.platformId} = ${users.platformId}`;

/** Facts as correlated subqueries on the current `users` row: for sets of users. */
const rowFacts: UserFactsSql = {
  hasRole: (roles) =>
    sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}${
      roles === null
        ? sql``
        : sql` and ${roleAssignments.role}::text in (${list(roles, sql`text`)})`
    })`,
  participated: (projectIds) =>
    sql`(${sql.join(
      participationSources.map(
        (source) =>
          sql`exists (select 1 from ${source.from} where ${source.who} = ${users.id}${
            source.also ? sql` and ${source.also}` : sql``
          }${
            projectIds === null
              ? sql``
              : sql` and ${source.project} in (${list(projectIds, sql`uuid`)})`
          })`,
      ),
      sql` or `,
    )})`,
  answer: (key, test) =>
    sql`exists (select 1 from ${answersOfUser} and ${registrationQuestions.key} = ${key}::text and ${test(
      sql`${registrationAnswers.value}`,
      sql`${registrationQuestions.type}`,
    )})`,
};

/**
 * Facts gathered once into the columns of `facts` (see `gatherFacts`): the user's roles (text[]),
 * projects taken part in (uuid[]) and answers (jsonb: key → { type, value }).
 */
const gatheredFacts: UserFactsSql = {
  hasRole: (roles) =>
    roles === null
      ? sql`(cardinality(facts.roles) > 0)`
      : sql`(facts.roles && array[${list(roles, sql`text`)}])`,
  participated: (projectIds) =>
    projectIds === null
      ? sql`(cardinality(facts.projects) > 0)`
      : sql`(facts.projects && array[${list(projectIds, sql`uuid`)}])`,
  // A missing key yields SQL NULL, which every test turns into NULL or false: coalesce to false.
  answer: (key, test) =>
    sql`coalesce(${test(
      sql`(facts.answers -> ${key}::text -> 'value')`,
      sql`(facts.answers -> ${key}::text ->> 'type')`,
    )}, false)`,
};

function gatherFacts(plans: readonly SmartGroupPlan[]): SQL {
  const tests = plans.flatMap((plan) => plan.steps.map((step) => step.test));
  const uses = (kind: SmartGroupTest['kind']) => tests.some((test) => test.kind === kind);
  // Only what some group asks about is looked up.
  const roles = uses('hasRole')
    ? sql`array(select ${roleAssignments.role}::text from ${roleAssignments} where ${roleAssignments.userId} = ${users.id})`
    : sql`'{}'::text[]`;
  const projects = uses('participated')
    ? sql`array(${sql.join(
        participationSources.map(
          (source) =>
            sql`select ${source.project} from ${source.from} where ${source.who} = ${users.id}${
              source.also ? sql` and ${source.also}` : sql``
            }`,
        ),
        sql` union `,
      )})`
    : sql`'{}'::uuid[]`;
  const answers = uses('answer')
    ? sql`coalesce((select jsonb_object_agg(${registrationQuestions.key}, jsonb_build_object('type', ${registrationQuestions.type}, 'value', ${registrationAnswers.value})) from ${answersOfUser}), '{}'::jsonb)`
    : sql`'{}'::jsonb`;
  // `offset 0` keeps the planner from inlining these subqueries into every test that reads them.
  return sql`select ${roles} as roles, ${projects} as projects, ${answers} as answers offset 0`;
}

/** A boolean SQL expression: the `users` row matches the smart group's rules. */
export function smartGroupCondition(rules: SmartGroupRules): SQL {
  return planCondition(planSmartGroupRules(rules), rowFacts);
}

function planCondition(plan: SmartGroupPlan, facts: UserFactsSql): SQL {
  const steps = plan.steps.map((step) => {
    const test = testCondition(step.test, facts);
    return step.negated ? sql`(not ${test})` : test;
  });
  // Empty `all` matches everyone, empty `any` nobody (as `every` and `some` of nothing).
  if (steps.length === 0) return plan.match === 'all' ? always : never;
  return sql`(${sql.join(steps, plan.match === 'all' ? sql` and ` : sql` or `)})`;
}

/** Stored rules failing core's schema match nobody: failing closed, as the policy does. */
function planStoredRules(rules: unknown): SmartGroupPlan {
  const parsed = SmartGroupRules.safeParse(rules);
  return parsed.success ? planSmartGroupRules(parsed.data) : { match: 'any', steps: [] };
}

function testCondition(test: SmartGroupTest, facts: UserFactsSql): SQL {
  switch (test.kind) {
    case 'never':
      return never;
    // users.email is stored lower-case (check users_email_lower); core lower-cased the values.
    case 'emailIn':
      return sql`(${users.email} in (${list(test.values, sql`text`)}))`;
    case 'emailContains':
      return sql`(strpos(${users.email}, ${test.value}::text) > 0)`;
    case 'emailStartsWith':
      return sql`starts_with(${users.email}, ${test.value}::text)`;
    case 'emailEndsWith':
      return sql`(right(${users.email}, char_length(${test.value}::text)) = ${test.value}::text)`;
    case 'verified':
      return sql`(${users.verifiedAt} is not null)`;
    case 'hasRole':
      return facts.hasRole(test.roles);
    case 'registeredBefore':
      return sql`(${users.createdAt} < ${test.instant.toISOString()}::timestamptz)`;
    case 'registeredFrom':
      return sql`(${users.createdAt} >= ${test.instant.toISOString()}::timestamptz)`;
    case 'participated':
      return facts.participated(test.projectIds);
    case 'answer':
      return facts.answer(test.key, (value, type) => answerCondition(test.test, value, type));
  }
}

/**
 * One stored answer (jsonb `value`, its question's `type`) passes the test; the twin of core's
 * `evaluateAnswerTest`. Type guards come first so no cast can fail: the number cast sits in a
 * CASE, the only evaluation order PostgreSQL promises.
 */
function answerCondition(test: SmartGroupAnswerTest, value: SQL, type: SQL): SQL {
  const isText = sql`${type} = 'text'`;
  const isString = sql`jsonb_typeof(${value}) = 'string'`;
  const isArray = sql`jsonb_typeof(${value}) = 'array'`;
  const raw = sql`(${value} #>> '{}')`;
  const folded = sql`translate(${raw}, ${caseFoldFrom}::text, ${caseFoldTo}::text)`;
  /** String answers: folded against folded values for text questions, exact otherwise. */
  const onString = (compare: (subject: SQL, values: 'raw' | 'folded') => SQL) =>
    sql`(${isString} and case when ${isText} then ${compare(folded, 'folded')} else ${compare(raw, 'raw')} end)`;
  const holds = (key: string) => sql`${value} @> jsonb_build_array(${key}::text)`;
  switch (test.kind) {
    case 'present':
      return sql`(${value} not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`;
    case 'in':
      return sql`(${onString((subject, which) => sql`${subject} in (${list(test[which], sql`text`)})`)} or (${isArray} and (${sql.join(
        test.raw.map(holds),
        sql` or `,
      )})))`;
    case 'contains':
      return sql`(${onString((subject, which) => sql`strpos(${subject}, ${test[which]}::text) > 0`)} or (${isArray} and ${holds(test.raw)}))`;
    case 'startsWith':
      return onString((subject, which) => sql`starts_with(${subject}, ${test[which]}::text)`);
    case 'endsWith':
      return onString(
        (subject, which) =>
          sql`right(${subject}, char_length(${test[which]}::text)) = ${test[which]}::text`,
      );
    case 'numberEquals':
    case 'numberAbove':
    case 'numberBelow': {
      const op = { numberEquals: sql`=`, numberAbove: sql`>`, numberBelow: sql`<` }[test.kind];
      // String(n) is the shortest text that reads back as n, so numeric comparison agrees with JS.
      return sql`(case when jsonb_typeof(${value}) = 'number' then (${value})::numeric ${op} ${String(test.value)}::numeric else false end)`;
    }
    case 'dateBefore':
    case 'dateAfter': {
      const op = test.kind === 'dateBefore' ? sql`<` : sql`>`;
      // Byte order ("C"), as JavaScript compares these ASCII strings; not the locale's order.
      return sql`(${isString} and ${raw} ~ ${isoDayPattern.source}::text and ${raw} collate "C" ${op} ${test.day}::text)`;
    }
    case 'isTrue':
      return sql`(${value} = 'true'::jsonb)`;
  }
}

/** A group as stored (schema/groups.ts); `rules` only for smart groups. */
export interface GroupForMembersWhere {
  id: string;
  platformId: string;
  kind: GroupKind;
  rules?: unknown;
}

/**
 * A `where` for `users` selecting exactly the members of the group, whatever its kind.
 * Only active users of the group's platform are members: pending and blocked users are
 * visitors everywhere (SPEC 2.4), so they belong to no group — built-in ones included — even
 * when listed by hand. Core's `isMemberOf` is its twin.
 */
export function groupMembersWhere(group: GroupForMembersWhere): SQL {
  return and(
    eq(users.platformId, group.platformId),
    eq(users.status, 'active'),
    membershipCondition(group),
  )!;
}

function membershipCondition(group: GroupForMembersWhere): SQL {
  const listed = sql`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${group.id} and ${groupMemberships.userId} = ${users.id})`;
  switch (group.kind) {
    case 'manual':
      return listed;
    case 'composite':
      return sql`(${listed} or exists (select 1 from ${compositeGroupMembers} inner join ${groupMemberships} on ${groupMemberships.groupId} = ${compositeGroupMembers.memberGroupId} where ${compositeGroupMembers.compositeGroupId} = ${group.id} and ${groupMemberships.userId} = ${users.id}))`;
    case 'smart':
      return planCondition(planStoredRules(group.rules), rowFacts);
  }
}

export interface SmartGroupToEvaluate {
  id: string;
  rules: unknown;
}

/** The platform's smart groups (built-in ones included), for `groupIdsOfUser`. */
export async function loadSmartGroups(
  db: Database,
  platformId: string,
): Promise<SmartGroupToEvaluate[]> {
  return db
    .select({ id: userGroups.id, rules: userGroups.rules })
    .from(userGroups)
    .where(and(eq(userGroups.platformId, platformId), eq(userGroups.kind, 'smart')));
}

/**
 * Every group (of any kind) the user is in, in one statement whatever the number of groups:
 * the user's row is found by its primary key, their manual and composite memberships by index,
 * their roles, participation and answers are gathered once, and each smart group's rules are an
 * expression on those. An inactive user, or one of another platform, is in no group (SPEC 2.4).
 *
 * The access model calls this on every request. Pass `smartGroups` (from `loadSmartGroups`) and
 * keep passing the same array while the groups do not change: the statement is then compiled
 * once and sent as a prepared statement, so PostgreSQL plans it once per connection too.
 * Without `smartGroups` they are loaded first (one more query) and compiled afresh.
 */
export async function groupIdsOfUser(
  db: Database,
  platformId: string,
  userId: string,
  smartGroups?: readonly SmartGroupToEvaluate[],
): Promise<string[]> {
  const groups = smartGroups ?? (await loadSmartGroups(db, platformId));
  let byGroups = preparedStatements.get(db);
  if (!byGroups) preparedStatements.set(db, (byGroups = new WeakMap()));
  let statement = byGroups.get(groups);
  if (!statement) byGroups.set(groups, (statement = prepareGroupIdsOfUser(db, groups)));
  const rows = await statement.execute({ userId, platformId });
  return rows.map((row) => row.id);
}

type GroupIdsStatement = ReturnType<typeof prepareGroupIdsOfUser>;
const preparedStatements = new WeakMap<
  Database,
  WeakMap<readonly SmartGroupToEvaluate[], GroupIdsStatement>
>();

function prepareGroupIdsOfUser(db: Database, groups: readonly SmartGroupToEvaluate[]) {
  const smart = groups.map((group) => ({ id: group.id, plan: planStoredRules(group.rules) }));
  const smartArm =
    smart.length === 0
      ? sql``
      : sql` union all select candidate.id from (values ${sql.join(
          smart.map(({ id, plan }) => sql`(${id}::uuid, ${planCondition(plan, gatheredFacts)})`),
          sql`, `,
        )}) as candidate (id, member) where candidate.member`;
  return db
    .selectDistinct({ id: sql<string>`membership.id` })
    .from(
      sql`${users}
      cross join lateral (${gatherFacts(smart.map((group) => group.plan))}) as facts
      cross join lateral (
        select ${groupMemberships.groupId} from ${groupMemberships} where ${groupMemberships.userId} = ${users.id}
        union all
        select ${compositeGroupMembers.compositeGroupId} from ${compositeGroupMembers} inner join ${groupMemberships} on ${groupMemberships.groupId} = ${compositeGroupMembers.memberGroupId} where ${groupMemberships.userId} = ${users.id}${smartArm}
      ) as membership (id)`,
    )
    .where(
      sql`${users.id} = ${sql.placeholder('userId')} and ${users.platformId} = ${sql.placeholder('platformId')} and ${users.status} = 'active'`,
    )
    .prepare('group_ids_of_user');
}
