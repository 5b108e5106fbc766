import { eq } from 'drizzle-orm';
import type { Locale } from '@samrad/core';
import { builtInGroupRows, platforms, userGroups, type Database } from '@samrad/db';
import type { Platform } from '../../context.js';

/**
 * The deployment's default platform (host names that match no other platform land here), with
 * the built-in groups every platform has (SPEC 5). Idempotent: safe at every start.
 */
export async function ensureDefaultPlatform(
  db: Database,
  defaults: { name: string; defaultLocale?: Locale; locales?: Locale[] },
): Promise<{ platform: Platform; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(platforms)
      .where(eq(platforms.slug, 'default'))
      .limit(1);
    if (existing) return { platform: existing, created: false };
    const [platform] = await tx
      .insert(platforms)
      .values({
        slug: 'default',
        name: defaults.name,
        defaultLocale: defaults.defaultLocale ?? 'en',
        locales: defaults.locales ?? ['en', 'sv', 'da', 'fi', 'nb'],
      })
      .returning();
    if (!platform) throw new Error('platform insert returned nothing');
    await tx.insert(userGroups).values(builtInGroupRows(platform.id));
    return { platform, created: true };
  });
}
