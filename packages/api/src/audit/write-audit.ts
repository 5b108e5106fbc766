import { auditLog, type Database } from '@samrad/db';
import type { SessionUser } from '../context.js';

/**
 * SPEC 7: who, when, on what, before and after — written with the change, in its transaction,
 * so a change never lands without its entry.
 */
export async function writeAudit(
  tx: Database,
  entry: {
    platformId: string;
    actor: SessionUser;
    action: string;
    targetType: string;
    targetId: string | null;
    folderId?: string | null;
    projectId?: string | null;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await tx.insert(auditLog).values({
    platformId: entry.platformId,
    actorId: entry.actor.id,
    actorLabel: `${entry.actor.name} <${entry.actor.email}>`,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    folderId: entry.folderId ?? null,
    projectId: entry.projectId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
