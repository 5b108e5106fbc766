import { decide, type Locale, type Subject, type UsernameFormat } from '@samrad/core';
import type { Context } from '../../context.js';

export interface PlatformView {
  name: string;
  defaultLocale: Locale;
  locales: Locale[];
  /** For those who may change them (admins). */
  settings?: {
    registrationApproval: boolean;
    usernameFormat: UsernameFormat;
    managersMayDelegate: boolean;
    embedOrigins: string[];
    /** The verification method, without its client secret (written, never read back). */
    verification: { issuer: string; clientId: string; attributes: Record<string, string> } | null;
  };
}

/** The public face of the platform, and its settings for those who may change them. */
export async function getPlatform(ctx: Context, known?: Subject): Promise<PlatformView> {
  const view: PlatformView = {
    name: ctx.platform.name,
    defaultLocale: ctx.platform.defaultLocale,
    locales: ctx.platform.locales,
  };
  // Visitors never need the subject: no query for them.
  if (ctx.viewer.user === null) return view;
  const subject = known ?? (await ctx.subject());
  if (!decide(subject, 'platform.update', { type: 'platform' }).allowed) return view;
  const { registrationApproval, usernameFormat, managersMayDelegate, embedOrigins, verification } =
    ctx.platform;
  return {
    ...view,
    settings: {
      registrationApproval,
      usernameFormat,
      managersMayDelegate,
      embedOrigins,
      verification: verification
        ? {
            issuer: verification.issuer,
            clientId: verification.clientId,
            attributes: verification.attributes ?? {},
          }
        : null,
    },
  };
}
