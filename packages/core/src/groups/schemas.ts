import { z } from 'zod';
import { Id } from '../projects/schemas.js';
import { groupKinds } from './kinds.js';
import { SmartGroupRules } from './rules.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/*
 * Inputs of `groups.*` (API.md, SPEC 5). Which fields fit which kind of group is checked here,
 * so the console can tell before sending; what depends on stored rows (the platform's users,
 * registration questions, the kind of the groups put in a composite) is checked by the API.
 */

const GroupName = z.string().trim().min(1).max(120);
/** An empty description is no description. */
const GroupDescription = z
  .string()
  .trim()
  .max(2000)
  .transform((text) => (text === '' ? null : text));
const UserIds = z.array(Id).min(1).max(500);
/** The manual groups inside a composite group (SPEC 5 [002]: never smart or composite ones). */
const MemberGroupIds = z.array(Id).max(100);
const Cursor = z.string().max(300).nullish();

export const ListGroupsInput = z
  .object({
    /** Part of the name, any case. */
    search: z.string().trim().max(200).optional(),
    kind: z.enum(groupKinds).optional(),
    cursor: Cursor,
    limit: z.number().int().min(1).max(100).default(50),
    /** Sent by tRPC's infinite queries; lists page forward only. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict();
export type ListGroupsInput = z.infer<typeof ListGroupsInput>;

export const GetGroupInput = z.object({ id: Id }).strict();
export type GetGroupInput = z.infer<typeof GetGroupInput>;

export const CreateGroupInput = z
  .object({
    name: GroupName,
    description: GroupDescription.optional(),
    kind: z.enum(groupKinds),
    /** Smart groups only, and required there. */
    rules: SmartGroupRules.optional(),
    /** Users added by hand: manual and composite groups. */
    memberIds: z.array(Id).max(500).optional(),
    /** Manual groups inside a composite group. */
    groupIds: MemberGroupIds.optional(),
  })
  .strict()
  .superRefine((input, issues) => {
    const refuse = (path: 'rules' | 'memberIds' | 'groupIds', message: string) =>
      issues.addIssue({ code: 'custom', path: [path], message });
    if (input.kind === 'smart') {
      if (!input.rules) refuse('rules', 'a smart group needs rules');
      if (input.memberIds) refuse('memberIds', 'members of a smart group follow its rules');
    } else if (input.rules) {
      refuse('rules', 'only smart groups have rules');
    }
    if (input.kind !== 'composite' && input.groupIds) {
      refuse('groupIds', 'only composite groups contain other groups');
    }
  });
export type CreateGroupInput = z.infer<typeof CreateGroupInput>;

export const UpdateGroupInput = z
  .object({
    id: Id,
    name: GroupName.optional(),
    /** `null` or an empty text removes the description. */
    description: GroupDescription.nullable().optional(),
    /** Smart groups: replaces the rules. */
    rules: SmartGroupRules.optional(),
    /** Composite groups: replaces the manual groups inside it. */
    groupIds: MemberGroupIds.optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateGroupInput = z.infer<typeof UpdateGroupInput>;

export const DeleteGroupInput = z
  .object({
    id: Id,
    /**
     * A group still restricting a project's visibility, participation or files is deleted only
     * when this says so; it is then removed from those projects (see `groups.delete`).
     */
    detachFromProjects: z.boolean().default(false),
  })
  .strict();
export type DeleteGroupInput = z.infer<typeof DeleteGroupInput>;

/** `groups.addMembers` / `groups.removeMembers`: manual and composite groups. */
export const GroupMembersChangeInput = z.object({ id: Id, userIds: UserIds }).strict();
export type GroupMembersChangeInput = z.infer<typeof GroupMembersChangeInput>;

export const ListGroupMembersInput = z
  .object({
    id: Id,
    /** Part of the name (and, for those who may read it, of the e-mail address), any case. */
    search: z.string().trim().max(200).optional(),
    cursor: Cursor,
    limit: z.number().int().min(1).max(100).default(50),
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict();
export type ListGroupMembersInput = z.infer<typeof ListGroupMembersInput>;
