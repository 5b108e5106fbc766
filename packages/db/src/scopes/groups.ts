import { and, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import {
  SmartGroupRules,
  caseFoldFrom,
  caseFoldTo,
  isoDayPattern,
  planSmartGroupRules,
  type GroupKind,
  type SmartGroupAnswerTest,
  type SmartGroupTest,
} from '@samrad/core';
import type { Database } from '../connect.js';
import {
  eventRegistrations,
  events,
  volunteeringCauses,
  volunteers,
} from '../schema/activities.js';
import { compositeGroupMembers, groupMemberships, userGroups } from '../schema/groups.js';
import { comments, inputs, reactions, votes } from '../schema/inputs.js';
import { phases } from '../schema/phases.js';
import { registrationAnswers, registrationQuestions } from '../schema/registration.js';
import { roleAssignments } from '../schema/roles.js';
import { surveyResponses } from '../schema/surveys.js';
import { users } from '../schema/users.js';

/*
 * SQL twins of core's groups/rules.ts (SPEC 5). Every condition here is a boolean expression over
 * the row of the `users` table, referred to by its name (`"users"."id"`): use it in a query whose
 * FROM has `users` unaliased. Both engines evaluate core's `planSmartGroupRules`, test by test, so
 * "who is in this group" (groupMembersWhere) and "which groups is this user in" (groupIdsOfUser)
 * cannot drift from `matchesSmartGroup`. Every value of a rule is bound as a parameter.
 *
 * Each test is two-valued (never NULL), so `not (…)` is its exact complement, as in memory.
 */

const never = sql`false`;
const always = sql`true`;

/** A boolean SQL expression: the `users` row matches the smart group's rules. */
export function smartGroupCondition(rules: SmartGroupRules): SQL {
  const plan = planSmartGroupRules(rules);
  const steps = plan.steps.map((step) => {
    const test = testCondition(step.test);
    return step.negated ? sql`(not ${test})` : test;
  });
  // Empty `all` matches everyone, empty `any` nobody (as `every` and `some` of nothing).
  if (steps.length === 0) return plan.match === 'all' ? always : never;
  return sql`(${sql.join(steps, plan.match === 'all' ? sql` and ` : sql` or `)})`;
}

/** Stored rules failing core's schema match nobody: failing closed, as the policy does. */
function storedRulesCondition(rules: unknown): SQL {
  const parsed = SmartGroupRules.safeParse(rules);
  return parsed.success ? smartGroupCondition(parsed.data) : never;
}

const params = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}::text`),
    sql`, `,
  );

function testCondition(test: SmartGroupTest): SQL {
  switch (test.kind) {
    case 'never':
      return never;
    // users.email is stored lower-case (check users_email_lower); core lower-cased the values.
    case 'emailIn':
      return sql`(${inArray(users.email, test.values)})`;
    case 'emailContains':
      return sql`(strpos(${users.email}, ${test.value}::text) > 0)`;
    case 'emailStartsWith':
      return sql`starts_with(${users.email}, ${test.value}::text)`;
    case 'emailEndsWith':
      return sql`(right(${users.email}, char_length(${test.value}::text)) = ${test.value}::text)`;
    case 'verified':
      return sql`(${users.verifiedAt} is not null)`;
    case 'hasRole':
      return sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}${
        test.roles === null ? sql`` : sql` and ${inArray(roleAssignments.role, test.roles)}`
      })`;
    case 'registeredBefore':
      return sql`(${users.createdAt} < ${test.instant.toISOString()}::timestamptz)`;
    case 'registeredFrom':
      return sql`(${users.createdAt} >= ${test.instant.toISOString()}::timestamptz)`;
    case 'participated':
      return participatedCondition(test.projectIds);
    case 'answer':
      return sql`exists (select 1 from ${registrationAnswers} inner join ${registrationQuestions} on ${registrationQuestions.id} = ${registrationAnswers.questionId} where ${registrationAnswers.userId} = ${users.id} and ${registrationQuestions.platformId} = ${users.platformId} and ${registrationQuestions.key} = ${test.key} and ${answerCondition(test.test)})`;
  }
}

/**
 * Took part in one of the projects (any project when null). Only rows that carry the person
 * count: contributions collected with `all` (under `demographics` and `anonymous` there is no
 * author, by design, SPEC 4.4), reactions, volunteering and event registrations. Managers' test
 * survey responses are not participation.
 */
function participatedCondition(projectIds: string[] | null): SQL {
  const inProjects = (column: Column) =>
    projectIds === null ? sql`` : sql` and ${inArray(column, projectIds)}`;
  const anyProject = projectIds === null;
  const arms = [
    sql`exists (select 1 from ${inputs} where ${inputs.authorId} = ${users.id}${inProjects(inputs.projectId)})`,
    anyProject
      ? sql`exists (select 1 from ${comments} where ${comments.authorId} = ${users.id})`
      : sql`exists (select 1 from ${comments} inner join ${inputs} on ${inputs.id} = ${comments.inputId} where ${comments.authorId} = ${users.id}${inProjects(inputs.projectId)})`,
    anyProject
      ? sql`exists (select 1 from ${votes} where ${votes.authorId} = ${users.id})`
      : sql`exists (select 1 from ${votes} inner join ${phases} on ${phases.id} = ${votes.phaseId} where ${votes.authorId} = ${users.id}${inProjects(phases.projectId)})`,
    anyProject
      ? sql`exists (select 1 from ${surveyResponses} where ${surveyResponses.authorId} = ${users.id} and not ${surveyResponses.isTest})`
      : sql`exists (select 1 from ${surveyResponses} inner join ${phases} on ${phases.id} = ${surveyResponses.phaseId} where ${surveyResponses.authorId} = ${users.id} and not ${surveyResponses.isTest}${inProjects(phases.projectId)})`,
    anyProject
      ? sql`exists (select 1 from ${reactions} where ${reactions.userId} = ${users.id})`
      : sql`exists (select 1 from ${reactions} inner join ${inputs} on ${inputs.id} = ${reactions.inputId} where ${reactions.userId} = ${users.id}${inProjects(inputs.projectId)})`,
    anyProject
      ? sql`exists (select 1 from ${volunteers} where ${volunteers.userId} = ${users.id})`
      : sql`exists (select 1 from ${volunteers} inner join ${volunteeringCauses} on ${volunteeringCauses.id} = ${volunteers.causeId} inner join ${phases} on ${phases.id} = ${volunteeringCauses.phaseId} where ${volunteers.userId} = ${users.id}${inProjects(phases.projectId)})`,
    anyProject
      ? sql`exists (select 1 from ${eventRegistrations} where ${eventRegistrations.userId} = ${users.id})`
      : sql`exists (select 1 from ${eventRegistrations} inner join ${events} on ${events.id} = ${eventRegistrations.eventId} where ${eventRegistrations.userId} = ${users.id}${inProjects(events.projectId)})`,
  ];
  return sql`(${sql.join(arms, sql` or `)})`;
}

/**
 * One stored answer (`registration_answers.value`, with its question's type) passes the test;
 * core's `evaluateAnswerTest` twin. Type guards come first so no cast can fail: a number cast
 * sits in a CASE, the only order PostgreSQL promises to respect.
 */
function answerCondition(test: SmartGroupAnswerTest): SQL {
  const value = registrationAnswers.value;
  const isText = sql`${registrationQuestions.type} = 'text'`;
  const isString = sql`jsonb_typeof(${value}) = 'string'`;
  const isArray = sql`jsonb_typeof(${value}) = 'array'`;
  const raw = sql`(${value} #>> '{}')`;
  const folded = sql`translate(${raw}, ${caseFoldFrom}::text, ${caseFoldTo}::text)`;
  /** String answers: folded against folded values for text questions, else exact. */
  const onString = (compare: (subject: SQL, values: 'raw' | 'folded') => SQL) =>
    sql`(${isString} and case when ${isText} then ${compare(folded, 'folded')} else ${compare(raw, 'raw')} end)`;
  const holds = (key: string) => sql`${value} @> jsonb_build_array(${key}::text)`;
  switch (test.kind) {
    case 'present':
      return sql`(${value} not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`;
    case 'in':
      return sql`(${onString((subject, which) => sql`${subject} in (${params(test[which])})`)} or (${isArray} and (${sql.join(
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
      return storedRulesCondition(group.rules);
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
 * the user's row is found once by its primary key, and manual and composite memberships and one
 * test per smart group are evaluated against it. Pass `smartGroups` (from `loadSmartGroups`,
 * possibly cached) to save a query; without them they are loaded first. An inactive user, or a
 * user of another platform, is in no group.
 */
export async function groupIdsOfUser(
  db: Database,
  platformId: string,
  userId: string,
  smartGroups?: readonly SmartGroupToEvaluate[],
): Promise<string[]> {
  const smart = smartGroups ?? (await loadSmartGroups(db, platformId));
  const smartArm =
    smart.length === 0
      ? sql``
      : sql` union all select candidate.id from (values ${sql.join(
          smart.map((group) => sql`(${group.id}::uuid, ${storedRulesCondition(group.rules)})`),
          sql`, `,
        )}) as candidate (id, member) where candidate.member`;
  const rows = await db.execute<{ id: string }>(
    sql`select distinct membership.id from ${users} cross join lateral (
      select ${groupMemberships.groupId} as id from ${groupMemberships} where ${groupMemberships.userId} = ${users.id}
      union all
      select ${compositeGroupMembers.compositeGroupId} from ${compositeGroupMembers} inner join ${groupMemberships} on ${groupMemberships.groupId} = ${compositeGroupMembers.memberGroupId} where ${groupMemberships.userId} = ${users.id}${smartArm}
    ) as membership (id)
    where ${users.id} = ${userId} and ${users.platformId} = ${platformId} and ${users.status} = 'active'`,
  );
  return rowsOf<{ id: string }>(rows).map((row) => row.id);
}

/** postgres-js returns the rows, PGlite an object holding them. */
function rowsOf<Row>(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
}
