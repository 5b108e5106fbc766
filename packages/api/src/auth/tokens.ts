import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session tokens, preview links, invitations. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Only hashes of tokens are stored, so a copy of the database grants no session. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');
