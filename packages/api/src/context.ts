import { and, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Subject, UserStatus } from '@samrad/core';
import { loadSubject } from './access/load-subject.js';
import { loadPlannedSmartGroups } from './access/smart-groups.js';
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
  /** The viewer compiled for the policy, loaded on first use and kept for the request. */
  subject: () => Promise<Subject>;
  /** Sets or clears the console's session cookie on the response (absent outside HTTP). */
  session: {
    set: (token: string, expiresAt: Date) => void;
    clear: () => void;
  };
  /**
   * Drops this process's cached platform settings or smart-group rules after a change to them;
   * other processes see it when their copy expires (a few seconds).
   */
  forgetCached: (what: 'platforms' | 'smartGroups') => void;
}

/** The context without HTTP, for tests and scripts (trpc's createContextInner pattern). */
export function createContextInner(input: {
  db: Database;
  platform: Platform;
  viewer?: Viewer;
  session?: Context['session'];
  /** The server's caches; without them, everything is loaded per request. */
  caches?: Caches;
}): Context {
  const viewer = input.viewer ?? visitor;
  let subject: Promise<Subject> | undefined;
  return {
    db: input.db,
    platform: input.platform,
    viewer,
    subject: () =>
      (subject ??= loadSubject(
        input.db,
        input.platform,
        viewer.user,
        input.caches
          ? () => input.caches!.smartGroups.get(input.platform.id)
          : () => loadPlannedSmartGroups(input.db, input.platform.id),
      )),
    session: input.session ?? { set: () => {}, clear: () => {} },
    forgetCached: (what) => input.caches?.[what].forget(),
  };
}

/** The platform a host name belongs to, else the deployment's default platform. */
export async function resolvePlatform(db: Database, host: string): Promise<Platform> {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const [row] = await db
    .select()
    .from(platforms)
    .leftJoin(
      platformHosts,
      and(eq(platformHosts.platformId, platforms.id), eq(platformHosts.host, hostname)),
    )
    .where(or(isNotNull(platformHosts.host), eq(platforms.slug, 'default')))
    // A host name's own platform before the default one.
    .orderBy(sql`${platformHosts.host} is null`)
    .limit(1);
  if (!row) throw new Error('no platform: the server bootstraps one at start');
  return row.platforms;
}

/**
 * What every request needs and rarely changes — the platform of a host name, a platform's smart
 * group rules — cached for a few seconds: a change reaches every server process within `ttlMs`,
 * and this one at once through `forget`, which the use cases that change them call.
 */
function ttlCache<T>(load: (key: string) => Promise<T>, ttlMs: number) {
  const entries = new Map<string, { value: Promise<T>; until: number }>();
  return {
    get(key: string): Promise<T> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.value;
      const value = load(key);
      entries.set(key, { value, until: now + ttlMs });
      value.catch(() => entries.delete(key));
      return value;
    },
    forget: () => entries.clear(),
  };
}

export function createCaches(db: Database, ttlMs = 5_000) {
  return {
    platforms: ttlCache((host) => resolvePlatform(db, host), ttlMs),
    smartGroups: ttlCache((platformId) => loadPlannedSmartGroups(db, platformId), ttlMs),
  };
}
export type Caches = ReturnType<typeof createCaches>;

/** The live session a token belongs to, on this platform; expired or revoked ones are nobody. */
export async function resolveViewer(
  db: Database,
  platform: Platform,
  token: string | null,
): Promise<Viewer> {
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
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      status: row.status,
      verified: row.verifiedAt !== null,
    },
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
  caches: Caches;
  req: Request;
  resHeaders: Headers;
}): Promise<Context> {
  const url = new URL(input.req.url);
  const platform = await input.caches.platforms.get(input.req.headers.get('host') ?? url.host);
  const viewer = await resolveViewer(input.db, platform, tokenOf(input.req));
  const secure =
    url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return createContextInner({
    db: input.db,
    platform,
    viewer,
    caches: input.caches,
    session: {
      set: (token, expiresAt) =>
        input.resHeaders.append('set-cookie', sessionCookie(token, expiresAt, secure)),
      clear: () => input.resHeaders.append('set-cookie', clearSessionCookie(secure)),
    },
  });
}
