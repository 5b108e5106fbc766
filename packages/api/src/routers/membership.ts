import {
  AcceptInvitationInput,
  DecideJoinRequestInput,
  InviteMembersInput,
  LeaveProjectInput,
  ListJoinRequestsInput,
  ListMembersInput,
  RemoveMemberInput,
  RequestJoinInput,
} from '@samrad/core';
import { onProject } from '../access/guards.js';
import { acceptInvitation } from '../use-cases/membership/accept-invitation.js';
import { decideJoinRequest } from '../use-cases/membership/decide-join-request.js';
import { endMembership } from '../use-cases/membership/end-membership.js';
import { inviteMembers } from '../use-cases/membership/invite-members.js';
import { listJoinRequests } from '../use-cases/membership/list-join-requests.js';
import { listMembers } from '../use-cases/membership/list-members.js';
import {
  byInvitation,
  onJoinRequest,
  ownMembership,
} from '../use-cases/membership/membership-guards.js';
import { requestJoin } from '../use-cases/membership/request-join.js';
import { forSignedIn, router } from '../trpc.js';

/** SPEC 3.5: members of members-only projects, join requests and invitations. */
export const membershipRouter = router({
  // Whoever sees the project's card may ask to join it.
  requestJoin: forSignedIn(
    RequestJoinInput,
    onProject('project.read', (input) => input.projectId),
  ).mutation(({ ctx, input }) => requestJoin(ctx, input, ctx.granted.project)),
  requests: forSignedIn(
    ListJoinRequestsInput,
    onProject('project.manageMembers', (input) => input.projectId),
  ).query(({ ctx, input }) => listJoinRequests(ctx, input)),
  decide: forSignedIn(
    DecideJoinRequestInput,
    onJoinRequest('project.manageMembers', (input) => input.requestId),
  ).mutation(({ ctx, input }) => decideJoinRequest(ctx, input)),
  invite: forSignedIn(
    InviteMembersInput,
    onProject('project.manageMembers', (input) => input.projectId),
  ).mutation(({ ctx, input }) => inviteMembers(ctx, input, ctx.granted.project)),
  acceptInvitation: forSignedIn(
    AcceptInvitationInput,
    byInvitation((input) => input.token),
  ).mutation(({ ctx }) => acceptInvitation(ctx, ctx.granted.invitation)),
  leave: forSignedIn(
    LeaveProjectInput,
    ownMembership((input) => input.projectId),
  ).mutation(({ ctx, input }) =>
    endMembership(ctx, { projectId: input.projectId, userId: ctx.user.id }, 'membership.leave'),
  ),
  members: forSignedIn(
    ListMembersInput,
    onProject('project.manageMembers', (input) => input.projectId),
  ).query(({ ctx, input }) => listMembers(ctx, input)),
  remove: forSignedIn(
    RemoveMemberInput,
    onProject('project.manageMembers', (input) => input.projectId),
  ).mutation(({ ctx, input }) => endMembership(ctx, input, 'membership.remove')),
});
