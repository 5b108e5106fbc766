import { describe, expect, it } from 'vitest';
import type { RegistrationQuestionType } from '../registration/question-types.js';
import {
  SmartGroupRules,
  builtInSmartGroupRules,
  foldCase,
  isMemberOf,
  matchesSmartGroup,
  smartGroupOperatorsByFieldType,
  validateSmartGroupRules,
  type RegistrationAnswerValue,
  type SmartGroupFieldType,
  type SmartGroupFixedField,
  type SmartGroupQuestion,
  type SmartGroupRule,
  type UserFactsForGroups,
} from './rules.js';

const project = '0b0e3f0e-8a4c-4c4e-9a55-0d6f1b2c3d4e';
const otherProject = '6f1c2d3e-4b5a-4697-8877-665544332211';

const questions: SmartGroupQuestion[] = [
  { key: 'nickname', type: 'text' },
  { key: 'age', type: 'number' },
  { key: 'born', type: 'date' },
  { key: 'district', type: 'single', options: [{ key: 'north' }, { key: 'south' }] },
  { key: 'interests', type: 'multiple', options: ['parks', 'traffic', 'schools'] },
  { key: 'newsletter', type: 'checkbox' },
  { key: 'home', type: 'area' },
];
const keyOfType = (type: RegistrationQuestionType) => questions.find((q) => q.type === type)!.key;

const anna: UserFactsForGroups = {
  status: 'active',
  email: 'anna.berg@city.se',
  verified: false,
  roles: [],
  registeredAt: new Date('2024-05-01T12:00:00Z'),
  participatedProjectIds: [],
  answers: {},
};

type Value = SmartGroupRule['value'];
type Op = SmartGroupRule['op'];
/** [operator, value, what Anna is like, expected, why]; `_` = no value. */
type FactRow = [Op, Value, Partial<UserFactsForGroups>, boolean, string];
/** [operator, value, Anna's answer (`none`: no answer), expected, why]. */
type AnswerRow = [Op, Value, RegistrationAnswerValue | typeof none, boolean, string];
const _ = undefined;
const none = Symbol('no answer');

interface Row {
  type: SmartGroupFieldType;
  field: SmartGroupRule['field'];
  op: Op;
  value: Value;
  user: Partial<UserFactsForGroups>;
  expected: boolean;
  why: string;
}

const facts = (type: SmartGroupFixedField, table: FactRow[]): Row[] =>
  table.map(([op, value, user, expected, why]) => ({
    type,
    field: type,
    op,
    value,
    user,
    expected,
    why,
  }));

const answers = (type: RegistrationQuestionType, table: AnswerRow[]): Row[] =>
  table.map(([op, value, answer, expected, why]) => ({
    type: `answer:${type}`,
    field: `answer:${keyOfType(type)}`,
    op,
    value,
    user: answer === none ? {} : { answers: { [keyOfType(type)]: { type, value: answer } } },
    expected,
    why,
  }));

const rows: Row[] = [
  // Stored lower-case; rule values are lower-cased.
  ...facts('email', [
    ['equals', 'Anna.Berg@City.se', {}, true, 'same address, other case'],
    ['equals', 'anna@city.se', {}, false, 'other address'],
    ['notEquals', 'anna@city.se', {}, true, 'other address'],
    ['notEquals', 'ANNA.BERG@city.se', {}, false, 'same address'],
    ['oneOf', ['x@y.se', 'anna.berg@city.se'], {}, true, 'listed'],
    ['oneOf', ['x@y.se'], {}, false, 'not listed'],
    ['notOneOf', ['x@y.se'], {}, true, 'not listed'],
    ['notOneOf', ['x@y.se', 'anna.berg@city.se'], {}, false, 'listed'],
    ['contains', 'BERG', {}, true, 'substring, any case'],
    ['contains', 'lund', {}, false, 'no substring'],
    ['startsWith', 'anna.', {}, true, 'prefix'],
    ['startsWith', 'berg', {}, false, 'not a prefix'],
    ['endsWith', '@CITY.SE', {}, true, 'the e-mail domain'],
    ['endsWith', '@city.se', { email: 'anna@city.se.example' }, false, 'other domain'],
    ['endsWith', '@city.se', { email: 'anna@subcity.se' }, false, 'the @ anchors the domain'],
  ]),
  ...facts('verified', [
    ['isTrue', _, { verified: true }, true, 'verified'],
    ['isTrue', _, {}, false, 'not verified'],
    ['isFalse', _, {}, true, 'not verified'],
    ['isFalse', _, { verified: true }, false, 'verified'],
  ]),
  // Held on any scope.
  ...facts('role', [
    ['equals', 'project_manager', { roles: ['project_reviewer', 'project_manager'] }, true, 'held'],
    ['equals', 'admin', { roles: ['project_manager'] }, false, 'another role'],
    ['notEquals', 'admin', { roles: ['project_manager'] }, true, 'another role'],
    ['notEquals', 'admin', {}, true, 'no role'],
    ['notEquals', 'admin', { roles: ['admin'] }, false, 'held'],
    ['oneOf', ['admin', 'folder_manager'], { roles: ['folder_manager'] }, true, 'holds one'],
    ['oneOf', ['admin', 'folder_manager'], { roles: ['project_moderator'] }, false, 'none'],
    ['notOneOf', ['admin', 'folder_manager'], { roles: ['project_moderator'] }, true, 'none'],
    ['notOneOf', ['admin', 'folder_manager'], { roles: ['admin'] }, false, 'holds one'],
    ['isEmpty', _, {}, true, 'no role'],
    ['isEmpty', _, { roles: ['project_reviewer'] }, false, 'a role'],
    ['notEmpty', _, { roles: ['project_reviewer'] }, true, 'any role: staff'],
    ['notEmpty', _, {}, false, 'no role'],
  ]),
  // Whole UTC days, strict; Anna registered on 2024-05-01 at noon.
  ...facts('registeredAt', [
    ['before', '2024-05-02', {}, true, 'an earlier day'],
    ['before', '2024-05-01', {}, false, 'the same day'],
    ['before', '2024-05-01', { registeredAt: new Date('2024-04-30T23:59:59.999Z') }, true, 'eve'],
    ['after', '2024-04-30', {}, true, 'a later day'],
    ['after', '2024-05-01', {}, false, 'the same day'],
    ['after', '2024-05-01', { registeredAt: new Date('2024-05-02T00:00:00Z') }, true, 'next day'],
  ]),
  ...facts('participatedIn', [
    ['equals', project, { participatedProjectIds: [otherProject, project] }, true, 'there'],
    ['equals', project.toUpperCase(), { participatedProjectIds: new Set([project]) }, true, 'uuid'],
    ['equals', project, { participatedProjectIds: [otherProject] }, false, 'elsewhere'],
    ['notEquals', project, { participatedProjectIds: [otherProject] }, true, 'elsewhere'],
    ['notEquals', project, { participatedProjectIds: [project] }, false, 'there'],
    ['oneOf', [project, otherProject], { participatedProjectIds: [otherProject] }, true, 'one'],
    ['oneOf', [project], {}, false, 'nowhere'],
    ['notOneOf', [project, otherProject], {}, true, 'nowhere'],
    ['notOneOf', [project, otherProject], { participatedProjectIds: [project] }, false, 'one'],
    ['isEmpty', _, {}, true, 'never took part'],
    ['isEmpty', _, { participatedProjectIds: [otherProject] }, false, 'took part'],
    ['notEmpty', _, { participatedProjectIds: [otherProject] }, true, 'a participant'],
    ['notEmpty', _, { participatedProjectIds: new Set() }, false, 'not a participant'],
  ]),
  // Ignoring case: A–Z and Å, Ä, Ö, Æ, Ø…
  ...answers('text', [
    ['equals', 'ÅSA', 'åsa', true, 'same text, other case'],
    ['equals', 'Åsa', 'Åsa B', false, 'other text'],
    ['equals', 'Åsa', none, false, 'no answer'],
    ['notEquals', 'Åsa', 'Per', true, 'other text'],
    ['notEquals', 'Åsa', none, true, 'no answer is not Åsa'],
    ['notEquals', 'åsa', 'ÅSA', false, 'same text'],
    ['oneOf', ['per', 'ÖRJAN'], 'Örjan', true, 'listed'],
    ['oneOf', ['per'], 'Örjan', false, 'not listed'],
    ['notOneOf', ['per'], 'Örjan', true, 'not listed'],
    ['notOneOf', ['per'], 'PER', false, 'listed'],
    ['contains', 'ÆR', 'Bærbar', true, 'substring, any case'],
    ['contains', 'xyz', 'Bærbar', false, 'no substring'],
    ['contains', 'a', none, false, 'no answer'],
    ['startsWith', 'bæ', 'Bærbar', true, 'prefix'],
    ['startsWith', 'bar', 'Bærbar', false, 'not a prefix'],
    ['endsWith', 'BAR', 'Bærbar', true, 'suffix'],
    ['endsWith', 'bæ', 'Bærbar', false, 'not a suffix'],
    ['isEmpty', _, none, true, 'no answer'],
    ['isEmpty', _, '', true, 'empty text'],
    ['isEmpty', _, ' ', false, 'a space is an answer'],
    ['notEmpty', _, 'x', true, 'answered'],
    ['notEmpty', _, null, false, 'null'],
  ]),
  ...answers('number', [
    ['equals', 42, 42, true, 'same number'],
    ['equals', 42, 42.5, false, 'other number'],
    ['equals', 42, '42', false, 'a string is no number'],
    ['notEquals', 42, none, true, 'no answer'],
    ['notEquals', 42, 42, false, 'same number'],
    ['greaterThan', 17, 18, true, 'above'],
    ['greaterThan', 18, 18, false, 'strict'],
    ['greaterThan', -1, none, false, 'no answer'],
    ['lessThan', 18, 17.5, true, 'below'],
    ['lessThan', 18, 18, false, 'strict'],
    ['isEmpty', _, 0, false, '0 is an answer'],
    ['isEmpty', _, none, true, 'no answer'],
    ['notEmpty', _, 0, true, 'answered'],
    ['notEmpty', _, none, false, 'no answer'],
  ]),
  // YYYY-MM-DD, strict.
  ...answers('date', [
    ['equals', '1990-02-03', '1990-02-03', true, 'same day'],
    ['equals', '1990-02-03', '1990-02-04', false, 'other day'],
    ['notEquals', '1990-02-03', '1990-02-04', true, 'other day'],
    ['notEquals', '1990-02-03', '1990-02-03', false, 'same day'],
    ['before', '2000-01-01', '1999-12-31', true, 'earlier'],
    ['before', '2000-01-01', '2000-01-01', false, 'strict'],
    ['before', '2000-01-01', '1999-1-1', false, 'not an ISO date'],
    ['after', '2000-01-01', '2000-01-02', true, 'later'],
    ['after', '2000-01-01', none, false, 'no answer'],
    ['isEmpty', _, '2000-01-02', false, 'answered'],
    ['isEmpty', _, '', true, 'empty'],
    ['notEmpty', _, '2000-01-02', true, 'answered'],
    ['notEmpty', _, none, false, 'no answer'],
  ]),
  // Option keys, exact.
  ...answers('single', [
    ['equals', 'north', 'north', true, 'chosen'],
    ['equals', 'north', 'south', false, 'other option'],
    ['notEquals', 'north', 'south', true, 'other option'],
    ['notEquals', 'north', 'north', false, 'chosen'],
    ['oneOf', ['north', 'south'], 'south', true, 'one of them'],
    ['oneOf', ['north'], none, false, 'no answer'],
    ['notOneOf', ['north'], none, true, 'no answer'],
    ['notOneOf', ['north'], 'north', false, 'one of them'],
    ['isEmpty', _, 'north', false, 'answered'],
    ['isEmpty', _, none, true, 'no answer'],
    ['notEmpty', _, 'north', true, 'answered'],
    ['notEmpty', _, '', false, 'empty'],
  ]),
  // contains = chose it; oneOf = any overlap; notOneOf = none of them chosen.
  ...answers('multiple', [
    ['contains', 'parks', ['traffic', 'parks'], true, 'among the chosen'],
    ['contains', 'parks', ['traffic'], false, 'not chosen'],
    ['oneOf', ['parks', 'schools'], ['schools'], true, 'overlap'],
    ['oneOf', ['parks', 'schools'], ['traffic'], false, 'no overlap'],
    ['notOneOf', ['parks', 'schools'], ['traffic'], true, 'no overlap'],
    ['notOneOf', ['parks'], ['traffic', 'parks'], false, 'overlap'],
    ['isEmpty', _, [], true, 'nothing chosen'],
    ['isEmpty', _, ['parks'], false, 'chosen'],
    ['notEmpty', _, ['parks'], true, 'chosen'],
    ['notEmpty', _, none, false, 'no answer'],
  ]),
  // isFalse is "not ticked", unanswered included.
  ...answers('checkbox', [
    ['isTrue', _, true, true, 'ticked'],
    ['isTrue', _, false, false, 'unticked'],
    ['isFalse', _, false, true, 'unticked'],
    ['isFalse', _, none, true, 'unanswered'],
    ['isFalse', _, true, false, 'ticked'],
    ['isEmpty', _, false, false, 'false is an answer'],
    ['isEmpty', _, none, true, 'unanswered'],
    ['notEmpty', _, false, true, 'answered'],
    ['notEmpty', _, none, false, 'unanswered'],
  ]),
  // Area ids, exact.
  ...answers('area', [
    ['equals', 'area-1', 'area-1', true, 'that area'],
    ['equals', 'area-1', 'AREA-1', false, 'ids are exact'],
    ['notEquals', 'area-1', 'area-2', true, 'another area'],
    ['notEquals', 'area-1', 'area-1', false, 'that area'],
    ['oneOf', ['area-1', 'area-2'], 'area-2', true, 'one of them'],
    ['oneOf', ['area-1'], 'area-2', false, 'another area'],
    ['notOneOf', ['area-1'], 'area-2', true, 'another area'],
    ['notOneOf', ['area-1'], 'area-1', false, 'one of them'],
    ['isEmpty', _, none, true, 'no answer'],
    ['isEmpty', _, 'area-1', false, 'answered'],
    ['notEmpty', _, 'area-1', true, 'answered'],
    ['notEmpty', _, none, false, 'no answer'],
  ]),
];

const ruleOf = (row: Row): SmartGroupRule => ({
  field: row.field,
  op: row.op,
  ...(row.value === undefined ? {} : { value: row.value }),
});

describe('matchesSmartGroup, field by operator', () => {
  it.each(rows)('$type $op $value: $why → $expected', (row) => {
    const rules = SmartGroupRules.parse({ match: 'all', rules: [ruleOf(row)] });
    expect(validateSmartGroupRules(rules, questions)).toEqual([]);
    expect(matchesSmartGroup(rules, { ...anna, ...row.user })).toBe(row.expected);
  });

  it('covers every operator of every field, both ways', () => {
    for (const [type, ops] of Object.entries(smartGroupOperatorsByFieldType)) {
      for (const op of ops) {
        const of = rows.filter((row) => row.type === type && row.op === op);
        expect(
          of.some((row) => row.expected),
          `${type} ${op} true`,
        ).toBe(true);
        expect(
          of.some((row) => !row.expected),
          `${type} ${op} false`,
        ).toBe(true);
      }
    }
  });
});

describe('combining rules', () => {
  const cityStaff = (match: 'all' | 'any'): SmartGroupRules => ({
    match,
    rules: [
      { field: 'email', op: 'endsWith', value: '@city.se' },
      { field: 'role', op: 'notEmpty' },
    ],
  });

  it('all: every rule; any: at least one', () => {
    const outsider = { ...anna, email: 'x@mail.example' };
    const manager = { ...anna, roles: ['project_manager' as const] };
    expect(matchesSmartGroup(cityStaff('all'), anna)).toBe(false);
    expect(matchesSmartGroup(cityStaff('all'), manager)).toBe(true);
    expect(matchesSmartGroup(cityStaff('any'), anna)).toBe(true);
    expect(matchesSmartGroup(cityStaff('any'), outsider)).toBe(false);
  });

  it('empty all is everyone, empty any is nobody', () => {
    expect(matchesSmartGroup({ match: 'all', rules: [] }, anna)).toBe(true);
    expect(matchesSmartGroup({ match: 'any', rules: [] }, anna)).toBe(false);
  });

  it('built-in groups: everyone registered, and staff = any role anywhere', () => {
    const everyone = SmartGroupRules.parse(builtInSmartGroupRules.everyone_registered);
    const staff = SmartGroupRules.parse(builtInSmartGroupRules.staff);
    expect(matchesSmartGroup(everyone, anna)).toBe(true);
    expect(matchesSmartGroup(staff, anna)).toBe(false);
    expect(matchesSmartGroup(staff, { ...anna, roles: ['project_reviewer'] })).toBe(true);
    expect(validateSmartGroupRules(staff, [])).toEqual([]);
  });

  it('a question keyed like an Object.prototype member is just a missing answer', () => {
    const rules: SmartGroupRules = {
      match: 'all',
      rules: [{ field: 'answer:constructor', op: 'notEmpty' }],
    };
    expect(matchesSmartGroup(rules, anna)).toBe(false);
  });

  it('rules that validation refuses match nobody (their negation everybody), never throw', () => {
    const rule = (op: SmartGroupRule['op'], value?: SmartGroupRule['value']): SmartGroupRules => ({
      match: 'all',
      rules: [{ field: 'role', op, ...(value === undefined ? {} : { value }) }],
    });
    expect(matchesSmartGroup(rule('equals', 'mayor'), { ...anna, roles: ['admin'] })).toBe(false);
    expect(matchesSmartGroup(rule('notEquals', 'mayor'), { ...anna, roles: ['admin'] })).toBe(true);
    expect(matchesSmartGroup(rule('greaterThan', 3), anna)).toBe(false);
  });
});

describe('foldCase', () => {
  it('lower-cases A–Z and À–Þ (not ×), nothing else', () => {
    expect(foldCase('ÅÄÖ ÆØ É Ü Þ × ABC ß Ł')).toBe('åäö æø é ü þ × abc ß Ł');
  });
});

describe('validateSmartGroupRules refuses', () => {
  const problemsOf = (rule: Record<string, unknown>) =>
    validateSmartGroupRules(SmartGroupRules.parse({ match: 'any', rules: [rule] }), questions);

  it.each([
    [{ field: 'email', op: 'greaterThan', value: 3 }, /does not apply to 'email'/],
    [{ field: 'email', op: 'isEmpty' }, /does not apply/],
    [{ field: 'verified', op: 'equals', value: true }, /does not apply to 'verified'/],
    [{ field: 'role', op: 'contains', value: 'admin' }, /does not apply to 'role'/],
    [{ field: 'registeredAt', op: 'greaterThan', value: 3 }, /does not apply/],
    [{ field: 'participatedIn', op: 'before', value: '2024-01-01' }, /does not apply/],
    [{ field: 'answer:nickname', op: 'greaterThan', value: 3 }, /text question/],
    [{ field: 'answer:age', op: 'contains', value: '4' }, /number question/],
    [{ field: 'answer:born', op: 'greaterThan', value: 3 }, /date question/],
    [{ field: 'answer:district', op: 'contains', value: 'north' }, /single question/],
    [{ field: 'answer:interests', op: 'equals', value: 'parks' }, /multiple question/],
    [{ field: 'answer:newsletter', op: 'equals', value: 'yes' }, /checkbox question/],
    [{ field: 'answer:home', op: 'startsWith', value: 'a' }, /area question/],
  ])('an operator that does not fit the field: %o', (rule, message) => {
    const problems = problemsOf(rule);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 0, field: rule.field });
    expect(problems[0]!.message).toMatch(message);
  });

  it.each([
    [{ field: 'email', op: 'equals', value: 3 }, /needs a string/],
    [{ field: 'email', op: 'equals' }, /needs a string/],
    [{ field: 'email', op: 'contains', value: '' }, /non-empty/],
    [{ field: 'email', op: 'oneOf', value: 'a@b.se' }, /non-empty list/],
    [{ field: 'email', op: 'oneOf', value: [] }, /non-empty list/],
    [{ field: 'email', op: 'notOneOf', value: ['a@b.se', ''] }, /non-empty strings/],
    [{ field: 'verified', op: 'isTrue', value: true }, /takes no value/],
    [{ field: 'role', op: 'equals', value: 'mayor' }, /unknown role 'mayor'/],
    [{ field: 'role', op: 'oneOf', value: ['admin', 'Admin'] }, /unknown role 'Admin'/],
    [{ field: 'role', op: 'notEmpty', value: 'admin' }, /takes no value/],
    [{ field: 'registeredAt', op: 'before', value: '2024-02-30' }, /ISO date/],
    [{ field: 'registeredAt', op: 'after', value: '2024-01-01T10:00:00Z' }, /ISO date/],
    [{ field: 'registeredAt', op: 'after', value: 20240101 }, /ISO date/],
    [{ field: 'participatedIn', op: 'equals', value: 'project-1' }, /not a project id/],
    [{ field: 'participatedIn', op: 'oneOf', value: [project, 'x'] }, /'x' is not a project id/],
    [{ field: 'answer:age', op: 'greaterThan', value: '18' }, /needs a number/],
    [{ field: 'answer:age', op: 'equals', value: '18' }, /needs a number/],
    [{ field: 'answer:age', op: 'isEmpty', value: 0 }, /takes no value/],
    [{ field: 'answer:born', op: 'before', value: '1990-13-01' }, /ISO date/],
    [{ field: 'answer:born', op: 'equals', value: 'yesterday' }, /ISO date/],
    [{ field: 'answer:district', op: 'equals', value: 'east' }, /unknown option 'east'/],
    [{ field: 'answer:interests', op: 'contains', value: 'bikes' }, /unknown option 'bikes'/],
    [
      { field: 'answer:interests', op: 'oneOf', value: ['parks', 'bikes'] },
      /unknown option 'bikes'/,
    ],
    [{ field: 'answer:newsletter', op: 'isTrue', value: false }, /takes no value/],
    [{ field: 'answer:nickname', op: 'startsWith', value: [] }, /needs a string/],
  ])('a value that does not fit the operator: %o', (rule, message) => {
    const problems = problemsOf(rule);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 0, field: rule.field });
    expect(problems[0]!.message).toMatch(message);
  });

  it('unknown question keys, naming each rule', () => {
    const rules = SmartGroupRules.parse({
      match: 'all',
      rules: [
        { field: 'email', op: 'endsWith', value: '@city.se' },
        { field: 'answer:shoe_size', op: 'notEmpty' },
        { field: 'answer:age', op: 'greaterThan', value: 'old' },
      ],
    });
    expect(validateSmartGroupRules(rules, questions)).toEqual([
      { index: 1, field: 'answer:shoe_size', message: "unknown registration question 'shoe_size'" },
      { index: 2, field: 'answer:age', message: "operator 'greaterThan' needs a number" },
    ]);
  });

  it('checks area ids only when the caller passes them as options', () => {
    const rule = { field: 'answer:home', op: 'equals', value: 'area-9' };
    expect(problemsOf(rule)).toEqual([]);
    const withAreas = validateSmartGroupRules(
      SmartGroupRules.parse({ match: 'all', rules: [rule] }),
      [{ key: 'home', type: 'area', options: ['area-1'] }],
    );
    expect(withAreas[0]?.message).toMatch(/unknown option 'area-9'/);
  });

  it('the shape itself: unknown fields and operators, malformed keys, extra properties', () => {
    for (const input of [
      { match: 'some', rules: [] },
      { match: 'all', rules: [{ field: 'name', op: 'equals', value: 'x' }] },
      { match: 'all', rules: [{ field: 'answer:Age', op: 'notEmpty' }] },
      { match: 'all', rules: [{ field: 'answer:', op: 'notEmpty' }] },
      { match: 'all', rules: [{ field: 'email', op: 'like', value: 'x' }] },
      { match: 'all', rules: [{ field: 'email', op: 'equals', value: 'x', extra: 1 }] },
      { match: 'all', rules: [{ field: 'answer:age', op: 'greaterThan', value: Infinity }] },
      { match: 'all', rules: [], extra: true },
    ]) {
      expect(SmartGroupRules.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});

describe('isMemberOf', () => {
  const manual = { id: 'manual-1', kind: 'manual' as const };
  const otherManual = { id: 'manual-2', kind: 'manual' as const };
  const composite = {
    id: 'composite-1',
    kind: 'composite' as const,
    memberGroupIds: [manual.id, otherManual.id],
  };
  const lonelyComposite = { id: 'composite-2', kind: 'composite' as const, memberGroupIds: [] };

  it('manual: listed by hand', () => {
    expect(isMemberOf(manual, { ...anna, directGroupIds: [manual.id] })).toBe(true);
    expect(isMemberOf(manual, { ...anna, directGroupIds: [otherManual.id] })).toBe(false);
    expect(isMemberOf(manual, anna)).toBe(false);
  });

  it('composite: its own users plus the members of its manual groups', () => {
    expect(isMemberOf(composite, { ...anna, directGroupIds: [composite.id] })).toBe(true);
    expect(isMemberOf(composite, { ...anna, directGroupIds: new Set([otherManual.id]) })).toBe(
      true,
    );
    expect(isMemberOf(composite, { ...anna, directGroupIds: ['manual-3'] })).toBe(false);
    expect(isMemberOf(lonelyComposite, { ...anna, directGroupIds: [manual.id] })).toBe(false);
    expect(isMemberOf(lonelyComposite, { ...anna, directGroupIds: [lonelyComposite.id] })).toBe(
      true,
    );
  });

  it('smart: the rules', () => {
    const group = { id: 's', kind: 'smart' as const, rules: builtInSmartGroupRules.staff };
    expect(isMemberOf(group, { ...anna, roles: ['admin'] })).toBe(true);
    expect(isMemberOf(group, anna)).toBe(false);
  });

  it('pending and blocked users are members of nothing, not even everyone registered', () => {
    const everyone = {
      id: 'e',
      kind: 'smart' as const,
      rules: SmartGroupRules.parse(builtInSmartGroupRules.everyone_registered),
    };
    for (const status of ['pending', 'blocked'] as const) {
      const user = { ...anna, status, roles: ['admin' as const], directGroupIds: [manual.id] };
      expect(isMemberOf(manual, user)).toBe(false);
      expect(isMemberOf(composite, user)).toBe(false);
      expect(isMemberOf(everyone, user)).toBe(false);
    }
    expect(isMemberOf(everyone, anna)).toBe(true);
  });
});
