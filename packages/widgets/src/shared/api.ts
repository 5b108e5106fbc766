import { createSamradClient, type RouterOutputs, type SamradClient } from '@samrad/client';

export type ProjectCard = RouterOutputs['projects']['list']['items'][number];
export type PhaseSummary = NonNullable<ProjectCard['currentPhase']>;
export type PlatformInfo = RouterOutputs['platform']['get'];

/**
 * The server that served this script also serves the API, so a city pastes one script tag
 * and nothing else; the `api` attribute is for scripts hosted elsewhere.
 */
export const scriptOrigin = new URL(import.meta.url).origin;

/** The API base URL for an `api` attribute, resolved against the embedding page. */
export function apiUrl(
  attribute: string | null | undefined,
  baseUri: string,
  fallback = scriptOrigin,
): string {
  const value = attribute?.trim();
  if (!value) return fallback;
  return new URL(value, baseUri).href.replace(/\/+$/, '');
}

// One client per server, so widgets on the same page share tRPC's request batching.
const clients = new Map<string, SamradClient>();
const platforms = new Map<string, Promise<PlatformInfo | undefined>>();

export function clientFor(url: string): SamradClient {
  let client = clients.get(url);
  if (!client) {
    // Visitors call without cookies: a city page must never ride on a Samrad session (SPEC 8).
    client = createSamradClient({ url, credentials: 'omit' });
    clients.set(url, client);
  }
  return client;
}

/**
 * The platform's languages, fetched once per server. Only the fallback language depends on
 * it, so a failure yields undefined (and is retried next time) instead of failing the widget.
 */
export function platformOf(url: string): Promise<PlatformInfo | undefined> {
  let platform = platforms.get(url);
  if (!platform) {
    platform = clientFor(url)
      .platform.get.query()
      .catch(() => {
        platforms.delete(url);
        return undefined;
      });
    platforms.set(url, platform);
  }
  return platform;
}
