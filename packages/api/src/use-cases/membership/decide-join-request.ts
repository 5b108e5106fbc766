import { and, eq } from 'drizzle-orm';
import type { DecideJoinRequestInput, JoinRequestStatus } from '@samrad/core';
import { joinRequests, projects, users } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { queueEmail } from '../../email/outbox.js';
import { AppError, notFound } from '../../errors.js';
import { addMember } from './add-member.js';
import { decisionEmail } from './emails.js';

/**
 * A manager accepts or rejects a join request (the guard decided `project.manageMembers` on its
 * project). The request is locked, so it is decided once: a second decision is CONFLICT.
 * Accepting makes the requester a member in the same transaction; the decision is audited and
 * the requester told by e-mail, both with the change.
 */
export async function decideJoinRequest(
  ctx: Context & { user: SessionUser },
  input: DecideJoinRequestInput,
): Promise<{ id: string; status: JoinRequestStatus }> {
  const accepted = input.decision === 'accept';
  const status = accepted ? 'approved' : 'rejected';
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select({
        status: joinRequests.status,
        projectId: joinRequests.projectId,
        userId: users.id,
        email: users.email,
        locale: users.locale,
        title: projects.title,
      })
      .from(joinRequests)
      .innerJoin(users, eq(users.id, joinRequests.userId))
      .innerJoin(projects, eq(projects.id, joinRequests.projectId))
      .where(
        and(eq(joinRequests.platformId, ctx.platform.id), eq(joinRequests.id, input.requestId)),
      )
      .for('update', { of: joinRequests });
    // Gone since the guard looked: the requester's account or the project was deleted.
    if (!request) throw notFound('Join request');
    if (request.status !== 'pending') {
      throw new AppError('CONFLICT', `the request is no longer pending: it was ${request.status}`);
    }
    await tx
      .update(joinRequests)
      .set({ status, decidedBy: ctx.user.id, decidedAt: new Date() })
      .where(eq(joinRequests.id, input.requestId));
    if (accepted) {
      await addMember(tx, {
        platformId: ctx.platform.id,
        projectId: request.projectId,
        user: { id: request.userId, email: request.email },
        source: 'request',
      });
    }
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'membership.decide',
      targetType: 'user',
      targetId: request.userId,
      projectId: request.projectId,
      before: { requestId: input.requestId, status: 'pending' },
      after: { requestId: input.requestId, status },
    });
    await queueEmail(
      tx,
      decisionEmail({
        platform: ctx.platform,
        to: request.email,
        locale: request.locale,
        title: request.title,
        accepted,
      }),
    );
    return { id: input.requestId, status };
  });
}
