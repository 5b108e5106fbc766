import { localize, toLocalizedText, type CreateProjectInput } from '@samrad/core';
import { projects, roleAssignments } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import type { ProjectDetails } from './get-project.js';
import { holdFolder, projectAfterChange } from './managed-project.js';
import { insertWithFreeSlug, slugify } from '../shared/slugs.js';

/**
 * A new draft in a folder or under the platform, once the guard decided the destination
 * (`onDestination`). Its slug comes from the title in the platform's default language. Whoever
 * creates it without being an admin — a folder manager in their branch — becomes its project
 * manager in the same transaction (SPEC 2.2), so the project never exists without them, and the
 * role stays theirs if the project later moves out of their branch. Audited, role included.
 */
export async function createProject(
  ctx: Context & { user: SessionUser },
  input: CreateProjectInput,
): Promise<ProjectDetails> {
  const subject = await ctx.subject();
  const { defaultLocale } = ctx.platform;
  const title = toLocalizedText(input.title, defaultLocale);
  const description = input.description ? toLocalizedText(input.description, defaultLocale) : {};
  const folderId = input.folderId ?? null;
  const id = await ctx.db.transaction(async (tx) => {
    if (folderId !== null) await holdFolder(tx, ctx.platform.id, folderId);
    const project = await insertWithFreeSlug(
      tx,
      projects,
      ctx.platform.id,
      slugify(localize(title, defaultLocale), 'project'),
      async (slug) => {
        const values = { platformId: ctx.platform.id, folderId, title, description, slug };
        const [row] = await tx
          .insert(projects)
          .values({ ...values, createdBy: ctx.user.id })
          .onConflictDoNothing({ target: [projects.platformId, projects.slug] })
          .returning({ id: projects.id, slug: projects.slug });
        return row;
      },
    );
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.create',
      targetType: 'project',
      targetId: project.id,
      projectId: project.id,
      before: null,
      after: { title, description, folderId, slug: project.slug, status: 'draft' },
    });
    if (subject.adminGrant === null) {
      const scope = { type: 'project', id: project.id } as const;
      await tx.insert(roleAssignments).values({
        platformId: ctx.platform.id,
        userId: ctx.user.id,
        role: 'project_manager',
        scopeType: 'project',
        projectId: project.id,
        grantedBy: ctx.user.id,
      });
      await writeAudit(tx, {
        platformId: ctx.platform.id,
        actor: ctx.user,
        action: 'role.assign',
        targetType: 'user',
        targetId: ctx.user.id,
        projectId: project.id,
        before: null,
        after: { role: 'project_manager', scope },
      });
    }
    return project.id;
  });
  return projectAfterChange(ctx, id);
}
