import { and, eq } from 'drizzle-orm';
import type { ProjectIdInput } from '@samrad/core';
import { projects } from '@samrad/db';
import { hashToken, newToken } from '../../auth/tokens.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { lockProject } from './managed-project.js';

/*
 * SPEC 3.1: a draft's preview link carries a secret; only its hash is stored, so the secret is
 * shown once, to the manager who made it. Renewing replaces it, which revokes the links shared
 * before. Both are visibility changes, audited without the secret or its hash.
 */

export async function renewPreviewLink(
  ctx: Context & { user: SessionUser },
  input: ProjectIdInput,
): Promise<{ token: string }> {
  const token = newToken();
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    await tx
      .update(projects)
      .set({ previewTokenHash: hashToken(token) })
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.renewPreviewLink',
      targetType: 'project',
      targetId: input.id,
      projectId: input.id,
      before: { hasPreviewLink: current.hasPreviewLink },
      after: { hasPreviewLink: true },
    });
  });
  return { token };
}

export async function revokePreviewLink(
  ctx: Context & { user: SessionUser },
  input: ProjectIdInput,
): Promise<{ ok: true }> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    if (!current.hasPreviewLink) return;
    await tx
      .update(projects)
      .set({ previewTokenHash: null })
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.revokePreviewLink',
      targetType: 'project',
      targetId: input.id,
      projectId: input.id,
      before: { hasPreviewLink: true },
      after: { hasPreviewLink: false },
    });
  });
  return { ok: true };
}
