import { and, eq, or, sql } from 'drizzle-orm';
import type { folders, projects } from '@samrad/db';
import { type Database } from '@samrad/db';
import { AppError } from '../../errors.js';

/** Letters that Unicode decomposition does not turn into a base letter and a mark. */
const spelledOut: Record<string, string> = {
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ð: 'd',
  đ: 'd',
  ł: 'l',
};

/**
 * An address from a title, as the `*_slug_format` checks want it (`a-z0-9` words joined by
 * single dashes): "Grönområden på Øster" → "gronomraden-pa-oster". Titles without a Latin letter
 * or digit fall back to `fallback`.
 */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[æøœßþðđł]/g, (letter) => spelledOut[letter] ?? '')
    .normalize('NFKD')
    // Decomposed, "ö" is "o" and a combining mark: the mark goes, the letter stays.
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/** Racing creators each retry with the next number; past this, the caller tries again later. */
const attempts = 10;

/**
 * Inserts a row under the first free slug of the platform: `base`, else `base-2`, `base-3`…
 * `insert` must use `on conflict do nothing` on the platform's slug (which keeps the transaction
 * usable) and return nothing when it lost: a creator racing for the same slug then takes the next
 * free one, so a race is never a 500.
 */
export async function insertWithFreeSlug<Row>(
  tx: Database,
  table: typeof projects | typeof folders,
  platformId: string,
  base: string,
  insert: (slug: string) => Promise<Row | undefined>,
): Promise<Row> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const taken = await tx
      .select({ slug: table.slug })
      .from(table)
      .where(
        and(
          eq(table.platformId, platformId),
          // `base` holds only a-z, 0-9 and dashes: nothing a pattern would read as syntax.
          or(eq(table.slug, base), sql`${table.slug} ~ ${`^${base}-[0-9]+$`}`),
        ),
      );
    const row = await insert(firstFree(base, new Set(taken.map((r) => r.slug))));
    if (row) return row;
  }
  throw new AppError('CONFLICT', 'title: many with this title are being created at once; retry');
}

function firstFree(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
