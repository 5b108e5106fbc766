import { and, eq } from 'drizzle-orm';
import { Email } from '@samrad/core';
import { roleAssignments, users, type Database } from '@samrad/db';
import { hashPassword } from '../../auth/passwords.js';
import type { Platform } from '../../context.js';

/**
 * API.md: when the platform has no admin and SAMRAD_ADMIN_EMAIL / SAMRAD_ADMIN_PASSWORD are set,
 * that account becomes platform admin (created if needed). Does nothing once an admin exists.
 */
export async function ensureFirstAdmin(
  db: Database,
  platform: Platform,
  input: { email: string; password: string },
): Promise<'created' | 'promoted' | 'admin-exists'> {
  const email = Email.parse(input.email);
  if (input.password.length < 8)
    throw new Error('SAMRAD_ADMIN_PASSWORD must have at least 8 characters');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [admin] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.platformId, platform.id), eq(roleAssignments.role, 'admin')))
      .limit(1);
    if (admin) return 'admin-exists';
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.platformId, platform.id), eq(users.email, email)))
      .limit(1);
    const userId =
      existing?.id ??
      (
        await tx
          .insert(users)
          .values({
            platformId: platform.id,
            email,
            name: email.split('@')[0] ?? email,
            status: 'active',
            passwordHash,
            emailConfirmedAt: new Date(),
          })
          .returning({ id: users.id })
      )[0]?.id;
    if (!userId) throw new Error('first admin insert returned nothing');
    if (existing) await tx.update(users).set({ status: 'active' }).where(eq(users.id, userId));
    await tx
      .insert(roleAssignments)
      .values({ platformId: platform.id, userId, role: 'admin', scopeType: 'platform' });
    return existing ? 'promoted' : 'created';
  });
}
