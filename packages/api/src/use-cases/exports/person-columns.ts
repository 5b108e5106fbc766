import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { localize, smallestShownGroup } from '@samrad/core';
import { areas, registrationAnswers, registrationQuestions, type Demographics } from '@samrad/db';
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

/** A person column; an answer column reads its answers as people do: options and areas by title. */
export interface PersonColumn extends Column {
  titles?: ReadonlyMap<string, string>;
}

/** The platform's enabled registration questions as columns, after name and e-mail. Two queries. */
export async function personColumns(ctx: Context): Promise<PersonColumn[]> {
  const [questions, areaRows] = await Promise.all([
    ctx.db
      .select({
        key: registrationQuestions.key,
        title: registrationQuestions.title,
        type: registrationQuestions.type,
        options: registrationQuestions.options,
      })
      .from(registrationQuestions)
      .where(
        and(
          eq(registrationQuestions.platformId, ctx.platform.id),
          eq(registrationQuestions.enabled, true),
        ),
      )
      .orderBy(asc(registrationQuestions.position)),
    ctx.db
      .select({ id: areas.id, title: areas.title })
      .from(areas)
      .where(eq(areas.platformId, ctx.platform.id)),
  ]);
  const title = (value: Parameters<typeof localize>[0]) =>
    localize(value, ctx.platform.defaultLocale, ctx.platform.locales);
  const areaTitles = new Map(areaRows.map((area) => [area.id, title(area.title)]));
  return [
    { key: 'name', header: 'Name' },
    { key: 'email', header: 'E-mail' },
    ...questions.map((q) => ({
      key: `answer:${q.key}`,
      header: title(q.title),
      titles:
        q.type === 'area'
          ? areaTitles
          : q.options
            ? new Map(q.options.map((option) => [option.key, title(option.title)]))
            : undefined,
    })),
  ];
}

const fewerThan = `fewer than ${smallestShownGroup}`;

function toCell(
  value: Demographics[string] | undefined,
  titles: ReadonlyMap<string, string> | undefined,
): Cell {
  if (value === undefined) return null;
  const titled = (key: string) => titles?.get(key) ?? key;
  if (Array.isArray(value)) return value.map(titled).join(', ');
  if (typeof value === 'string') return titled(value);
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
  columns: readonly PersonColumn[],
): Record<string, Cell>[] {
  const answerColumns = columns
    .filter((c) => c.key.startsWith('answer:'))
    .map((c) => ({ key: c.key.slice(7), titles: c.titles }));
  const shared = new Map<string, number>();
  const tally = (key: string, cell: Cell) => `${key}\u0000${String(cell)}`;
  for (const person of people) {
    if (person.identified) continue;
    for (const { key, titles } of answerColumns) {
      const cell = toCell(person.answers?.[key], titles);
      if (cell !== null) shared.set(tally(key, cell), (shared.get(tally(key, cell)) ?? 0) + 1);
    }
  }
  return people.map((person) => {
    const cells: Record<string, Cell> = {
      name: person.identified ? person.name : null,
      email: person.identified ? person.email : null,
    };
    for (const { key, titles } of answerColumns) {
      const cell = toCell(person.answers?.[key], titles);
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
