import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, platformId, updatedAt } from './columns.js';
import { accountKind, emailCodePurpose, sessionKind, userStatus } from './enums.js';

/**
 * People with an account on one platform. Pending and blocked users are visitors to the policy
 * (SPEC 2.4). A light account (SPEC 4.2) has a confirmed e-mail, a generated name and no password.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    platformId: platformId(),
    /** Stored lower-case so uniqueness is case-insensitive. */
    email: text().notNull(),
    name: text().notNull(),
    status: userStatus().notNull().default('active'),
    kind: accountKind().notNull().default('full'),
    passwordHash: text(),
    emailConfirmedAt: timestamp({ withTimezone: true }),
    locale: text(),
    /** SPEC 4.4: when and through which identity the user last verified. */
    verifiedAt: timestamp({ withTimezone: true }),
    /** Keyed hash of the verified identity, so one real person verifies only one account. */
    verificationIdentityHash: text(),
    /** Attributes the verification vouched for (birth year, area): read-only on the profile. */
    verifiedAttributes: jsonb().$type<Record<string, string>>(),
    /** SPEC 6: shown in the member directory only when the user chose so. */
    listedInDirectory: boolean().notNull().default(false),
    profile: jsonb()
      .$type<{ bio?: string; themes?: string[]; areaId?: string }>()
      .notNull()
      .default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('users_platform_email_unique').on(t.platformId, t.email),
    unique('users_id_platform_unique').on(t.id, t.platformId),
    uniqueIndex('users_platform_verification_identity_unique')
      .on(t.platformId, t.verificationIdentityHash)
      .where(sql`${t.verificationIdentityHash} is not null`),
    /** Generated names of light accounts are unique per platform (SPEC 4.2). */
    uniqueIndex('users_platform_light_name_unique')
      .on(t.platformId, t.name)
      .where(sql`${t.kind} = 'light'`),
    index('users_platform_created_idx').on(t.platformId, t.createdAt),
    // The people listed in the member directory (SPEC 6), one arm of `user.read`: found by this
    // index when few are listed, instead of walking every user to fill a page of them.
    index('users_platform_directory_idx')
      .on(t.platformId, t.createdAt)
      .where(sql`${t.listedInDirectory}`),
    check('users_email_lower', sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`),
    check('users_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('users_light_has_no_password', sql`${t.kind} = 'full' or ${t.passwordHash} is null`),
    check(
      'users_verification_complete',
      sql`(${t.verifiedAt} is null) = (${t.verificationIdentityHash} is null)`,
    ),
  ],
);

/**
 * Bearer sessions. Only a hash of the token is stored, so a leaked table grants nothing.
 * `participation` tokens are short-lived, for widgets, and refused by management procedures.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    platformId: platformId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: sessionKind().notNull().default('session'),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    check('sessions_expire_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

/**
 * One-time e-mail codes: keyed hashes (the key is the server's secret, not in the database),
 * expiring, single-use, with an attempt counter (SPEC 4.2). A change of address carries the
 * account it is for; `email` is then the new address, where the code was sent.
 */
export const emailCodes = pgTable(
  'email_codes',
  {
    id: id(),
    platformId: platformId(),
    email: text().notNull(),
    purpose: emailCodePurpose().notNull(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_codes_lookup_idx').on(t.platformId, t.email, t.purpose),
    check('email_codes_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);

/** Every e-mail sent; without SMTP_URL this is the outbox the console shows (API.md). */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    platformId: platformId(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    sentAt: timestamp({ withTimezone: true }),
    error: text(),
    /** Delivery attempts so far, and until when the current one holds the message. */
    attempts: integer().notNull().default(0),
    /** Where it went: `smtp`, or `log` (no SMTP_URL: the outbox is then the only inbox). */
    deliveredVia: text().$type<'smtp' | 'log'>(),
    claimedUntil: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_outbox_platform_created_idx').on(t.platformId, t.createdAt),
    index('email_outbox_due_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
  ],
);

/**
 * Fixed-window counters for rate limits (sign-in, codes), shared by every server process: one
 * row per key and window, counted up atomically.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    index('rate_limits_window_idx').on(t.windowStart),
  ],
);

/**
 * A verification in progress (SPEC 4.2 *verified*): the OpenID Connect authorization request's
 * state, PKCE verifier and nonce, for the callback to finish it. Short-lived, used once.
 */
export const verificationFlows = pgTable('verification_flows', {
  state: text().primaryKey(),
  platformId: platformId(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  codeVerifier: text().notNull(),
  nonce: text().notNull(),
  /** Where the browser goes once done: checked against the platform's origins. */
  returnTo: text(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: createdAt(),
});
