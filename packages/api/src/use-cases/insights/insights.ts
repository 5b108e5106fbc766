import { and, eq, sql } from 'drizzle-orm';
import { smallestShownGroup, type DemographicsInput, type LocalizedText } from '@samrad/core';
import { areas, registrationQuestions } from '@samrad/db';
import type { GrantedPhase } from '../../access/phase-guard.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { phaseActs } from './phase-activity.js';

export interface ParticipationCounts {
  phaseId: string;
  /** People who took part (see `phaseActs` for who counts as one). */
  participants: number;
  totals: Record<string, number>;
  /** Per UTC day and action, oldest first. */
  days: { day: string; action: string; count: number }[];
}

/** How much happened in a phase, and when: one query, counted in SQL. */
export async function participationCounts(
  ctx: Context,
  phase: GrantedPhase,
): Promise<ParticipationCounts> {
  const rows = await ctx.db
    .select({
      day: sql<string | null>`to_char(date_trunc('day', at at time zone 'UTC'), 'YYYY-MM-DD')`,
      action: sql<string | null>`action`,
      count: sql<number>`count(*)::int`,
      people: sql<number>`count(distinct who)::int`,
    })
    .from(phaseActs(phase))
    .groupBy(sql`grouping sets ((1, 2), (2), ())`)
    .orderBy(sql`1`, sql`2`);
  const totals: Record<string, number> = {};
  let participants = 0;
  const days: ParticipationCounts['days'] = [];
  for (const row of rows) {
    if (row.day !== null && row.action !== null) {
      days.push({ day: row.day, action: row.action, count: row.count });
    } else if (row.action !== null) totals[row.action] = row.count;
    else participants = row.people;
  }
  return { phaseId: phase.id, participants, totals, days };
}

export interface DemographicBreakdown {
  phaseId: string;
  questionKey: string;
  /** Null when fewer than 5 took part: no breakdown of so few. */
  respondents: number | null;
  /**
   * Per answer (option key, area id, `yes`/`no`), `unanswered`, and `not_collected` for
   * contributions collected anonymously; count null: a group too small to show. `title`: the
   * option's or area's, null for the others.
   */
  groups: { value: string; title: LocalizedText | null; count: number | null }[];
}

const breakable = new Set(['single', 'multiple', 'checkbox', 'area']);
/** Groups of no answer: not given, or never collected (anonymous contributions). */
const outside = ['unanswered', 'not_collected'];

/**
 * The phase's participants by their answer to a registration question (SPEC 2.3, 4.5) — never a
 * group of fewer than 5 people (SPEC 4.4). A group of 1 to 4 is hidden; when only one group is
 * hidden, the next smallest is too, or the respondents less the others would tell its size.
 */
export async function demographicBreakdown(
  ctx: Context,
  phase: GrantedPhase,
  input: DemographicsInput,
): Promise<DemographicBreakdown> {
  const [question] = await ctx.db
    .select({ type: registrationQuestions.type, options: registrationQuestions.options })
    .from(registrationQuestions)
    .where(
      and(
        eq(registrationQuestions.platformId, ctx.platform.id),
        eq(registrationQuestions.key, input.questionKey),
      ),
    );
  if (!question) throw new AppError('BAD_REQUEST', 'questionKey: no such registration question');
  if (!breakable.has(question.type)) {
    throw new AppError(
      'BAD_REQUEST',
      'questionKey: breakdowns are by choice, checkbox or area questions',
    );
  }
  const answer = sql`people.answers -> ${input.questionKey}`;
  const rows = await ctx.db
    .select({
      value: sql<string | null>`case
        when people.answers is null and people.who like 'contribution:%' then 'not_collected'
        when ${answer} is null or ${answer} = '[]'::jsonb then 'unanswered'
        when jsonb_typeof(${answer}) = 'boolean' then case when (${answer})::boolean then 'yes' else 'no' end
        else coalesce(chosen.value, ${answer} #>> '{}') end`,
      count: sql<number>`count(distinct people.who)::int`,
    })
    .from(
      sql`(select distinct on (who) who, answers from ${phaseActs(phase)} order by who) as people`,
    )
    .leftJoin(
      sql`lateral jsonb_array_elements_text(case jsonb_typeof(${answer}) when 'array' then ${answer} else '[]'::jsonb end) as chosen(value)`,
      sql`true`,
    )
    .groupBy(sql`grouping sets ((1), ())`);
  let respondents = 0;
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.value === null) respondents = row.count;
    else counts.set(row.value, row.count);
  }
  const titles = new Map<string, LocalizedText>(
    question.type === 'area'
      ? (
          await ctx.db
            .select({ id: areas.id, title: areas.title })
            .from(areas)
            .where(eq(areas.platformId, ctx.platform.id))
        ).map((area) => [area.id, area.title])
      : (question.options ?? []).map((option) => [option.key, option.title]),
  );
  const values = [
    ...(question.options?.map((o) => o.key) ?? (question.type === 'checkbox' ? ['yes', 'no'] : [])),
    ...[...counts.keys()].filter((v) => !outside.includes(v)).sort(),
    ...outside,
  ].filter((v, i, all) => all.indexOf(v) === i);
  if (respondents < smallestShownGroup) {
    return { phaseId: phase.id, questionKey: input.questionKey, respondents: null, groups: [] };
  }
  const small = (n: number) => n > 0 && n < smallestShownGroup;
  const hidden = new Set(values.filter((v) => small(counts.get(v) ?? 0)));
  if (hidden.size === 1) {
    const next = values
      .filter((v) => !hidden.has(v) && (counts.get(v) ?? 0) > 0)
      .sort((a, b) => counts.get(a)! - counts.get(b)!)[0];
    if (next !== undefined) hidden.add(next);
  }
  return {
    phaseId: phase.id,
    questionKey: input.questionKey,
    respondents,
    groups: values.map((value) => ({
      value,
      title: titles.get(value) ?? null,
      count: hidden.has(value) ? null : (counts.get(value) ?? 0),
    })),
  };
}
