import { and, eq, gt, isNull } from 'drizzle-orm';
import type { UserStatus } from '@samrad/core';
import { platformHosts, platforms, sessions, users, type Database } from '@samrad/db';
import { hashToken } from './auth/tokens.js';
import { clearSessionCookie, readSessionCookie, sessionCookie } from './auth/cookies.js';

export type Platform = typeof platforms.$inferSelect;

/** The signed-in user as the policy sees them. Pending and blocked users are visitors to it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  verified: boolean;
}

export interface Viewer {
  user: SessionUser | null;
  session: { id: string; kind: 'session' | 'participation' } | null;
}

export const visitor: Viewer = { user: null, session: null };

/** What a procedure knows about its call: the database, the platform (tenant), who is calling. */
export interface Context {
  db: Database;
  platform: Platform;
  viewer: Viewer;
  /** Sets or clears the console's session cookie on the response (absent outside HTTP). */
  session: {
    set: (token: string, expiresAt: Date) => void;
    clear: () => void;
  };
}

/** The context without HTTP, for tests and scripts (trpc's createContextInner pattern). */
export function createContextInner(input: {
  db: Database;
  platform: Platform;
  viewer?: Viewer;
  session?: Context['session'];
}): Context {
  return {
    db: input.db,
    platform: input.platform,
    viewer: input.viewer ?? visitor,
    session: input.session ?? { set: () => {}, clear: () => {} },
  };
}

/** The platform a host name belongs to, else the deployment's default platform. */
export async function resolvePlatform(db: Database, host: string): Promise<Platform> {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const [byHost] = await db
    .select({ platform: platforms })
    .from(platformHosts)
    .innerJoin(platforms, eq(platforms.id, platformHosts.platformId))
    .where(eq(platformHosts.host, hostname))
    .limit(1);
  if (byHost) return byHost.platform;
  const [fallback] = await db.select().from(platforms).where(eq(platforms.slug, 'default')).limit(1);
  if (!fallback) throw new Error('no platform: the server bootstraps one at start');
  return fallback;
}

/** The live session a token belongs to, on this platform; expired or revoked ones are nobody. */
export async function resolveViewer(db: Database, platform: Platform, token: string | null): Promise<Viewer> {
  if (!token) return visitor;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      kind: sessions.kind,
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      verifiedAt: users.verifiedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        eq(sessions.platformId, platform.id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!row) return visitor;
  return {
    user: { id: row.id, email: row.email, name: row.name, status: row.status, verified: row.verifiedAt !== null },
    session: { id: row.sessionId, kind: row.kind },
  };
}

/** Bearer token first (typed client, widgets), else the console's cookie. */
function tokenOf(request: Request): string | null {
  const authorization = request.headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? readSessionCookie(request.headers.get('cookie'));
}

export async function createContext(input: {
  db: Database;
  req: Request;
  resHeaders: Headers;
}): Promise<Context> {
  const url = new URL(input.req.url);
  const platform = await resolvePlatform(input.db, input.req.headers.get('host') ?? url.host);
  const viewer = await resolveViewer(input.db, platform, tokenOf(input.req));
  const secure = url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return createContextInner({
    db: input.db,
    platform,
    viewer,
    session: {
      set: (token, expiresAt) => input.resHeaders.append('set-cookie', sessionCookie(token, expiresAt, secure)),
      clear: () => input.resHeaders.append('set-cookie', clearSessionCookie(secure)),
    },
  });
}
