import { z } from 'zod';
import { roles, type Role } from '../access/roles.js';
import type { RegistrationQuestionType } from '../registration/question-types.js';
import type { BuiltInGroup } from './kinds.js';
import type { UserStatus } from '../users/status.js';

/*
 * Smart groups (SPEC 5): whoever matches the rules is a member, always up to date.
 *
 * The rules are evaluated in two places that must agree: here, in memory (`matchesSmartGroup`),
 * and in SQL (`smartGroupCondition` in @samrad/db) for "who is in this group" and "which groups
 * is this user in". Both go through `planSmartGroupRules`, which turns every rule into one
 * normalised, positive test plus a negation flag, so each engine only has to evaluate a handful
 * of simple tests, and a rule that makes no sense (a wrong value type stored before validation
 * existed, say) compiles to "matches nobody" in both.
 */

// ---------------------------------------------------------------------------------------------
// The rule language (API.md "Smart group rules")
// ---------------------------------------------------------------------------------------------

export const smartGroupFixedFields = [
  'email',
  'verified',
  'role',
  'registeredAt',
  'participatedIn',
] as const;
export type SmartGroupFixedField = (typeof smartGroupFixedFields)[number];

export const smartGroupOperators = [
  'equals',
  'notEquals',
  'oneOf',
  'notOneOf',
  'contains',
  'startsWith',
  'endsWith',
  'before',
  'after',
  'greaterThan',
  'lessThan',
  'isEmpty',
  'notEmpty',
  'isTrue',
  'isFalse',
] as const;
export type SmartGroupOperator = (typeof smartGroupOperators)[number];

/** Registration question keys, as the database's check constraint has them. */
const questionKeyPattern = /^[a-z][a-z0-9_]*$/;

export const SmartGroupField = z.union([
  z.enum(smartGroupFixedFields),
  z.templateLiteral(['answer:', z.string().regex(questionKeyPattern)]),
]);
export type SmartGroupField = z.infer<typeof SmartGroupField>;

/**
 * The shape of one rule. Which operators fit which field, and which values fit which operator,
 * depends on the registration questions: `validateSmartGroupRules` checks that.
 */
export const SmartGroupRule = z
  .object({
    field: SmartGroupField,
    op: z.enum(smartGroupOperators),
    value: z
      .union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(500)).max(100)])
      .optional(),
  })
  .strict();
export type SmartGroupRule = z.infer<typeof SmartGroupRule>;

export const SmartGroupRules = z
  .object({
    match: z.enum(['all', 'any']),
    rules: z.array(SmartGroupRule).max(50),
  })
  .strict();
export type SmartGroupRules = z.infer<typeof SmartGroupRules>;

/** The built-in groups' rules (SPEC 5): nobody may edit or delete these groups. */
export const builtInSmartGroupRules: Readonly<Record<BuiltInGroup, SmartGroupRules>> = {
  everyone_registered: { match: 'all', rules: [] },
  staff: { match: 'any', rules: [{ field: 'role', op: 'notEmpty' }] },
};

// ---------------------------------------------------------------------------------------------
// Which operators fit which field
// ---------------------------------------------------------------------------------------------

/** The type of a field: a fixed field, or the type of the registration question answered. */
export type SmartGroupFieldType = SmartGroupFixedField | `answer:${RegistrationQuestionType}`;

/**
 * The operators each field accepts (API.md: any other pair is BAD_REQUEST). The console builds
 * its rule editor from this table.
 */
export const smartGroupOperatorsByFieldType = {
  email: ['equals', 'notEquals', 'oneOf', 'notOneOf', 'contains', 'startsWith', 'endsWith'],
  verified: ['isTrue', 'isFalse'],
  role: ['equals', 'notEquals', 'oneOf', 'notOneOf', 'isEmpty', 'notEmpty'],
  registeredAt: ['before', 'after'],
  participatedIn: ['equals', 'notEquals', 'oneOf', 'notOneOf', 'isEmpty', 'notEmpty'],
  'answer:text': [
    'equals',
    'notEquals',
    'oneOf',
    'notOneOf',
    'contains',
    'startsWith',
    'endsWith',
    'isEmpty',
    'notEmpty',
  ],
  'answer:number': ['equals', 'notEquals', 'greaterThan', 'lessThan', 'isEmpty', 'notEmpty'],
  'answer:date': ['equals', 'notEquals', 'before', 'after', 'isEmpty', 'notEmpty'],
  'answer:single': ['equals', 'notEquals', 'oneOf', 'notOneOf', 'isEmpty', 'notEmpty'],
  'answer:multiple': ['contains', 'oneOf', 'notOneOf', 'isEmpty', 'notEmpty'],
  'answer:checkbox': ['isTrue', 'isFalse', 'isEmpty', 'notEmpty'],
  'answer:area': ['equals', 'notEquals', 'oneOf', 'notOneOf', 'isEmpty', 'notEmpty'],
} as const satisfies Record<SmartGroupFieldType, readonly SmartGroupOperator[]>;

/** A registration question as validation needs it (API.md "Registration questions"). */
export interface SmartGroupQuestion {
  key: string;
  type: RegistrationQuestionType;
  /** Option keys of choice questions (`{ key }` objects as stored, or plain keys). */
  options?: readonly ({ key: string } | string)[] | null;
}

/** One reason a rule set is refused; the API answers BAD_REQUEST with these. */
export interface SmartGroupRuleProblem {
  /** Index of the rule in `rules`. */
  index: number;
  field: string;
  message: string;
}

const isoDay = z.iso.date();
const projectId = z.uuid();
const valueOps = new Set<SmartGroupOperator>(['isEmpty', 'notEmpty', 'isTrue', 'isFalse']);

/**
 * Checks each rule against the field's type (for `answer:<key>`, the type of that registration
 * question): the operator must fit the field, and the value must fit the operator — a non-empty
 * string, a non-empty list of strings for `oneOf`/`notOneOf`, an ISO date (YYYY-MM-DD) for
 * `before`/`after`, a number for `greaterThan`/`lessThan` (and `equals` on numbers), no value
 * for `isEmpty`/`notEmpty`/`isTrue`/`isFalse`; role names, project ids and option keys must
 * exist. Unknown question keys are refused. An empty list means the rules are valid.
 */
export function validateSmartGroupRules(
  rules: SmartGroupRules,
  questions: readonly SmartGroupQuestion[],
): SmartGroupRuleProblem[] {
  const problems: SmartGroupRuleProblem[] = [];
  const byKey = new Map(questions.map((question) => [question.key, question]));
  rules.rules.forEach((rule, index) => {
    const problem = (message: string): void => {
      problems.push({ index, field: rule.field, message });
    };
    let fieldType: SmartGroupFieldType;
    let question: SmartGroupQuestion | undefined;
    if (rule.field.startsWith('answer:')) {
      const key = rule.field.slice('answer:'.length);
      question = byKey.get(key);
      if (!question) return problem(`unknown registration question '${key}'`);
      fieldType = `answer:${question.type}`;
    } else {
      fieldType = rule.field as SmartGroupFixedField;
    }
    const allowed: readonly SmartGroupOperator[] = smartGroupOperatorsByFieldType[fieldType];
    if (!allowed.includes(rule.op)) {
      return problem(
        `operator '${rule.op}' does not apply to ${describeField(fieldType)}; use one of ${allowed.join(', ')}`,
      );
    }
    const value = rule.value;
    if (valueOps.has(rule.op)) {
      if (value !== undefined) problem(`operator '${rule.op}' takes no value`);
      return;
    }
    if (rule.op === 'greaterThan' || rule.op === 'lessThan' || fieldType === 'answer:number') {
      if (typeof value !== 'number') problem(`operator '${rule.op}' needs a number`);
      return;
    }
    if (rule.op === 'before' || rule.op === 'after') {
      if (typeof value !== 'string' || !isoDay.safeParse(value).success) {
        problem(`operator '${rule.op}' needs an ISO date (YYYY-MM-DD)`);
      }
      return;
    }
    const many = rule.op === 'oneOf' || rule.op === 'notOneOf';
    const items = many ? value : [value];
    if (many && (!Array.isArray(value) || value.length === 0)) {
      return problem(`operator '${rule.op}' needs a non-empty list of strings`);
    }
    if (!many && typeof value !== 'string') {
      return problem(`operator '${rule.op}' needs a string`);
    }
    for (const item of items as unknown[]) {
      const itemProblem = checkItem(fieldType, question, item);
      if (itemProblem) return problem(itemProblem);
    }
  });
  return problems;
}

function describeField(fieldType: SmartGroupFieldType): string {
  return fieldType.startsWith('answer:')
    ? `an answer to a ${fieldType.slice('answer:'.length)} question`
    : `'${fieldType}'`;
}

function checkItem(
  fieldType: SmartGroupFieldType,
  question: SmartGroupQuestion | undefined,
  item: unknown,
): string | null {
  if (typeof item !== 'string' || item.length === 0) return 'values must be non-empty strings';
  switch (fieldType) {
    case 'role':
      return (roles as readonly string[]).includes(item)
        ? null
        : `unknown role '${item}'; use one of ${roles.join(', ')}`;
    case 'participatedIn':
      return projectId.safeParse(item).success ? null : `'${item}' is not a project id`;
    case 'answer:date':
      return isoDay.safeParse(item).success ? null : `'${item}' is not an ISO date (YYYY-MM-DD)`;
    case 'answer:single':
    case 'answer:multiple':
    case 'answer:area': {
      // Area ids are checked when the caller passes them as the question's options.
      if (!question?.options) return fieldType === 'answer:area' ? null : 'question has no options';
      const keys = question.options.map((option) =>
        typeof option === 'string' ? option : option.key,
      );
      return keys.includes(item)
        ? null
        : `unknown option '${item}' of question '${question.key}'; use one of ${keys.join(', ')}`;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// What is known about a user, and the normalised plan both engines evaluate
// ---------------------------------------------------------------------------------------------

/** A stored registration answer (schema/registration.ts) and the type of its question. */
export type RegistrationAnswerValue = string | number | boolean | string[] | null;
export interface SmartGroupAnswerFact {
  type: RegistrationQuestionType;
  value: RegistrationAnswerValue;
}

/** Everything group membership depends on, as the API (or a test) loads it for one user. */
export interface UserFactsForGroups {
  /** Only active users are members of any group (SPEC 2.4); see `isMemberOf`. */
  status: UserStatus;
  /** As stored: lower-cased at sign-up (`Email` schema), so compared as is. */
  email: string;
  /** Verified through the platform's verification method (users.verified_at is set). */
  verified: boolean;
  /** Roles held on any scope. */
  roles: readonly Role[];
  /** When the account was created (users.created_at). */
  registeredAt: Date;
  /** Projects the user took part in, as attributable rows show (see `participatedIn`). */
  participatedProjectIds: ReadonlySet<string> | readonly string[];
  /** Answers by question key. */
  answers: Readonly<Record<string, SmartGroupAnswerFact>>;
  /** Manual and composite groups that list the user by hand (group_memberships). */
  directGroupIds?: ReadonlySet<string> | readonly string[];
}

/**
 * One normalised, positive test. `negated` rules (notEquals, notOneOf, isFalse, isEmpty)
 * are exactly the complement of their positive twin, missing answers included.
 */
export type SmartGroupTest =
  | { kind: 'never' }
  /** users.email is one of these (already lower-cased). */
  | { kind: 'emailIn'; values: string[] }
  | { kind: 'emailContains' | 'emailStartsWith' | 'emailEndsWith'; value: string }
  | { kind: 'verified' }
  /** Holds one of these roles on some scope; `null`: holds any role. */
  | { kind: 'hasRole'; roles: Role[] | null }
  /** Created before this instant (exclusive). */
  | { kind: 'registeredBefore'; instant: Date }
  /** Created at or after this instant. */
  | { kind: 'registeredFrom'; instant: Date }
  /** Took part in one of these projects (lower-case ids); `null`: in any project. */
  | { kind: 'participated'; projectIds: string[] | null }
  | { kind: 'answer'; key: string; test: SmartGroupAnswerTest };

/**
 * A test on one stored answer; a missing answer fails every test. String comparisons on answers
 * to *text* questions ignore case (see `foldCase`); on option keys, area ids and dates they are
 * exact. `raw` is the rule's value, `folded` its case-folded twin.
 */
export type SmartGroupAnswerTest =
  /** Not null, not "", not []. */
  | { kind: 'present' }
  /** A string answer equal to one of the values, or a list answer sharing one of them. */
  | { kind: 'in'; raw: string[]; folded: string[] }
  /** A string answer containing the value, or a list answer holding it. */
  | { kind: 'contains'; raw: string; folded: string }
  | { kind: 'startsWith' | 'endsWith'; raw: string; folded: string }
  | { kind: 'numberEquals' | 'numberAbove' | 'numberBelow'; value: number }
  /** A YYYY-MM-DD answer strictly before / after this day. */
  | { kind: 'dateBefore' | 'dateAfter'; day: string }
  | { kind: 'isTrue' };

export interface SmartGroupPlanStep {
  negated: boolean;
  test: SmartGroupTest;
}
export interface SmartGroupPlan {
  match: 'all' | 'any';
  steps: SmartGroupPlanStep[];
}

/*
 * Case folding that both engines compute identically: PostgreSQL's lower() depends on the
 * database's locale (PGlite and a C-locale server leave Å alone), JavaScript's does not. So we
 * fold the letters of the platforms' languages (A–Z and Latin-1 À–Þ: Å, Ä, Ö, Æ, Ø, É, Ü…) with
 * an explicit table, `translate(text, caseFoldFrom, caseFoldTo)` in SQL.
 */
const upperLetters = /[A-Z\u00C0-\u00D6\u00D8-\u00DE]/g;
export const caseFoldFrom = [...rangeOf(0x41, 0x5a), ...rangeOf(0xc0, 0xd6), ...rangeOf(0xd8, 0xde)]
  .map((code) => String.fromCharCode(code))
  .join('');
export const caseFoldTo = [...caseFoldFrom]
  .map((char) => String.fromCharCode(char.charCodeAt(0) + 0x20))
  .join('');

function rangeOf(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Lower-cases A–Z and À–Þ only; everything else is kept as is. */
export function foldCase(text: string): string {
  return text.replace(upperLetters, (char) => String.fromCharCode(char.charCodeAt(0) + 0x20));
}

/** The shape answers to date questions must have to take part in before/after/equals. */
export const isoDayPattern = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const never: SmartGroupTest = { kind: 'never' };

/** Midnight UTC starting the given YYYY-MM-DD day, or null when it is no date. */
function dayStart(day: unknown, plusDays = 0): Date | null {
  if (typeof day !== 'string' || !isoDay.safeParse(day).success) return null;
  const start = new Date(`${day}T00:00:00.000Z`);
  start.setUTCDate(start.getUTCDate() + plusDays);
  return start;
}

const asString = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;
const asStrings = (value: unknown): string[] | null =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
    ? value
    : null;

/**
 * Turns rules into the plan both engines evaluate. Every operator is a positive test or the
 * complement of one (`notEquals` = not `equals`, `notOneOf` = not `oneOf`, `isFalse` = not
 * `isTrue`, `isEmpty` = not `notEmpty`); a pair that `validateSmartGroupRules` would refuse
 * becomes a test that matches nobody (so its negation matches everybody), never an error.
 */
export function planSmartGroupRules(rules: SmartGroupRules): SmartGroupPlan {
  return {
    match: rules.match,
    steps: rules.rules.map((rule) => {
      const negated = negatedOps.has(rule.op);
      return { negated, test: planRule(rule, negated ? negatedOps.get(rule.op)! : rule.op) };
    }),
  };
}

const negatedOps = new Map<SmartGroupOperator, SmartGroupOperator>([
  ['notEquals', 'equals'],
  ['notOneOf', 'oneOf'],
  ['isFalse', 'isTrue'],
  ['isEmpty', 'notEmpty'],
]);

/** `op` is positive here: equals, oneOf, contains, startsWith, endsWith, before, after, …  */
function planRule(rule: SmartGroupRule, op: SmartGroupOperator): SmartGroupTest {
  const { value } = rule;
  const single = asString(value);
  const list = op === 'oneOf' ? asStrings(value) : op === 'equals' && single ? [single] : null;
  switch (rule.field) {
    case 'email': {
      if (list) return { kind: 'emailIn', values: list.map((item) => item.toLowerCase()) };
      if (!single) return never;
      const lower = single.toLowerCase();
      if (op === 'contains') return { kind: 'emailContains', value: lower };
      if (op === 'startsWith') return { kind: 'emailStartsWith', value: lower };
      if (op === 'endsWith') return { kind: 'emailEndsWith', value: lower };
      return never;
    }
    case 'verified':
      return op === 'isTrue' ? { kind: 'verified' } : never;
    case 'role': {
      if (op === 'notEmpty') return { kind: 'hasRole', roles: null };
      // Unknown role names are dropped: they match nobody (and would be refused by the enum).
      const known = list?.filter((item): item is Role =>
        (roles as readonly string[]).includes(item),
      );
      return known?.length ? { kind: 'hasRole', roles: known } : never;
    }
    case 'registeredAt': {
      if (op === 'before') {
        const instant = dayStart(value);
        return instant ? { kind: 'registeredBefore', instant } : never;
      }
      if (op === 'after') {
        const instant = dayStart(value, 1);
        return instant ? { kind: 'registeredFrom', instant } : never;
      }
      return never;
    }
    case 'participatedIn': {
      if (op === 'notEmpty') return { kind: 'participated', projectIds: null };
      // Ids compare as uuids in SQL (case-insensitive), as lower-case strings here.
      const ids = list?.filter((item) => uuidPattern.test(item)).map((item) => item.toLowerCase());
      return ids?.length ? { kind: 'participated', projectIds: ids } : never;
    }
    default: {
      const test = planAnswerTest(op, value, single, list);
      return test ? { kind: 'answer', key: rule.field.slice('answer:'.length), test } : never;
    }
  }
}

function planAnswerTest(
  op: SmartGroupOperator,
  value: SmartGroupRule['value'],
  single: string | null,
  list: string[] | null,
): SmartGroupAnswerTest | null {
  switch (op) {
    case 'notEmpty':
      return { kind: 'present' };
    case 'isTrue':
      return { kind: 'isTrue' };
    case 'equals':
      if (typeof value === 'number') return { kind: 'numberEquals', value };
      return list ? { kind: 'in', raw: list, folded: list.map(foldCase) } : null;
    case 'oneOf':
      return list ? { kind: 'in', raw: list, folded: list.map(foldCase) } : null;
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return single ? { kind: op, raw: single, folded: foldCase(single) } : null;
    case 'greaterThan':
      return typeof value === 'number' ? { kind: 'numberAbove', value } : null;
    case 'lessThan':
      return typeof value === 'number' ? { kind: 'numberBelow', value } : null;
    case 'before':
    case 'after':
      return single && dayStart(single)
        ? { kind: op === 'before' ? 'dateBefore' : 'dateAfter', day: single }
        : null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// In-memory evaluation
// ---------------------------------------------------------------------------------------------

/**
 * Whether the user matches the rules (rules only: see `isMemberOf` for the status). `all` with
 * no rules matches everyone (*Everyone registered*); `any` with no rules matches nobody.
 *
 * Operators, per field:
 * - `email` (compared lower-case): `equals`, `oneOf`, `contains`, `startsWith`, `endsWith` —
 *   "e-mail domain" is `endsWith '@city.se'`; `notEquals`/`notOneOf` are their complements.
 * - `verified`: `isTrue` when the user verified their identity, `isFalse` otherwise.
 * - `role` (held on any scope): `equals r`, `oneOf [r…]` (holds one of them), `notEquals`,
 *   `notOneOf` (holds none of them), `notEmpty` (holds any role: *Staff*), `isEmpty` (none).
 * - `registeredAt` (days in UTC): `before D` = created before D began; `after D` = created on a
 *   later day than D (D itself is neither before nor after).
 * - `participatedIn` (a project id): `equals p`/`oneOf [p…]` = authored an input, comment, vote
 *   or survey response (personal data collection: anonymous contributions cannot be attributed,
 *   by design), reacted, volunteered or registered for an event in the project; `notEquals`/
 *   `notOneOf` the complement; `notEmpty`/`isEmpty`: in any project / in none.
 * - `answer:<key>`; a missing answer fails every positive operator, so its complement holds —
 *   `notEquals 'x'` and `notOneOf` match users who did not answer, `isEmpty` matches no answer,
 *   null, "" or [], `isFalse` matches an unticked *or unanswered* checkbox:
 *   - text: `equals`, `oneOf`, `contains`, `startsWith`, `endsWith`, ignoring case (`foldCase`);
 *   - number: `equals`, `greaterThan`, `lessThan` (strict);
 *   - date (YYYY-MM-DD): `equals`, `before`, `after` (strict);
 *   - single choice and area: `equals` / `oneOf` the option key or area id, exact;
 *   - multiple choice: `contains k` = k is among the chosen options; `oneOf [k…]` = any
 *     overlap; `notOneOf [k…]` = none of them chosen;
 *   - checkbox: `isTrue` = ticked; `isFalse` = not ticked.
 */
export function matchesSmartGroup(rules: SmartGroupRules, user: UserFactsForGroups): boolean {
  return evaluatePlan(planSmartGroupRules(rules), user);
}

/** `matchesSmartGroup` for a plan already made (a request evaluating many groups). */
export function evaluatePlan(plan: SmartGroupPlan, user: UserFactsForGroups): boolean {
  const results = plan.steps.map((step) => evaluateTest(step.test, user) !== step.negated);
  return plan.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

function contains(ids: ReadonlySet<string> | readonly string[], id: string): boolean {
  return 'has' in ids ? ids.has(id) : ids.includes(id);
}
function isEmptyCollection(ids: ReadonlySet<string> | readonly string[]): boolean {
  return 'size' in ids ? ids.size === 0 : ids.length === 0;
}

function evaluateTest(test: SmartGroupTest, user: UserFactsForGroups): boolean {
  switch (test.kind) {
    case 'never':
      return false;
    case 'emailIn':
      return test.values.includes(user.email);
    case 'emailContains':
      return user.email.includes(test.value);
    case 'emailStartsWith':
      return user.email.startsWith(test.value);
    case 'emailEndsWith':
      return user.email.endsWith(test.value);
    case 'verified':
      return user.verified;
    case 'hasRole':
      return test.roles === null
        ? user.roles.length > 0
        : user.roles.some((held) => test.roles!.includes(held));
    case 'registeredBefore':
      return user.registeredAt.getTime() < test.instant.getTime();
    case 'registeredFrom':
      return user.registeredAt.getTime() >= test.instant.getTime();
    case 'participated':
      return test.projectIds === null
        ? !isEmptyCollection(user.participatedProjectIds)
        : test.projectIds.some((id) => contains(user.participatedProjectIds, id));
    case 'answer': {
      // Object.hasOwn: a question keyed `constructor` must not find Object.prototype's.
      const answer = Object.hasOwn(user.answers, test.key) ? user.answers[test.key] : undefined;
      return answer !== undefined && evaluateAnswerTest(test.test, answer);
    }
  }
}

function evaluateAnswerTest(test: SmartGroupAnswerTest, answer: SmartGroupAnswerFact): boolean {
  const { value } = answer;
  const text = answer.type === 'text';
  // The string compared: folded for text questions, exact for keys, ids and dates.
  const subject = typeof value === 'string' ? (text ? foldCase(value) : value) : null;
  switch (test.kind) {
    case 'present':
      return !(value === null || value === '' || (Array.isArray(value) && value.length === 0));
    case 'in':
      if (subject !== null) return (text ? test.folded : test.raw).includes(subject);
      return Array.isArray(value) && value.some((item) => test.raw.includes(item));
    case 'contains':
      if (subject !== null) return subject.includes(text ? test.folded : test.raw);
      return Array.isArray(value) && value.includes(test.raw);
    case 'startsWith':
      return subject !== null && subject.startsWith(text ? test.folded : test.raw);
    case 'endsWith':
      return subject !== null && subject.endsWith(text ? test.folded : test.raw);
    case 'numberEquals':
      return typeof value === 'number' && value === test.value;
    case 'numberAbove':
      return typeof value === 'number' && value > test.value;
    case 'numberBelow':
      return typeof value === 'number' && value < test.value;
    case 'dateBefore':
      return typeof value === 'string' && isoDayPattern.test(value) && value < test.day;
    case 'dateAfter':
      return typeof value === 'string' && isoDayPattern.test(value) && value > test.day;
    case 'isTrue':
      return value === true;
  }
}

// ---------------------------------------------------------------------------------------------
// Membership of any kind of group
// ---------------------------------------------------------------------------------------------

/** A group as membership needs it (schema/groups.ts). */
export type GroupForMembership =
  | { id: string; kind: 'manual' }
  /** `memberGroupIds`: the manual groups inside it (composite_group_members). */
  | { id: string; kind: 'composite'; memberGroupIds: readonly string[] }
  | { id: string; kind: 'smart'; rules: SmartGroupRules };

/**
 * Whether the user is a member of the group. Only active users are members: pending and blocked
 * users are visitors everywhere (SPEC 2.4), so they belong to no group, built-in ones included.
 * Manual: listed by hand. Composite: listed by hand in it, or in one of its manual groups.
 * Smart: matches the rules.
 */
export function isMemberOf(group: GroupForMembership, user: UserFactsForGroups): boolean {
  if (user.status !== 'active') return false;
  const direct = user.directGroupIds ?? [];
  switch (group.kind) {
    case 'manual':
      return contains(direct, group.id);
    case 'composite':
      return contains(direct, group.id) || group.memberGroupIds.some((id) => contains(direct, id));
    case 'smart':
      return matchesSmartGroup(group.rules, user);
  }
}
