import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { localize, smallestShownGroup } from '@samrad/core';
import { registrationAnswers, registrationQuestions, type Demographics } from '@samrad/db';
import type { Context } from '../../context.js';
import type { Cell, Column } from './spreadsheet.js';

/** The person behind a row as an export knows them. */
export interface PersonFacts {
  /** Name and e-mail may be shown: the row was collected with all data, and the caller may see who. */
  identified: boolean;
  name: string | null;
  email: string | null;
  /** Registration answers: the author's profile, or those copied onto the contribution. */
  answers: Demographics | null;
}

/** A user's registration answers (enabled questions), as one JSON object by question key. */
export const answersOf = (userId: AnyPgColumn | SQL) =>
  sql<Demographics | null>`(select jsonb_object_agg(${registrationQuestions.key}, ${registrationAnswers.value})
    from ${registrationAnswers} inner join ${registrationQuestions}
      on ${registrationQuestions.id} = ${registrationAnswers.questionId}
    where ${registrationAnswers.userId} = ${userId} and ${registrationQuestions.enabled})`;

/** The platform's enabled registration questions as columns, after name and e-mail. */
export async function personColumns(ctx: Context): Promise<Column[]> {
  const questions = await ctx.db
    .select({ key: registrationQuestions.key, title: registrationQuestions.title })
    .from(registrationQuestions)
    .where(
      and(
        eq(registrationQuestions.platformId, ctx.platform.id),
        eq(registrationQuestions.enabled, true),
      ),
    )
    .orderBy(asc(registrationQuestions.position));
  const locale = ctx.platform.defaultLocale;
  return [
    { key: 'name', header: 'Name' },
    { key: 'email', header: 'E-mail' },
    ...questions.map((q) => ({
      key: `answer:${q.key}`,
      header: localize(q.title, locale, ctx.platform.locales),
    })),
  ];
}

const fewerThan = `fewer than ${smallestShownGroup}`;

function toCell(value: Demographics[string] | undefined): Cell {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/**
 * The person cells of each row (SPEC 4.4): name, e-mail and answers where the person is shown;
 * where not, the answers alone, and an answer only when at least 5 such rows share it — with
 * fewer, it could point at the one who gave it, so it reads "fewer than 5".
 */
export function personCells(
  people: readonly PersonFacts[],
  columns: readonly Column[],
): Record<string, Cell>[] {
  const answerKeys = columns.filter((c) => c.key.startsWith('answer:')).map((c) => c.key.slice(7));
  const shared = new Map<string, number>();
  const tally = (key: string, cell: Cell) => `${key}\u0000${String(cell)}`;
  for (const person of people) {
    if (person.identified) continue;
    for (const key of answerKeys) {
      const cell = toCell(person.answers?.[key]);
      if (cell !== null) shared.set(tally(key, cell), (shared.get(tally(key, cell)) ?? 0) + 1);
    }
  }
  return people.map((person) => {
    const cells: Record<string, Cell> = {
      name: person.identified ? person.name : null,
      email: person.identified ? person.email : null,
    };
    for (const key of answerKeys) {
      const cell = toCell(person.answers?.[key]);
      cells[`answer:${key}`] =
        person.identified ||
        cell === null ||
        (shared.get(tally(key, cell)) ?? 0) >= smallestShownGroup
          ? cell
          : fewerThan;
    }
    return cells;
  });
}
