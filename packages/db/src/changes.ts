/*
 * Announcements of changes (migration 0007): triggers on every table a server process may hold a
 * cached read of call pg_notify at commit. This is the contract between those triggers and the
 * caches that listen (`@samrad/api`'s change feed).
 */

/** The channel the triggers announce on. */
export const changeChannel = 'samrad_changes';

/**
 * What a change touched: `access` — the platform, its folders, projects, phases, people, roles,
 * groups and settings (who sees what); `activity` — what people contributed.
 */
export type ChangeKind = 'access' | 'activity';

export type Change =
  | { kind: ChangeKind; platformId: string }
  /** A TRUNCATE, or anything unrecognised: every cached read is suspect. */
  | { kind: 'reset' }
  /** E-mail was queued: it is due for delivery. */
  | { kind: 'outbox' }
  /** A marker a process sent itself to learn that everything before it has arrived. */
  | { kind: 'sync'; marker: string };

const syncPrefix = 'sync:';

export function parseChange(payload: string): Change {
  if (payload.startsWith(syncPrefix))
    return { kind: 'sync', marker: payload.slice(syncPrefix.length) };
  const [kind, platformId] = payload.split(':');
  if ((kind === 'access' || kind === 'activity') && platformId) return { kind, platformId };
  if (payload === 'outbox') return { kind: 'outbox' };
  return { kind: 'reset' };
}

export const syncPayload = (marker: string) => `${syncPrefix}${marker}`;

/**
 * The tables no cache reads, so their rows change without an announcement: e-mail codes, rate
 * limit counters and verifications in progress (read once, by key), and the audit log
 * (append-only, always read live). Every other table is announced (a test holds this list and
 * the triggers equal); the outbox announces new messages as due for delivery. Inserting a
 * session is not announced either: a new token is in nobody's cache.
 */
export const unannouncedTables = [
  'audit_log',
  'email_codes',
  'rate_limits',
  'verification_flows',
] as const;

/** Receives the announcements, in commit order, from a connection of its own. */
export interface ChangeListener {
  onChange(change: Change): void;
  /** Listening (again). What was announced while not listening is lost. */
  onListening(): void;
  /** No longer listening (the connection dropped); listening resumes on its own. */
  onLost(): void;
}
