import { AssignRoleInput, ClearRolesInput, ListRolesInput, RevokeRoleInput } from '@samrad/core';
import { assignRole } from '../use-cases/roles/assign-role.js';
import { clearRoles } from '../use-cases/roles/clear-roles.js';
import { listRoles } from '../use-cases/roles/list-roles.js';
import { revokeRole } from '../use-cases/roles/revoke-role.js';
import { router, signedInProcedure } from '../trpc.js';

export const rolesRouter = router({
  list: signedInProcedure
    .input(ListRolesInput.default({}))
    .query(({ ctx, input }) => listRoles(ctx, input)),
  assign: signedInProcedure
    .input(AssignRoleInput)
    .mutation(({ ctx, input }) => assignRole(ctx, input)),
  clear: signedInProcedure
    .input(ClearRolesInput)
    .mutation(({ ctx, input }) => clearRoles(ctx, input)),
  revoke: signedInProcedure
    .input(RevokeRoleInput)
    .mutation(({ ctx, input }) => revokeRole(ctx, input)),
});
