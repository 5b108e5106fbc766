import { sql } from 'drizzle-orm';
import { check, jsonb, timestamp, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { dataCollection } from './enums.js';
import { users } from './users.js';

/** Registration answers copied onto a contribution under "demographic data only". */
export type Demographics = Record<string, string | number | boolean | string[]>;

/**
 * Columns every contribution shares (inputs, comments, votes, survey responses).
 * SPEC 4.4: under `demographics` or `anonymous` nothing can lead back to the person — no author,
 * and times coarsened to the day; under `anonymous` no demographics either.
 */
export const contributionColumns = () => ({
  authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
  dataCollection: dataCollection().notNull(),
  demographics: jsonb().$type<Demographics>(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

export function contributionChecks(
  table: string,
  t: {
    authorId: PgColumn;
    dataCollection: PgColumn;
    demographics: PgColumn;
    createdAt: PgColumn;
    updatedAt: PgColumn;
  },
) {
  const day = (column: PgColumn) => sql`(extract(epoch from ${column})::bigint % 86400 = 0)`;
  return [
    check(
      `${table}_anonymity`,
      sql`(${t.dataCollection} = 'all' and ${t.demographics} is null)
        or (${t.dataCollection} = 'demographics' and ${t.authorId} is null and ${t.demographics} is not null
            and ${day(t.createdAt)} and ${day(t.updatedAt)})
        or (${t.dataCollection} = 'anonymous' and ${t.authorId} is null and ${t.demographics} is null
            and ${day(t.createdAt)} and ${day(t.updatedAt)})`,
    ),
  ];
}
