import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Locale } from '@samrad/core';
import { usernameFormat } from './enums.js';

/**
 * A city. One deployment may host many; each request is resolved to one platform by its host
 * name (`platform_hosts`), and every other row carries `platform_id`.
 * (No helpers from columns.ts here: that module references this table.)
 */
export const platforms = pgTable(
  'platforms',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    defaultLocale: text().$type<Locale>().notNull().default('en'),
    locales: text()
      .array()
      .$type<Locale[]>()
      .notNull()
      .default(sql`'{en}'::text[]`),
    /** SPEC 2.4: new accounts stay pending until an admin approves them. */
    registrationApproval: boolean().notNull().default(false),
    usernameFormat: usernameFormat().notNull().default('user'),
    /** SPEC 2.2: folder managers may appoint managers inside their branch. Off by default. */
    managersMayDelegate: boolean().notNull().default(false),
    /** Origins allowed to embed the widgets and call the API cross-origin (SPEC 8). */
    embedOrigins: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The verification (SSO) method: an OpenID Connect provider's settings, or null. */
    verification: jsonb().$type<{
      issuer: string;
      clientId: string;
      clientSecret: string;
      attributes?: Record<string, string>;
    }>(),
    branding: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    check('platforms_default_locale_in_locales', sql`${t.defaultLocale} = any(${t.locales})`),
    check('platforms_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

/** Host names that resolve to a platform (`samrad.city.example`, `localhost`). */
export const platformHosts = pgTable('platform_hosts', {
  host: text().primaryKey(),
  platformId: uuid()
    .notNull()
    .references(() => platforms.id, { onDelete: 'cascade' }),
});
