import { eq } from 'drizzle-orm';
import type { UpdatePlatformInput } from '@samrad/core';
import { platforms } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { getPlatform, type PlatformView } from './get-platform.js';

/** Platform settings (SPEC 2.1; the guard decides `platform.update`), audited with the change. */
export async function updatePlatform(
  ctx: Context & { user: SessionUser },
  input: UpdatePlatformInput,
): Promise<PlatformView> {
  const subject = await ctx.subject();
  const current = ctx.platform;
  const locales = input.locales ?? current.locales;
  const defaultLocale = input.defaultLocale ?? current.defaultLocale;
  if (!locales.includes(defaultLocale)) {
    throw new AppError('BAD_REQUEST', 'defaultLocale: must be one of the platform’s locales');
  }
  const before = Object.fromEntries(
    Object.keys(input).map((key) => [key, current[key as keyof typeof input]]),
  );
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(platforms)
      .set({ ...input, locales, defaultLocale })
      .where(eq(platforms.id, current.id))
      .returning();
    await writeAudit(tx, {
      platformId: current.id,
      actor: ctx.user,
      action: 'platform.update',
      targetType: 'platform',
      targetId: current.id,
      before,
      after: input,
    });
    return row!;
  });
  return getPlatform({ ...ctx, platform: updated }, subject);
}
