import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { participationAction } from './enums.js';
import { phases } from './phases.js';
import { platformId } from './columns.js';

/**
 * The double envelope of SPEC 4.4: that someone took part, never what they contributed.
 * `subject_hash` is a keyed hash of the user under a server secret the database does not hold.
 * No timestamps and no reference to a contribution, on purpose: nothing here links to one.
 */
export const participationMarkers = pgTable(
  'participation_markers',
  {
    platformId: platformId(),
    phaseId: uuid()
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    action: participationAction().notNull(),
    subjectHash: text().notNull(),
    /** How many times this person acted, for per-person caps. */
    count: integer().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.phaseId, t.action, t.subjectHash] }),
    check('participation_markers_count_positive', sql`${t.count} > 0`),
  ],
);
