import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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

/**
 * The rows after a cursor in the listing's order of (time, id): newest first, or oldest first
 * for listings that run forward in time (phases).
 */
export function afterCursor(
  time: AnyPgColumn,
  id: AnyPgColumn,
  cursor: string,
  order: 'newest first' | 'oldest first' = 'newest first',
): SQL {
  const { at, id: after } = decodeTimeCursor(cursor);
  return order === 'newest first'
    ? sql`(${time}, ${id}) < (${at}::timestamptz, ${after}::uuid)`
    : sql`(${time}, ${id}) > (${at}::timestamptz, ${after}::uuid)`;
}

/**
 * A page out of the `limit + 1` rows a listing fetched (one more than it shows, to know whether
 * another page follows): its items, and the cursor to the next page (null at the end).
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => [time: string, id: string],
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeTimeCursor(...keyOf(last)) : null,
  };
}
