import { randomUUID } from 'node:crypto';
import { syncPayload, type Change, type ChangeKind, type Connection } from '@samrad/db';

/**
 * What this process has heard of the database's change announcements (`@samrad/db` changes.ts):
 * a stamp per platform and kind of change that moves with every change, for cached reads to be
 * keyed by — an entry read under an older stamp is never found again. Whoever wrote (this
 * process, another one, a script) makes no difference: the database announces it.
 *
 * While not listening (a dropped connection) there is no stamp, and nothing is cached; every
 * (re)start of listening begins a new epoch, since what was announced meanwhile is lost.
 */
export interface ChangeFeed {
  /** The stamp of a platform's changes of these kinds; null while cached reads cannot be trusted. */
  stamp(platformId: string, kinds: readonly ChangeKind[]): string | null;
  /** The stamp of every platform's changes (for what is looked up before a platform is known). */
  stampOfAll(): string | null;
  /** Resolves once every change committed before the call has been heard here. */
  settled(): Promise<void>;
  /** Calls `listener` whenever e-mail has been queued (by any process). */
  onEmailQueued(listener: () => void): void;
  close(): Promise<void>;
}

export async function listenForChanges(
  connection: Pick<Connection, 'listen' | 'announce'>,
  /** How long `settled` waits for its marker before it stops trusting what it has heard. */
  options: { settleTimeoutMs?: number } = {},
): Promise<ChangeFeed> {
  const settleTimeoutMs = options.settleTimeoutMs ?? 2_000;
  const processMarker = randomUUID();
  let epoch = 0;
  let live = false;
  let all = 0;
  const counts = new Map<string, Record<ChangeKind, number>>();
  let nextMarker = 0;
  const waiting = new Map<string, () => void>();
  const emailListeners: (() => void)[] = [];
  /** A marker that did not come back in time: until it does, what we heard may be incomplete. */
  let overdue: string | null = null;

  const forgetEverything = () => {
    epoch += 1;
    counts.clear();
  };
  const releaseWaiting = () => {
    for (const release of waiting.values()) release();
    waiting.clear();
  };

  function onChange(change: Change) {
    switch (change.kind) {
      case 'sync':
        waiting.get(change.marker)?.();
        waiting.delete(change.marker);
        // Everything committed before it has now arrived too (announcements keep commit order).
        if (change.marker === overdue) {
          overdue = null;
          forgetEverything();
          live = true;
        }
        return;
      case 'reset':
        forgetEverything();
        return;
      case 'outbox':
        for (const listener of emailListeners) listener();
        return;
      default: {
        all += 1;
        const count = counts.get(change.platformId) ?? { access: 0, activity: 0 };
        count[change.kind] += 1;
        counts.set(change.platformId, count);
      }
    }
  }

  const stop = await connection.listen({
    onChange,
    onListening: () => {
      overdue = null;
      forgetEverything();
      live = true;
    },
    onLost: () => {
      live = false;
      forgetEverything();
      releaseWaiting();
    },
  });

  return {
    stamp(platformId, kinds) {
      if (!live) return null;
      const count = counts.get(platformId);
      let stamp = `${epoch}`;
      for (const kind of kinds) stamp += `.${count?.[kind] ?? 0}`;
      return stamp;
    },
    stampOfAll: () => (live ? `${epoch}.${all}` : null),
    async settled() {
      if (!live) return;
      const marker = `${processMarker}.${(nextMarker += 1)}`;
      const arrived = new Promise<void>((resolve) => waiting.set(marker, resolve));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), settleTimeoutMs);
      });
      await connection.announce(syncPayload(marker));
      // A marker that does not come back in time means announcements are not reaching us: trust
      // nothing until it does.
      if ((await Promise.race([arrived, late])) === 'late') {
        waiting.delete(marker);
        overdue = marker;
        live = false;
        forgetEverything();
      }
      clearTimeout(timer);
    },
    onEmailQueued: (listener) => void emailListeners.push(listener),
    async close() {
      live = false;
      releaseWaiting();
      await stop();
    },
  };
}
