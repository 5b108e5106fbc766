import { eq } from 'drizzle-orm';
import { sessions } from '@samrad/db';
import type { Context } from '../../context.js';

/** Revokes the calling session; a revoked token is nobody from now on. */
export async function signOut(ctx: Context): Promise<{ ok: true }> {
  if (ctx.viewer.session) {
    await ctx.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.id, ctx.viewer.session.id));
  }
  ctx.session.clear();
  return { ok: true };
}
