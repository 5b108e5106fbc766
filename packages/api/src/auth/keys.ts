import { createHmac, randomBytes } from 'node:crypto';

/**
 * Hashes keyed by the server's secret, which the database does not hold: a copy of the database
 * alone reverses none of them, not even the short ones (a six-digit code has a million values).
 * Each purpose has its own derived key, so a hash made for one can never stand for another.
 */
export interface ServerKeys {
  keyedHash(purpose: KeyPurpose, ...parts: string[]): string;
}

export type KeyPurpose = 'email-code' | 'verified-identity' | 'participation-marker' | 'rate-limit';

/** At least 32 characters of secret: what `SAMRAD_SECRET` must hold. */
export const minimumSecretLength = 32;

export function serverKeys(secret: string): ServerKeys {
  if (secret.length < minimumSecretLength) {
    throw new Error(`the server secret must be at least ${minimumSecretLength} characters`);
  }
  const keys = new Map<KeyPurpose, Buffer>();
  const keyFor = (purpose: KeyPurpose) => {
    let key = keys.get(purpose);
    if (!key) {
      key = createHmac('sha256', secret).update(`samrad:${purpose}`).digest();
      keys.set(purpose, key);
    }
    return key;
  };
  return {
    keyedHash(purpose, ...parts) {
      // Length-prefixed, so ('ab', 'c') and ('a', 'bc') never hash alike.
      const hmac = createHmac('sha256', keyFor(purpose));
      for (const part of parts) hmac.update(`${part.length}:${part}`);
      return hmac.digest('base64url');
    },
  };
}

/** A secret of this process only, for tests and scripts that never share hashes with a server. */
export const processKeys = (): ServerKeys => serverKeys(randomBytes(32).toString('base64url'));
