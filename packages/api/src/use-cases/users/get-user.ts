import { decide, type UserFacts } from '@samrad/core';
import type { Context } from '../../context.js';
import { readProfile, type UserProfile } from './user-profile.js';

/**
 * One person (the guard decided `user.read`, else NOT_FOUND); e-mail and answers only where the
 * policy allows `user.readPersonalData` (SPEC 2.3: the person, admins, managers of a project they
 * took part in).
 */
export async function getUser(ctx: Context, user: UserFacts): Promise<UserProfile> {
  const personal = decide(await ctx.subject(), 'user.readPersonalData', { type: 'user', user });
  return readProfile(ctx.db, ctx.platform.id, user.id, personal.allowed);
}
