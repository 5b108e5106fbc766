import { z } from 'zod';
import { joinRequestStatuses } from '../projects/publication.js';
import { Id } from '../projects/schemas.js';
import { Email } from '../users/schemas.js';

/*
 * SPEC 3.5: members of members-only projects, join requests and invitations (API.md
 * `membership.*`).
 */

/**
 * Why a visible project takes no join request, sent as `error.data.reason` with FORBIDDEN so a
 * widget can say so instead of offering the button.
 */
export const joinRefusals = ['not_members_only', 'join_requests_off'] as const;
export type JoinRefusal = (typeof joinRefusals)[number];

/** A note to the project's managers or to an invitee; an empty one is no note. */
const Note = z.string().trim().max(2000).optional();
const Cursor = z.string().max(200).nullish();
const Limit = z.number().int().min(1).max(100).default(50);

export const RequestJoinInput = z.object({ projectId: Id, message: Note }).strict();
export type RequestJoinInput = z.infer<typeof RequestJoinInput>;

export const ListJoinRequestsInput = z
  .object({
    projectId: Id,
    /** Only requests in this status; all of them, newest first, when absent. */
    status: z.enum(joinRequestStatuses).optional(),
    cursor: Cursor,
    limit: Limit,
  })
  .strict();
export type ListJoinRequestsInput = z.infer<typeof ListJoinRequestsInput>;

export const DecideJoinRequestInput = z
  .object({ requestId: Id, decision: z.enum(['accept', 'reject']) })
  .strict();
export type DecideJoinRequestInput = z.infer<typeof DecideJoinRequestInput>;

export const InviteMembersInput = z
  .object({
    projectId: Id,
    /** Registered or not; compared lower-case, each invited once. */
    emails: z
      .array(Email)
      .min(1)
      .max(100)
      .transform((emails) => [...new Set(emails)]),
    message: Note,
  })
  .strict();
export type InviteMembersInput = z.infer<typeof InviteMembersInput>;

export const AcceptInvitationInput = z
  .object({
    /** The secret of the invitation's link (`/invitations/<token>`). */
    token: z.string().min(1).max(200),
  })
  .strict();
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

export const LeaveProjectInput = z.object({ projectId: Id }).strict();
export type LeaveProjectInput = z.infer<typeof LeaveProjectInput>;

export const ListMembersInput = z.object({ projectId: Id, cursor: Cursor, limit: Limit }).strict();
export type ListMembersInput = z.infer<typeof ListMembersInput>;

export const RemoveMemberInput = z.object({ projectId: Id, userId: Id }).strict();
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;
