import { lt, sql } from 'drizzle-orm';
import { rateLimits as counters, type Database } from '@samrad/db';
import { AppError } from '../errors.js';
import type { ServerKeys } from './keys.js';

/** How many tries a window allows, per e-mail address or per network address. */
export interface RateLimit {
  name: string;
  max: number;
  windowMs: number;
}

const minutes = (n: number) => n * 60_000;

/*
 * Generous for people, tight for scripts: a person mistyping a password ten times in a quarter of
 * an hour is rare; a script trying a thousand is stopped after ten, per e-mail address and per
 * network address (many addresses tried from one machine).
 */
export const rateLimits = {
  signInPerEmail: { name: 'sign-in:email', max: 10, windowMs: minutes(15) },
  signInPerAddress: { name: 'sign-in:address', max: 60, windowMs: minutes(15) },
  signUpPerAddress: { name: 'sign-up:address', max: 20, windowMs: minutes(60) },
  codeRequestPerEmail: { name: 'code-request:email', max: 5, windowMs: minutes(15) },
  codeRequestPerAddress: { name: 'code-request:address', max: 30, windowMs: minutes(15) },
  codeAttemptPerEmail: { name: 'code-attempt:email', max: 10, windowMs: minutes(15) },
  codeAttemptPerAddress: { name: 'code-attempt:address', max: 60, windowMs: minutes(15) },
} satisfies Record<string, RateLimit>;

/**
 * Counts one try against `limit` for `who` (an e-mail address, a network address) on a platform,
 * and refuses it with TOO_MANY_REQUESTS past the limit. The counter lives in the database, so
 * every server process counts together; its key is a keyed hash, so the table holds neither
 * addresses nor e-mails.
 */
export async function spend(
  db: Database,
  keys: ServerKeys,
  input: { platformId: string; limit: RateLimit; who: string },
): Promise<void> {
  const { limit } = input;
  const windowStart = new Date(Math.floor(Date.now() / limit.windowMs) * limit.windowMs);
  const key = keys.keyedHash('rate-limit', input.platformId, limit.name, input.who.toLowerCase());
  const [row] = await db
    .insert(counters)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [counters.key, counters.windowStart],
      set: { count: sql`${counters.count} + 1` },
    })
    .returning({ count: counters.count });
  if (row!.count > limit.max) {
    const retryInMinutes = Math.ceil(
      (windowStart.getTime() + limit.windowMs - Date.now()) / 60_000,
    );
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Too many attempts: try again in ${retryInMinutes} minute${retryInMinutes === 1 ? '' : 's'}`,
    );
  }
}

/** Drops counters of windows that are over (the longest window is an hour). */
export async function forgetOldCounters(db: Database): Promise<void> {
  await db.delete(counters).where(lt(counters.windowStart, new Date(Date.now() - minutes(120))));
}

/** One try of a request, counted per e-mail address and per network address (when known). */
export async function spendTry(
  ctx: { db: Database; keys: ServerKeys; platform: { id: string }; clientAddress: string | null },
  limits: { email?: string; perEmail?: RateLimit; perAddress?: RateLimit },
): Promise<void> {
  const platformId = ctx.platform.id;
  if (limits.perAddress && ctx.clientAddress) {
    await spend(ctx.db, ctx.keys, { platformId, limit: limits.perAddress, who: ctx.clientAddress });
  }
  if (limits.perEmail && limits.email) {
    await spend(ctx.db, ctx.keys, { platformId, limit: limits.perEmail, who: limits.email });
  }
}
