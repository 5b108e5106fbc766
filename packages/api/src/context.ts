import { and, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Subject, UserStatus } from '@samrad/core';
import {
  platformHosts,
  platforms,
  sessions,
  users,
  type ChangeKind,
  type Connection,
  type Database,
} from '@samrad/db';
import { loadSubject, needsParticipation, type PlannedSmartGroup } from './access/load-subject.js';
import { loadPlannedSmartGroups } from './access/smart-groups.js';
import { clearSessionCookie, readSessionCookie, sessionCookie } from './auth/cookies.js';
import { processKeys, type ServerKeys } from './auth/keys.js';
import { hashToken } from './auth/tokens.js';
import { cachedReads } from './cache/cached-reads.js';
import { listenForChanges } from './cache/change-feed.js';

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

/** The reads a use case may ask this process to keep (`Context.remember`). */
export type RememberedRead = 'projectListings';

/** What a procedure knows about its call: the database, the platform (tenant), who is calling. */
export interface Context {
  db: Database;
  platform: Platform;
  viewer: Viewer;
  /** Hashes keyed by the server's secret (e-mail codes, verified identities, rate limits). */
  keys: ServerKeys;
  /** The network address the request came from, for rate limits; null outside HTTP. */
  clientAddress: string | null;
  /** This server's origin as the request reached it (`https://samrad.city.example`); null outside HTTP. */
  origin: string | null;
  /** The viewer compiled for the policy, loaded on first use and kept for the request. */
  subject: () => Promise<Subject>;
  /** Sets or clears the console's session cookie on the response (absent outside HTTP). */
  session: {
    set: (token: string, expiresAt: Date) => void;
    clear: () => void;
  };
  /**
   * A read this process may answer from memory until the platform changes (./cache): `key` must
   * name everything else the read depends on. `validForMs` bounds it when it depends on the time.
   */
  remember: <V extends object>(
    what: RememberedRead,
    key: string,
    load: () => Promise<V>,
    validForMs?: (value: V) => number,
  ) => Promise<V>;
  /** Resolves once this process's caches have heard of every change committed so far. */
  changesSettled: () => Promise<void>;
}

let defaultKeys: ServerKeys | undefined;

/** The context without HTTP, for tests and scripts (trpc's createContextInner pattern). */
export function createContextInner(input: {
  db: Database;
  platform: Platform;
  viewer?: Viewer;
  session?: Context['session'];
  /** The server's caches; without them, everything is loaded per request. */
  caches?: Caches;
  /** The server's keys; without them, a secret of this process (tests, scripts). */
  keys?: ServerKeys;
  clientAddress?: string | null;
  origin?: string | null;
}): Context {
  const { db, platform, caches } = input;
  const viewer = input.viewer ?? visitor;
  let subject: Promise<Subject> | undefined;
  return {
    db,
    platform,
    viewer,
    keys: input.keys ?? (defaultKeys ??= processKeys()),
    clientAddress: input.clientAddress ?? null,
    origin: input.origin ?? null,
    subject: () =>
      (subject ??= caches
        ? caches.subject(platform, viewer.user)
        : loadSubject(db, platform, viewer.user, () => loadPlannedSmartGroups(db, platform.id))),
    session: input.session ?? { set: () => {}, clear: () => {} },
    remember: (what, key, load, validForMs) =>
      caches ? caches.remember(platform.id, what, key, load, validForMs) : load(),
    changesSettled: () => caches?.feed.settled() ?? Promise.resolve(),
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

/** A live session: who holds it, and until when. */
interface LiveSession {
  viewer: Viewer;
  expiresAt: Date;
}

/** The live session a token's hash belongs to, on this platform; expired or revoked is none. */
async function findSession(
  db: Database,
  platform: Platform,
  tokenHash: string,
): Promise<LiveSession | undefined> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      kind: sessions.kind,
      expiresAt: sessions.expiresAt,
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
        eq(sessions.tokenHash, tokenHash),
        eq(sessions.platformId, platform.id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  return {
    viewer: {
      user: {
        id: row.id,
        email: row.email,
        name: row.name,
        status: row.status,
        verified: row.verifiedAt !== null,
      },
      session: { id: row.sessionId, kind: row.kind },
    },
    expiresAt: row.expiresAt,
  };
}

/** The viewer a token stands for, read from the database. */
export async function resolveViewer(
  db: Database,
  platform: Platform,
  token: string | null,
): Promise<Viewer> {
  if (!token) return visitor;
  return (await findSession(db, platform, hashToken(token)))?.viewer ?? visitor;
}

/**
 * What the server keeps in memory between requests: the platform of a host name, a platform's
 * smart-group rules, who a token stands for, compiled subjects and remembered reads. Each entry
 * is filed under the change feed's stamp of what it depends on, so any change committed to the
 * database — by this process, another one or anybody else — retires it (./cache/change-feed.ts).
 * `reads: false` keeps only the platform and smart-group caches, so that every request loads
 * its session, subject and listings (the access bench measures that path).
 */
export async function createCaches(
  connection: Pick<Connection, 'db' | 'listen' | 'announce'>,
  options: { reads?: boolean } = {},
) {
  const { db } = connection;
  const feed = await listenForChanges(connection);
  const keep = options.reads ?? true;
  const access: readonly ChangeKind[] = ['access'];
  const accessAndActivity: readonly ChangeKind[] = ['access', 'activity'];

  const platformsByHost = cachedReads<Platform>({ max: 1_000 });
  const smartGroups = cachedReads<PlannedSmartGroup[]>({ max: 1_000 });
  const sessionsByToken = cachedReads<LiveSession>({ max: 20_000 });
  const subjects = cachedReads<Subject>({ max: 20_000 });
  const remembered: Record<RememberedRead, ReturnType<typeof cachedReads<object>>> = {
    projectListings: cachedReads<object>({ max: 2_000 }),
  };
  const stampFor = (platformId: string, kinds: readonly ChangeKind[]) =>
    keep ? feed.stamp(platformId, kinds) : null;
  const groupsOf = async (platformId: string) =>
    (await smartGroups.read(feed.stamp(platformId, access), platformId, () =>
      loadPlannedSmartGroups(db, platformId),
    ))!;

  return {
    feed,
    platformOfHost: async (host: string): Promise<Platform> =>
      (await platformsByHost.read(feed.stampOfAll(), host, () => resolvePlatform(db, host)))!,
    smartGroups: groupsOf,
    async viewer(platform: Platform, token: string | null): Promise<Viewer> {
      if (!token) return visitor;
      const tokenHash = hashToken(token);
      const live = await sessionsByToken.read(
        stampFor(platform.id, access),
        `${platform.id}|${tokenHash}`,
        () => findSession(db, platform, tokenHash),
        (session) => session.expiresAt.getTime() - Date.now(),
      );
      return live && live.expiresAt.getTime() > Date.now() ? live.viewer : visitor;
    },
    async subject(platform: Platform, user: SessionUser | null): Promise<Subject> {
      if (!user) return loadSubject(db, platform, null, () => groupsOf(platform.id));
      const groups = await groupsOf(platform.id);
      // Smart groups on participation change with every contribution; others do not.
      const kinds = needsParticipation(groups) ? accessAndActivity : access;
      return (await subjects.read(stampFor(platform.id, kinds), `${platform.id}|${user.id}`, () =>
        loadSubject(db, platform, user, () => Promise.resolve(groups)),
      ))!;
    },
    async remember<V extends object>(
      platformId: string,
      what: RememberedRead,
      key: string,
      load: () => Promise<V>,
      validForMs?: (value: V) => number,
    ): Promise<V> {
      const value = await remembered[what].read(
        stampFor(platformId, access),
        `${platformId}|${key}`,
        load,
        validForMs as ((value: object) => number) | undefined,
      );
      return value as V;
    },
    close: () => feed.close(),
  };
}
export type Caches = Awaited<ReturnType<typeof createCaches>>;

/** Bearer token first (typed client, widgets), else the console's cookie. */
function tokenOf(request: Request): string | null {
  const authorization = request.headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? readSessionCookie(request.headers.get('cookie'));
}

export async function createContext(input: {
  caches: Caches;
  keys: ServerKeys;
  db: Database;
  req: Request;
  resHeaders: Headers;
  clientAddress: string | null;
}): Promise<Context> {
  const url = new URL(input.req.url);
  const platform = await input.caches.platformOfHost(input.req.headers.get('host') ?? url.host);
  const viewer = await input.caches.viewer(platform, tokenOf(input.req));
  const secure =
    url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return createContextInner({
    db: input.db,
    platform,
    viewer,
    caches: input.caches,
    keys: input.keys,
    clientAddress: input.clientAddress,
    origin: url.origin,
    session: {
      set: (token, expiresAt) =>
        input.resHeaders.append('set-cookie', sessionCookie(token, expiresAt, secure)),
      clear: () => input.resHeaders.append('set-cookie', clearSessionCookie(secure)),
    },
  });
}
