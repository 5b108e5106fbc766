import { ExplainAccessInput, permissionMatrix } from '@samrad/core';
import { onScope, open } from '../access/guards.js';
import { explainAccess } from '../use-cases/access/explain-access.js';
import { forAnyone, forSignedIn, noInput, router } from '../trpc.js';

const matrix = permissionMatrix();

export const accessRouter = router({
  matrix: forAnyone(
    noInput,
    // Generated from the policy and published in the repository (PERMISSIONS.md).
    open('the permission table names no person, project or setting'),
  ).query(() => matrix),
  explain: forSignedIn(
    ExplainAccessInput,
    onScope('access.explain', (input) => input.target),
  ).query(({ ctx, input }) => explainAccess(ctx, input, ctx.granted.scope)),
});
