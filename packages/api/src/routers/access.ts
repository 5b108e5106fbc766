import { ExplainAccessInput, permissionMatrix } from '@samrad/core';
import { explainAccess } from '../use-cases/access/explain-access.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

// The table is generated from the policy and published in the repository (PERMISSIONS.md):
// it reveals nothing about any person or project, so anyone may read it.
const matrix = permissionMatrix();

export const accessRouter = router({
  matrix: publicProcedure.query(() => matrix),
  explain: signedInProcedure
    .input(ExplainAccessInput)
    .query(({ ctx, input }) => explainAccess(ctx, input)),
});
