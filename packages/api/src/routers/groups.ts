import {
  CreateGroupInput,
  DeleteGroupInput,
  GetGroupInput,
  GroupMembersChangeInput,
  ListGroupMembersInput,
  ListGroupsInput,
  UpdateGroupInput,
} from '@samrad/core';
import { onGroup } from '../access/group-guard.js';
import { onPlatform } from '../access/guards.js';
import { changeGroupMembers } from '../use-cases/groups/change-members.js';
import { createGroup } from '../use-cases/groups/create-group.js';
import { deleteGroup } from '../use-cases/groups/delete-group.js';
import { getGroupView } from '../use-cases/groups/group-view.js';
import { listGroupMembers } from '../use-cases/groups/list-group-members.js';
import { listGroups } from '../use-cases/groups/list-groups.js';
import { updateGroup } from '../use-cases/groups/update-group.js';
import { forSignedIn, router } from '../trpc.js';

/** User groups (SPEC 5): admins create and change them; managers read them to pick them. */
export const groupsRouter = router({
  list: forSignedIn(ListGroupsInput.default({ limit: 50 }), onPlatform('group.read')).query(
    ({ ctx, input }) => listGroups(ctx, input),
  ),
  get: forSignedIn(
    GetGroupInput,
    onGroup('group.read', (input) => input.id),
  ).query(({ ctx }) => getGroupView(ctx.db, ctx.platform.id, ctx.granted.group.id)),
  members: forSignedIn(
    ListGroupMembersInput,
    onGroup('group.read', (input) => input.id),
  ).query(({ ctx, input }) => listGroupMembers(ctx, input, ctx.granted.group)),
  create: forSignedIn(CreateGroupInput, onPlatform('group.edit')).mutation(({ ctx, input }) =>
    createGroup(ctx, input),
  ),
  update: forSignedIn(
    UpdateGroupInput,
    onGroup('group.change', (input) => input.id),
  ).mutation(({ ctx, input }) => updateGroup(ctx, input, ctx.granted.group)),
  delete: forSignedIn(
    DeleteGroupInput,
    onGroup('group.change', (input) => input.id),
  ).mutation(({ ctx, input }) => deleteGroup(ctx, input)),
  addMembers: forSignedIn(
    GroupMembersChangeInput,
    onGroup('group.change', (input) => input.id),
  ).mutation(({ ctx, input }) => changeGroupMembers(ctx, input, ctx.granted.group, 'add')),
  removeMembers: forSignedIn(
    GroupMembersChangeInput,
    onGroup('group.change', (input) => input.id),
  ).mutation(({ ctx, input }) => changeGroupMembers(ctx, input, ctx.granted.group, 'remove')),
});
