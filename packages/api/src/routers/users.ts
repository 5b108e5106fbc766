import { ListUsersInput, UpdateProfileInput, UserIdInput } from '@samrad/core';
import { listing, onPlatform, open } from '../access/guards.js';
import { onUser } from '../access/user-guard.js';
import { approveUser } from '../use-cases/users/approve-user.js';
import { blockUser } from '../use-cases/users/block-user.js';
import { deleteUser } from '../use-cases/users/delete-user.js';
import { getUser } from '../use-cases/users/get-user.js';
import { listUsers } from '../use-cases/users/list-users.js';
import { updateProfile } from '../use-cases/users/update-profile.js';
import { forSignedIn, router } from '../trpc.js';

export const usersRouter = router({
  list: forSignedIn(ListUsersInput.default({ limit: 50 }), listing('user.read')).query(
    ({ ctx, input }) => listUsers(ctx, input, ctx.granted.scope),
  ),
  get: forSignedIn(
    UserIdInput,
    onUser('user.read', (input) => input.id),
  ).query(({ ctx }) => getUser(ctx, ctx.granted.user)),
  updateProfile: forSignedIn(
    UpdateProfileInput,
    open('the caller’s own profile: the input names no user, the resolver edits ctx.user'),
  ).mutation(({ ctx, input }) => updateProfile(ctx, input)),
  approve: forSignedIn(UserIdInput, onPlatform('user.manage')).mutation(({ ctx, input }) =>
    approveUser(ctx, input),
  ),
  block: forSignedIn(UserIdInput, onPlatform('user.manage')).mutation(({ ctx, input }) =>
    blockUser(ctx, input),
  ),
  delete: forSignedIn(UserIdInput, onPlatform('user.manage')).mutation(({ ctx, input }) =>
    deleteUser(ctx, input),
  ),
});
