import { sql } from 'drizzle-orm';
import type { JoinRefusal, JoinRequestStatus, ProjectFacts, RequestJoinInput } from '@samrad/core';
import { joinRequests } from '@samrad/db';
import type { Context, SessionUser } from '../../context.js';
import { AppError, forbidden } from '../../errors.js';

export interface OwnJoinRequest {
  id: string;
  projectId: string;
  status: JoinRequestStatus;
  createdAt: string;
}

const refusal: Record<JoinRefusal, string> = {
  not_members_only: 'the project is open to everyone who can see it: there is nothing to join',
  join_requests_off: 'the project takes new members by invitation only',
};

/**
 * SPEC 3.5: someone who sees a members-only project (the guard decided `project.read`) asks its
 * managers to let them in. One pending request per person and project: the partial unique index
 * decides, so two requests at once cannot both land, and the second is CONFLICT, never a 500.
 */
export async function requestJoin(
  ctx: Context & { user: SessionUser },
  input: RequestJoinInput,
  project: ProjectFacts,
): Promise<OwnJoinRequest> {
  if (!project.membersOnly) throw forbidden(refusal.not_members_only, 'not_members_only');
  if ((await ctx.subject()).memberProjectIds.has(project.id)) {
    throw new AppError('CONFLICT', 'already a member of the project');
  }
  if (!project.joinRequests) throw forbidden(refusal.join_requests_off, 'join_requests_off');
  const [row] = await ctx.db
    .insert(joinRequests)
    .values({
      platformId: ctx.platform.id,
      projectId: project.id,
      userId: ctx.user.id,
      message: input.message || null,
    })
    .onConflictDoNothing({
      target: [joinRequests.projectId, joinRequests.userId],
      where: sql`${joinRequests.status} = 'pending'`,
    })
    .returning({
      id: joinRequests.id,
      status: joinRequests.status,
      createdAt: joinRequests.createdAt,
    });
  if (!row) throw new AppError('CONFLICT', 'a request to join the project is already pending');
  return {
    id: row.id,
    projectId: project.id,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}
