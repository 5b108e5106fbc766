import { eq } from 'drizzle-orm';
import { folders, projects, users, type Database } from '@samrad/db';

/*
 * Ids of the demo city's rows (demo/demo-city.ts), found by what a test names them by.
 */

export const folderIdOf = async (db: Database, slug: string) =>
  (await db.select({ id: folders.id }).from(folders).where(eq(folders.slug, slug)))[0]!.id;

export const projectIdOf = async (db: Database, slug: string) =>
  (await db.select({ id: projects.id }).from(projects).where(eq(projects.slug, slug)))[0]!.id;

/** A demo person by the part of their address before `@demo.samrad.local`. */
export const userIdOf = async (db: Database, who: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `${who}@demo.samrad.local`))
  )[0]!.id;
