import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { decide, type ListAuditInput } from '@samrad/core';
import { auditEntryReadableBy, auditLog, folders, projects, type SubjectScope } from '@samrad/db';
import { enforce } from '../../access/guard.js';
import { requireScope } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  folderId: string | null;
  projectId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * SPEC 7: admins read the whole log, managers their scope's — filtered in SQL by the twin of
 * `audit.read`, newest first, one query per page. Someone who manages nothing reads nothing.
 */
export async function listAudit(
  ctx: Context,
  input: ListAuditInput,
  readable: SubjectScope,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [auditEntryReadableBy(readable)];
  if (input.scope) {
    const scope = await requireScope(ctx, input.scope);
    enforce(decide(await ctx.subject(), 'audit.read', { type: 'scope', scope }));
    if (input.scope.type === 'project') conditions.push(eq(auditLog.projectId, input.scope.id));
    if (input.scope.type === 'folder') {
      const id = input.scope.id;
      conditions.push(
        or(
          eq(auditLog.folderId, id),
          sql`exists (select 1 from ${folders} where ${folders.id} = ${auditLog.folderId} and ${folders.path} @> array[${id}::uuid])`,
          sql`exists (select 1 from ${projects} where ${projects.id} = ${auditLog.projectId} and ${projects.folderPath} @> array[${id}::uuid])`,
        ),
      );
    }
  }
  if (input.cursor) {
    conditions.push(afterCursor(auditLog.createdAt, auditLog.id, input.cursor));
  }
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      createdAtKey: sql<string>`${auditLog.createdAt}::text`,
      actorId: auditLog.actorId,
      actor: auditLog.actorLabel,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      folderId: auditLog.folderId,
      projectId: auditLog.projectId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.createdAtKey, row.id],
    ({ createdAt, createdAtKey: _key, ...entry }) => ({
      ...entry,
      at: createdAt.toISOString(),
    }),
  );
}
