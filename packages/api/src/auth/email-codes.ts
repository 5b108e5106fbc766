import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { emailCodes, type Database } from '@samrad/db';
import type { ServerKeys } from './keys.js';

export type CodePurpose = (typeof emailCodes.$inferSelect)['purpose'];

/** SPEC 4.2: a code lives ten minutes and allows five tries; a new one replaces the last. */
const lifetimeMs = 10 * 60_000;
export const maxCodeAttempts = 5;

const hashOf = (
  keys: ServerKeys,
  platformId: string,
  purpose: CodePurpose,
  email: string,
  code: string,
) => keys.keyedHash('email-code', platformId, purpose, email, code);

/**
 * A new six-digit code for an address and purpose, in the caller's transaction (with the e-mail
 * that carries it). Earlier codes for the same address and purpose stop working.
 */
export async function issueCode(
  tx: Database,
  keys: ServerKeys,
  input: { platformId: string; email: string; purpose: CodePurpose; userId?: string },
): Promise<{ code: string; expiresAt: Date }> {
  const { platformId, email, purpose } = input;
  const now = new Date();
  await tx
    .update(emailCodes)
    .set({ consumedAt: now })
    .where(
      and(
        eq(emailCodes.platformId, platformId),
        eq(emailCodes.email, email),
        eq(emailCodes.purpose, purpose),
        isNull(emailCodes.consumedAt),
      ),
    );
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await tx.insert(emailCodes).values({
    platformId,
    email,
    purpose,
    userId: input.userId ?? null,
    codeHash: hashOf(keys, platformId, purpose, email, code),
    expiresAt,
  });
  return { code, expiresAt };
}

/**
 * Uses up the address's current code if `code` is it: the code then never works again. A wrong
 * code counts as a try, and five tries end it. Call in a transaction that commits either way (a
 * refused try must still count): the answer says whether it matched, and for whom it was issued.
 */
export async function consumeCode(
  tx: Database,
  keys: ServerKeys,
  input: { platformId: string; email: string; purpose: CodePurpose; code: string },
): Promise<{ matched: true; userId: string | null } | { matched: false }> {
  const { platformId, email, purpose } = input;
  const [current] = await tx
    .select()
    .from(emailCodes)
    .where(
      and(
        eq(emailCodes.platformId, platformId),
        eq(emailCodes.email, email),
        eq(emailCodes.purpose, purpose),
        isNull(emailCodes.consumedAt),
        gt(emailCodes.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(emailCodes.createdAt))
    .limit(1)
    .for('update');
  if (!current || current.attempts >= maxCodeAttempts) return { matched: false };
  const expected = Buffer.from(current.codeHash);
  const given = Buffer.from(hashOf(keys, platformId, purpose, email, input.code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const attempts = current.attempts + 1;
    await tx
      .update(emailCodes)
      .set({ attempts, ...(attempts >= maxCodeAttempts ? { consumedAt: new Date() } : {}) })
      .where(eq(emailCodes.id, current.id));
    return { matched: false };
  }
  await tx.update(emailCodes).set({ consumedAt: new Date() }).where(eq(emailCodes.id, current.id));
  return { matched: true, userId: current.userId };
}
