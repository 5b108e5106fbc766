import { sql, type SQL } from 'drizzle-orm';

/*
 * What refers to a registration question, by id or by key: a phase asking it as an extra
 * question, smart-group rules on `answer:<key>` (stored JSON, searched with jsonpath so a
 * malformed rule set matches nothing instead of failing), and users' answers.
 */

/** Some phase asks the question as an extra question (SPEC 4.5). */
export function askedByPhases(questionId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from participation_extra_questions e
    where e.question_id = ${questionId}::uuid)`;
}

/**
 * Some smart group of the platform has a rule on `answer:<key>`; with `values`, a rule on it
 * that compares with one of them (an option key, alone or in a list).
 */
export function usedBySmartGroups(
  platformId: string,
  key: string,
  values?: readonly string[],
): SQL<boolean> {
  const path = values
    ? '$.rules[*] ? (@.field == $field && @.value[*] == $values[*])'
    : '$.rules[*] ? (@.field == $field)';
  return sql<boolean>`exists (select 1 from user_groups g
    where g.platform_id = ${platformId}::uuid and g.kind = 'smart'
      and jsonb_path_exists(g.rules, ${path}::jsonpath, jsonb_build_object(
        'field', ${`answer:${key}`}::text, 'values', ${JSON.stringify(values ?? [])}::jsonb)))`;
}

/** Some user's answer to the question is one of `values` or a list holding one. */
export function answeredWith(questionId: string, values: readonly string[]): SQL<boolean> {
  return sql<boolean>`exists (select 1 from registration_answers a
    where a.question_id = ${questionId}::uuid
      and jsonb_path_exists(a.value, '$[*] ? (@ == $values[*])',
        jsonb_build_object('values', ${JSON.stringify(values)}::jsonb)))`;
}
