import { eq } from 'drizzle-orm';
import type { UpdatePlatformInput } from '@samrad/core';
import { platforms } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, Platform, SessionUser } from '../../context.js';
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
  const { verification: verificationInput, ...settings } = input;
  const verification = verificationToStore(verificationInput, current.verification);
  const before: Record<string, unknown> = Object.fromEntries(
    Object.keys(input).map((key) => [key, current[key as keyof typeof input]]),
  );
  // The client secret is never written to the log: whether it changed is.
  if ('verification' in before) before.verification = withoutSecret(current.verification);
  const after =
    input.verification === undefined
      ? input
      : {
          ...input,
          verification: input.verification && {
            ...withoutSecret(verification),
            clientSecretChanged: input.verification.clientSecret !== undefined,
          },
        };
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(platforms)
      .set({
        ...settings,
        locales,
        defaultLocale,
        ...(verification !== undefined ? { verification } : {}),
      })
      .where(eq(platforms.id, current.id))
      .returning();
    await writeAudit(tx, {
      platformId: current.id,
      actor: ctx.user,
      action: 'platform.update',
      targetType: 'platform',
      targetId: current.id,
      before,
      after,
    });
    return row!;
  });
  return getPlatform({ ...ctx, platform: updated }, subject);
}

type StoredVerification = Platform['verification'];

/** The settings to store: a new client secret, or the one stored when none is given. */
function verificationToStore(
  input: UpdatePlatformInput['verification'],
  current: StoredVerification,
): StoredVerification | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  const clientSecret = input.clientSecret ?? current?.clientSecret;
  if (!clientSecret) {
    throw new AppError('BAD_REQUEST', 'verification.clientSecret: required for a new provider');
  }
  return { ...input, clientSecret };
}

function withoutSecret(settings: StoredVerification | undefined) {
  if (!settings) return null;
  const { clientSecret: _secret, ...rest } = settings;
  return rest;
}
