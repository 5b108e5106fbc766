import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@samrad/api';

export type { AppRouter };
/** Errors from the API: `error.data.code` is one of API.md's codes, `error.data.reason` a SPEC 4.3 reason. */
export { TRPCClientError } from '@trpc/client';
/** Input and output types of every procedure, e.g. `RouterOutputs['projects']['list']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type SamradClient = TRPCClient<AppRouter>;

export interface SamradClientOptions {
  /** Where Samrad runs, e.g. `https://samrad.example.org` (the API is under `/trpc`). */
  url: string;
  /**
   * A bearer token from `auth.signIn` (or a function returning the current one, for widgets
   * that receive a token later). Without it the client calls as a visitor.
   */
  token?: string | null | (() => string | null | undefined);
  /** Send the browser's cookies (the console, same origin). */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
}

export function createSamradClient(options: SamradClientOptions): SamradClient {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        headers() {
          const token = typeof options.token === 'function' ? options.token() : options.token;
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        fetch(url, init) {
          const doFetch = options.fetch ?? globalThis.fetch;
          return doFetch(url, {
            ...(init as RequestInit),
            credentials: options.credentials ?? 'omit',
          });
        },
      }),
    ],
  });
}
