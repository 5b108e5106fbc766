import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  createdAt,
  id,
  localizedText,
  nonEmptyJsonObject,
  platformId,
  updatedAt,
} from './columns.js';
import { phases } from './phases.js';
import { projects } from './projects.js';
import { users } from './users.js';

/** Causes residents volunteer for in a volunteering phase. */
export const volunteeringCauses = pgTable(
  'volunteering_causes',
  {
    id: id(),
    platformId: platformId(),
    phaseId: uuid()
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    title: localizedText().notNull(),
    description: localizedText().notNull().default({}),
    capacity: integer(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('volunteering_causes_phase_idx').on(t.phaseId, t.position),
    check('volunteering_causes_title_not_empty', nonEmptyJsonObject('title')),
    check('volunteering_causes_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

export const volunteers = pgTable(
  'volunteers',
  {
    platformId: platformId(),
    causeId: uuid()
      .notNull()
      .references(() => volunteeringCauses.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.causeId, t.userId] }),
    index('volunteers_user_idx').on(t.userId),
  ],
);

/** Events belong to a project, optionally to one of its phases (SPEC 6). */
export const events = pgTable(
  'events',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phaseId: uuid().references(() => phases.id, { onDelete: 'set null' }),
    title: localizedText().notNull(),
    description: localizedText().notNull().default({}),
    location: text(),
    onlineUrl: text(),
    startAt: timestamp({ withTimezone: true }).notNull(),
    endAt: timestamp({ withTimezone: true }),
    capacity: integer(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('events_project_start_idx').on(t.projectId, t.startAt),
    check('events_title_not_empty', nonEmptyJsonObject('title')),
    check('events_end_after_start', sql`${t.endAt} is null or ${t.endAt} > ${t.startAt}`),
    check('events_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    platformId: platformId(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('event_registrations_user_idx').on(t.userId),
  ],
);
