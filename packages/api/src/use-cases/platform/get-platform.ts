import type { Locale } from '@samrad/core';
import type { Context } from '../../context.js';

/** The public face of the platform: what widgets and the console need to greet people. */
export function getPlatform(ctx: Context): {
  name: string;
  defaultLocale: Locale;
  locales: Locale[];
} {
  return {
    name: ctx.platform.name,
    defaultLocale: ctx.platform.defaultLocale,
    locales: ctx.platform.locales,
  };
}
