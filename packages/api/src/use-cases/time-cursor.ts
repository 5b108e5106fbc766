import { AppError } from '../errors.js';

/*
 * Keyset cursors over (a timestamp, an id), newest first. The timestamp travels in PostgreSQL's
 * own text form (select `column::text`), so no microsecond is lost between pages.
 */

export function encodeTimeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

export function decodeTimeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(at) &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ) {
      return { at, id };
    }
  } catch {
    // Fall through to the validation error below.
  }
  throw new AppError('BAD_REQUEST', 'cursor: not a cursor returned by this list');
}
