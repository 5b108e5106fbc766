import { AssignRoleInput, ClearRolesInput, ListRolesInput, RevokeRoleInput } from '@samrad/core';
import { onRole, onScope, perRow } from '../access/guards.js';
import { assignRole } from '../use-cases/roles/assign-role.js';
import { clearRoles } from '../use-cases/roles/clear-roles.js';
import { listRoles } from '../use-cases/roles/list-roles.js';
import { revokeRole } from '../use-cases/roles/revoke-role.js';
import { weakestRole } from '../use-cases/roles/role-scope.js';
import { forSignedIn, router } from '../trpc.js';

export const rolesRouter = router({
  // Who holds which role is part of the scope's accountability record (SPEC 7).
  list: forSignedIn(
    ListRolesInput.default({ limit: 100 }),
    onScope('audit.read', (input) => input.scope ?? { type: 'platform' }),
  ).query(({ ctx, input }) => listRoles(ctx, input)),
  assign: forSignedIn(
    AssignRoleInput,
    onRole('role.assign', (input) => input),
  ).mutation(({ ctx, input }) => assignRole(ctx, input, ctx.granted.scope)),
  // Decided first on the scope (may the caller take roles away there at all?), then again
  // under lock on the role actually held.
  revoke: forSignedIn(
    RevokeRoleInput,
    onRole('role.revoke', (input) => ({ scope: input.scope, role: weakestRole[input.scope.type] })),
  ).mutation(({ ctx, input }) => revokeRole(ctx, input, ctx.granted.scope)),
  clear: forSignedIn(
    ClearRolesInput,
    perRow('role.revoke', 'on each role the user holds'),
  ).mutation(({ ctx, input }) => clearRoles(ctx, input)),
});
