import { and, eq, isNull, ne } from 'drizzle-orm';
import { sessions, type Database } from '@samrad/db';
import { hashToken, newToken } from './tokens.js';

export type SessionKind = (typeof sessions.$inferSelect)['kind'];

/**
 * A full session (the console, the typed client) lasts thirty days; a participation token
 * (widgets, SPEC 8) two hours, and is refused by every management procedure.
 */
const lifetimeMs: Record<SessionKind, number> = {
  session: 30 * 24 * 60 * 60 * 1000,
  participation: 2 * 60 * 60 * 1000,
};

/** Opens a session and returns its bearer token; only the token's hash is stored. */
export async function openSession(
  db: Database,
  input: { platformId: string; userId: string; kind?: SessionKind; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const kind = input.kind ?? 'session';
  const token = newToken();
  const expiresAt = new Date(Date.now() + lifetimeMs[kind]);
  await db.insert(sessions).values({
    platformId: input.platformId,
    userId: input.userId,
    kind,
    tokenHash: hashToken(token),
    expiresAt,
    userAgent: input.userAgent ?? null,
  });
  return { token, expiresAt };
}

/** Ends every live session of a user, but `exceptId` (the one asking, when it stays). */
export async function revokeSessions(
  db: Database,
  input: { userId: string; exceptId?: string },
): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, input.userId),
        isNull(sessions.revokedAt),
        input.exceptId ? ne(sessions.id, input.exceptId) : undefined,
      ),
    );
}
