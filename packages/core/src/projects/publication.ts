/** Publication status of folders and projects (SPEC 3.1). */
export const publicationStatuses = ['draft', 'published', 'archived'] as const;
export type PublicationStatus = (typeof publicationStatuses)[number];

/** Who can see a project (SPEC 3.4). */
export const projectVisibilities = ['everyone', 'managers', 'groups'] as const;
export type ProjectVisibility = (typeof projectVisibilities)[number];

/** The review a project manager needs before a first publication (SPEC 2.3). */
export const reviewStatuses = ['none', 'requested', 'returned', 'approved'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Join requests and invitations to members-only projects (SPEC 3.5). */
export const joinRequestStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];
export const invitationStatuses = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
