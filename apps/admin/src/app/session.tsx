import type { RouterOutputs } from '@samrad/client';
import { useQuery } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { QueryError } from '../components/query-error';
import { trpc } from '../lib/trpc';

export type Session = NonNullable<RouterOutputs['auth']['me']>;

const SessionContext = createContext<Session | null>(null);

/** The signed-in person; only screens under <RequireSession> may ask. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() is used outside <RequireSession>');
  return session;
}

/** Where to go after signing in: the page that sent the person to sign in, else projects. */
export function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/sign-in'))
      return from;
  }
  return '/projects';
}

/**
 * The guard of every signed-in screen. It is only a convenience for people: the server
 * checks every call against the session cookie, so nothing here protects data.
 */
export function RequireSession() {
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  if (me.data) {
    return (
      <SessionContext value={me.data}>
        <Outlet />
      </SessionContext>
    );
  }
  if (me.data === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  return (
    <main className="centered" id="main">
      {me.isError ? (
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </main>
  );
}
