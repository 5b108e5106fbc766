import { existsSync } from 'node:fs';

/**
 * Outside CI a test that needs a missing browser or database server is skipped with a
 * message; under CI=true a missing service is a failure, never a silent skip.
 */
export function serviceAvailable(what: string, available: boolean): boolean {
  if (available) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${what} is required under CI=true but is not available`);
  }
  console.warn(`[skip] ${what} is not available here; its tests are skipped (they run in CI).`);
  return false;
}

export const chromiumPath = process.env.SAMRAD_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return serviceAvailable(`Chromium (${chromiumPath})`, existsSync(chromiumPath));
}

/** Connection URL of a PostgreSQL server on which tests may create and drop databases. */
export function postgresServerUrl(): string | undefined {
  const url = process.env.SAMRAD_TEST_DATABASE_URL;
  return serviceAvailable('PostgreSQL (SAMRAD_TEST_DATABASE_URL)', Boolean(url)) ? url : undefined;
}
