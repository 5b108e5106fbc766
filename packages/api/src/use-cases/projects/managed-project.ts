import { and, eq, sql } from 'drizzle-orm';
import { folders, projects, type Database } from '@samrad/db';
import { loadProject } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { getProject, type ProjectDetails } from './get-project.js';

/**
 * The project's row, locked until the transaction ends: a change is made on what the project is
 * now, not on what the guard read a moment before (two reviewers deciding at once, a move
 * racing a publication). Missing — deleted meanwhile — is `NOT_FOUND`.
 */
export async function lockProject(tx: Database, platformId: string, id: string) {
  const [row] = await tx
    .select({
      folderId: projects.folderId,
      title: projects.title,
      description: projects.description,
      topics: projects.topics,
      status: projects.status,
      firstPublishedAt: projects.firstPublishedAt,
      reviewStatus: projects.reviewStatus,
      listed: projects.listed,
      visibleTo: projects.visibleTo,
      membersOnly: projects.membersOnly,
      joinRequests: projects.joinRequests,
      hasPreviewLink: sql<boolean>`${projects.previewTokenHash} is not null`,
    })
    .from(projects)
    .where(and(eq(projects.platformId, platformId), eq(projects.id, id)))
    .for('update');
  if (!row) throw notFound('Project');
  return row;
}

/**
 * Holds the folder a project is put into until the transaction ends, so it is neither deleted
 * (the insert would fail on its foreign key) nor moved (the project's path is copied from it) in
 * between; gone already is `NOT_FOUND`.
 */
export async function holdFolder(tx: Database, platformId: string, id: string): Promise<void> {
  const [row] = await tx
    .select({ id: folders.id })
    .from(folders)
    .where(and(eq(folders.platformId, platformId), eq(folders.id, id)))
    .for('share');
  if (!row) throw notFound('Folder');
}

/** The project as `projects.get` shows it to the caller, read after a change committed. */
export async function projectAfterChange(ctx: Context, id: string): Promise<ProjectDetails> {
  return getProject(ctx, id, await loadProject(ctx, id));
}
