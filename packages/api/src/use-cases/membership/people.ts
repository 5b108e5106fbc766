import { sql } from 'drizzle-orm';
import { userPersonalDataReadableBy, users, type SubjectScope } from '@samrad/db';

/** Someone as the project's managers see them in membership lists. */
export interface PersonView {
  id: string;
  name: string;
  /** Only where the policy lets the caller read their personal data (`user.readPersonalData`). */
  email: string | null;
}

/**
 * The columns of a person in a membership list (`users` joined). The name is shown to those who
 * manage the project: the person asked them to join, or is a member they are responsible for.
 * The e-mail is decided per row by the SQL twin of `user.readPersonalData`, in the same query.
 */
export function personColumns(scope: SubjectScope) {
  return {
    personId: users.id,
    personName: users.name,
    personEmail: sql<
      string | null
    >`case when ${userPersonalDataReadableBy(scope)} then ${users.email} end`,
  };
}

export function toPerson(row: {
  personId: string;
  personName: string;
  personEmail: string | null;
}): PersonView {
  return { id: row.personId, name: row.personName, email: row.personEmail };
}
