import { sessions, type Database } from '@samrad/db';
import { hashToken, newToken } from './tokens.js';

const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** Opens a session and returns its bearer token; only the token's hash is stored. */
export async function openSession(
  db: Database,
  input: { platformId: string; userId: string; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db.insert(sessions).values({
    platformId: input.platformId,
    userId: input.userId,
    kind: 'session',
    tokenHash: hashToken(token),
    expiresAt,
    userAgent: input.userAgent ?? null,
  });
  return { token, expiresAt };
}
