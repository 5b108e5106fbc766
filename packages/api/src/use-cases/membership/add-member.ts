import { and, eq, or } from 'drizzle-orm';
import { invitations, joinRequests, projectMembers, type Database } from '@samrad/db';

/**
 * Makes someone a member of a project, in the caller's transaction, and closes the other ways in
 * they still had open: their pending join request is withdrawn, pending invitations to them are
 * revoked. So managers' lists show no stale requests, and a member removed later cannot come back
 * through an old invitation link.
 */
export async function addMember(
  tx: Database,
  member: {
    platformId: string;
    projectId: string;
    user: { id: string; email: string };
    source: 'request' | 'invitation';
  },
): Promise<void> {
  await tx
    .insert(projectMembers)
    .values({
      platformId: member.platformId,
      projectId: member.projectId,
      userId: member.user.id,
      source: member.source,
    })
    // Already a member by the other way in: nothing to add.
    .onConflictDoNothing();
  await tx
    .update(joinRequests)
    .set({ status: 'withdrawn' })
    .where(
      and(
        eq(joinRequests.projectId, member.projectId),
        eq(joinRequests.userId, member.user.id),
        eq(joinRequests.status, 'pending'),
      ),
    );
  await tx
    .update(invitations)
    .set({ status: 'revoked' })
    .where(
      and(
        eq(invitations.projectId, member.projectId),
        eq(invitations.status, 'pending'),
        or(eq(invitations.email, member.user.email), eq(invitations.userId, member.user.id)),
      ),
    );
}
