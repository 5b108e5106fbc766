import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../../errors.js';

/*
 * What the two group listings share: rows in alphabetical order of a name, paged by a keyset
 * cursor over (name, id) — names repeat (people), ids break the ties — and a search on part of
 * a name. Pickers and member lists are read alphabetically, not newest first.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeNameCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

/** Rows after the cursor, in the order of `orderByName`. */
export function afterNameCursor(cursor: string, name: AnyPgColumn, id: AnyPgColumn): SQL {
  let decoded: unknown[] = [];
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
  } catch {
    // Refused below.
  }
  const [after, afterId] = Array.isArray(decoded) ? decoded : [];
  if (typeof after !== 'string' || typeof afterId !== 'string' || !uuidPattern.test(afterId)) {
    throw new AppError('BAD_REQUEST', 'cursor: not a cursor returned by this list');
  }
  return sql`(${name}, ${id}) > (${after}::text, ${afterId}::uuid)`;
}

/** An `ilike` pattern matching the text anywhere, its wildcards taken literally. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page out of `limit + 1` rows, and the cursor of the next one. */
export function namePage<Row extends { name: string; id: string }>(
  rows: Row[],
  limit: number,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last ? encodeNameCursor(last.name, last.id) : null,
  };
}
