import { and, eq } from 'drizzle-orm';
import type { UserStatus } from '@samrad/core';
import { users, type Database } from '@samrad/db';
import { AppError, notFound } from '../../errors.js';

/** What `users.approve` and `users.block` answer: the account's status after the change. */
export interface UserStatusView {
  id: string;
  status: UserStatus;
}

/**
 * The user an admin acts on, locked for the transaction (a concurrent change of their status or
 * roles waits), or NOT_FOUND when not on this platform.
 */
export async function lockUser(
  tx: Database,
  platformId: string,
  id: string,
): Promise<{ id: string; status: UserStatus }> {
  const [row] = await tx
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(and(eq(users.platformId, platformId), eq(users.id, id)))
    .for('update');
  if (!row) throw notFound('User');
  return row;
}

/** An admin never blocks or deletes their own account: another admin must. */
export function refuseSelf(callerId: string, targetId: string, what: string): void {
  if (callerId === targetId) {
    throw new AppError('CONFLICT', `id: you cannot ${what} your own account; another admin can`);
  }
}
