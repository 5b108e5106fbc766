import { and, eq, sql } from 'drizzle-orm';
import type { RegistrationAnswer, UserStatus } from '@samrad/core';
import { users, type Database } from '@samrad/db';
import { notFound } from '../../errors.js';

/** A person as `users.get` shows them; e-mail, language and answers only to who may see them. */
export interface UserProfile {
  id: string;
  name: string;
  status: UserStatus;
  verified: boolean;
  registeredAt: string;
  listedInDirectory: boolean;
  /** Personal data (SPEC 2.3, `user.readPersonalData`): absent for others. */
  email?: string;
  locale?: string | null;
  /** Answers to registration questions, by question key. */
  answers?: Record<string, RegistrationAnswer>;
}

/**
 * Reads a profile in one query; the personal part is not even selected unless `personal` (the
 * caller's `user.readPersonalData`), so it cannot leak through a forgotten field.
 */
export async function readProfile(
  db: Database,
  platformId: string,
  id: string,
  personal: boolean,
): Promise<UserProfile> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      status: users.status,
      verifiedAt: users.verifiedAt,
      createdAt: users.createdAt,
      listedInDirectory: users.listedInDirectory,
      email: personal ? users.email : sql<null>`null`,
      locale: personal ? users.locale : sql<null>`null`,
      // `users.id` spelled out: in a one-table select drizzle would write the bare column name.
      answers: personal
        ? sql<Record<string, RegistrationAnswer>>`(
            select coalesce(json_object_agg(q.key, a.value), '{}')
            from registration_answers a join registration_questions q on q.id = a.question_id
            where a.user_id = users.id)`
        : sql<null>`null`,
    })
    .from(users)
    .where(and(eq(users.platformId, platformId), eq(users.id, id)));
  if (!row) throw notFound('User');
  const profile: UserProfile = {
    id: row.id,
    name: row.name,
    status: row.status,
    verified: row.verifiedAt !== null,
    registeredAt: row.createdAt.toISOString(),
    listedInDirectory: row.listedInDirectory,
  };
  return personal
    ? { ...profile, email: row.email!, locale: row.locale, answers: row.answers! }
    : profile;
}
