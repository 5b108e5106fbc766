import { and, eq, gt, sql } from 'drizzle-orm';
import { decide, type ActionOn, type ProjectFacts } from '@samrad/core';
import { invitations, joinRequests, projectMembers, projects } from '@samrad/db';
import { enforce } from '../../access/guard.js';
import { decisionEnv, type Guard } from '../../access/guards.js';
import { projectFactsColumns, toProjectFacts } from '../../access/project-facts.js';
import { hashToken } from '../../auth/tokens.js';
import { notFound, unauthorized } from '../../errors.js';

/*
 * Guards of the membership procedures whose target is not a project id: a join request, an
 * invitation's secret, the caller's own membership.
 */

/**
 * An action on the project of a join request found by id, on this platform only. The project
 * decides: a request on a project the caller cannot see is `NOT_FOUND`, like the project.
 */
export function onJoinRequest<TInput>(
  action: ActionOn<'project'>,
  requestId: (input: TInput) => string,
): Guard<TInput, { project: ProjectFacts }> {
  return {
    access: `${action} on the request’s project`,
    async check(ctx, input) {
      const [row] = await ctx.db
        .select(projectFactsColumns)
        .from(joinRequests)
        .innerJoin(projects, eq(projects.id, joinRequests.projectId))
        .where(
          and(eq(joinRequests.platformId, ctx.platform.id), eq(joinRequests.id, requestId(input))),
        );
      if (!row) throw notFound('Join request');
      const project = toProjectFacts(row);
      enforce(decide(await ctx.subject(), action, { type: 'project', project }, decisionEnv(ctx)));
      return { project };
    },
  };
}

/**
 * An invitation is accepted by whoever holds its secret AND signed in with the address it was
 * sent to, while it is pending and unexpired. Anything else is `NOT_FOUND`: a token meant for
 * someone else reveals neither the project nor that the invitation exists.
 */
export function byInvitation<TInput>(
  token: (input: TInput) => string,
): Guard<TInput, { invitation: { id: string; projectId: string } }> {
  return {
    access: 'open: an invitation’s secret link, sent to the caller’s e-mail, pending and unexpired',
    async check(ctx, input) {
      const user = ctx.viewer.user;
      if (!user) throw unauthorized();
      const [invitation] = await ctx.db
        .select({ id: invitations.id, projectId: invitations.projectId })
        .from(invitations)
        .where(
          and(
            eq(invitations.platformId, ctx.platform.id),
            eq(invitations.tokenHash, hashToken(token(input))),
            eq(invitations.status, 'pending'),
            gt(invitations.expiresAt, sql`now()`),
            eq(invitations.email, user.email),
          ),
        );
      if (!invitation) throw notFound('Invitation');
      return { invitation };
    },
  };
}

/**
 * The caller's own membership of a project (SPEC 3.5: members who joined may leave). Not being a
 * member is `NOT_FOUND`, as for a project one cannot see: CONFLICT would tell a non-member that
 * an invisible project exists. No visibility decision: a member whose project was since hidden
 * from them may still leave it.
 */
export function ownMembership<TInput>(
  projectId: (input: TInput) => string,
): Guard<TInput, Record<never, never>> {
  return {
    access: 'open: the caller’s own membership, which they end',
    async check(ctx, input) {
      const user = ctx.viewer.user;
      if (!user) throw unauthorized();
      const [membership] = await ctx.db
        .select({ source: projectMembers.source })
        .from(projectMembers)
        .where(
          and(
            eq(projectMembers.platformId, ctx.platform.id),
            eq(projectMembers.projectId, projectId(input)),
            eq(projectMembers.userId, user.id),
          ),
        );
      if (!membership) throw notFound('Membership');
      return {};
    },
  };
}
