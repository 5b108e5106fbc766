import { eq } from 'drizzle-orm';
import { invitations } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { notFound } from '../../errors.js';
import { addMember } from './add-member.js';

/**
 * SPEC 3.5: the invitee, signed in with the invited address (the guard checked the secret, the
 * address, the expiry), becomes a member. The invitation is locked and used once: accepted twice
 * at the same moment, the second finds it no longer pending. Audited with the change.
 */
export async function acceptInvitation(
  ctx: Context & { user: SessionUser },
  invitation: { id: string; projectId: string },
): Promise<{ projectId: string }> {
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: invitations.status })
      .from(invitations)
      .where(eq(invitations.id, invitation.id))
      .for('update');
    if (current?.status !== 'pending') throw notFound('Invitation');
    await tx
      .update(invitations)
      .set({ status: 'accepted', respondedAt: new Date(), userId: ctx.user.id })
      .where(eq(invitations.id, invitation.id));
    await addMember(tx, {
      platformId: ctx.platform.id,
      projectId: invitation.projectId,
      user: ctx.user,
      source: 'invitation',
    });
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'membership.acceptInvitation',
      targetType: 'user',
      targetId: ctx.user.id,
      projectId: invitation.projectId,
      before: { invitationId: invitation.id, status: 'pending' },
      after: { invitationId: invitation.id, status: 'accepted' },
    });
    return { projectId: invitation.projectId };
  });
}
