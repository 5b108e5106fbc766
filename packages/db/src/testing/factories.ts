import { randomBytes } from 'node:crypto';
import type { Database } from '../connect.js';
import { folders } from '../schema/folders.js';
import { platforms } from '../schema/platforms.js';
import { phases } from '../schema/phases.js';
import { projects } from '../schema/projects.js';
import { users } from '../schema/users.js';

/** Rows for tests, with valid defaults; each returns the inserted row. */
const unique = () => randomBytes(4).toString('hex');

export async function insertPlatform(
  db: Database,
  values: Partial<typeof platforms.$inferInsert> = {},
) {
  const [row] = await db
    .insert(platforms)
    .values({ slug: `city-${unique()}`, name: 'Test city', ...values })
    .returning();
  return row!;
}

export async function insertUser(
  db: Database,
  platformId: string,
  values: Partial<typeof users.$inferInsert> = {},
) {
  const [row] = await db
    .insert(users)
    .values({ platformId, email: `user-${unique()}@city.test`, name: 'Test user', ...values })
    .returning();
  return row!;
}

export async function insertFolder(
  db: Database,
  platformId: string,
  values: Partial<typeof folders.$inferInsert> = {},
) {
  const [row] = await db
    .insert(folders)
    .values({ platformId, slug: `folder-${unique()}`, title: { en: 'Folder' }, ...values })
    .returning();
  return row!;
}

export async function insertProject(
  db: Database,
  platformId: string,
  values: Partial<typeof projects.$inferInsert> = {},
) {
  const published = values.status !== undefined && values.status !== 'draft';
  const [row] = await db
    .insert(projects)
    .values({
      platformId,
      slug: `project-${unique()}`,
      title: { en: 'Project' },
      ...(published ? { firstPublishedAt: new Date(), publishedAt: new Date() } : {}),
      ...values,
    })
    .returning();
  return row!;
}

export async function insertPhase(
  db: Database,
  platformId: string,
  projectId: string,
  values: Partial<typeof phases.$inferInsert> = {},
) {
  const [row] = await db
    .insert(phases)
    .values({
      platformId,
      projectId,
      title: { en: 'Phase' },
      method: 'ideation',
      startAt: new Date(Date.now() - 86_400_000),
      ...values,
    })
    .returning();
  return row!;
}
