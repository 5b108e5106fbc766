import { createSamradClient, type AppRouter } from '@samrad/client';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { errorCode } from './errors';

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A session that expires or is revoked elsewhere turns calls into UNAUTHORIZED: asking
    // auth.me again lets the session guard send the person back to the sign-in page.
    onError(error) {
      if (errorCode(error) === 'UNAUTHORIZED') {
        void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (4xx) will not change on a retry; only network and server failures may.
      retry: (failureCount, error) => {
        const code = errorCode(error);
        return failureCount < 2 && (code === null || code === 'INTERNAL_SERVER_ERROR');
      },
    },
  },
});

// The session is the HttpOnly cookie set by auth.signIn: the console never sees the token,
// so script injected into the page cannot steal it. Calls whose answers are not worth caching
// (export files) use it directly.
export const api = createSamradClient({ url: window.location.origin, credentials: 'same-origin' });

export const trpc: TRPCOptionsProxy<AppRouter> = createTRPCOptionsProxy<AppRouter>({
  client: api,
  queryClient,
});
