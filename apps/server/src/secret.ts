import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The server's secret: `SAMRAD_SECRET`, else the one kept in the data directory, made on the
 * first start (readable by this user only). Every process of one deployment must share it: a code
 * hashed by one is checked by another.
 */
export function serverSecret(env: {
  SAMRAD_SECRET?: string | undefined;
  SAMRAD_DATA_DIR: string;
}): {
  secret: string;
  from: string;
} {
  if (env.SAMRAD_SECRET) return { secret: env.SAMRAD_SECRET, from: 'SAMRAD_SECRET' };
  const file = join(env.SAMRAD_DATA_DIR, 'secret');
  try {
    return { secret: readFileSync(file, 'utf8').trim(), from: file };
  } catch {
    mkdirSync(env.SAMRAD_DATA_DIR, { recursive: true });
    // Written aside, then linked into place: a link never replaces a file, so when processes
    // start at once, one secret wins and every process reads it whole.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(aside, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      linkSync(aside, file);
    } catch {
      // Another process linked its secret first: that one is the deployment's.
    } finally {
      unlinkSync(aside);
    }
    return { secret: readFileSync(file, 'utf8').trim(), from: `${file} (new)` };
  }
}
