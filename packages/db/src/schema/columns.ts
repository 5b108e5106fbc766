import { sql } from 'drizzle-orm';
import { customType, jsonb, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@samrad/core';
import { platforms } from './platforms.js';

/** Random ids everywhere: never a sequence, so ids reveal neither order nor volume (SPEC 4.4). */
export const id = () => uuid().primaryKey().defaultRandom();

/** The tenant: every row but the platform's own carries it, and every query filters by it. */
export const platformId = () =>
  uuid()
    .notNull()
    .references(() => platforms.id, { onDelete: 'cascade' });

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** A text in several languages (`{ en: '…', sv: '…' }`); never empty. */
export const localizedText = () => jsonb().$type<LocalizedText>();

export const nonEmptyJsonObject = (column: string) =>
  sql.raw(`jsonb_typeof(${column}) = 'object' and ${column} <> '{}'::jsonb`);

/** Bytes kept in the database (files, images), so they share its transactions and backups. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});
