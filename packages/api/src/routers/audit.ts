import { ListAuditInput } from '@samrad/core';
import { listAudit } from '../use-cases/audit/list-audit.js';
import { router, signedInProcedure } from '../trpc.js';

export const auditRouter = router({
  list: signedInProcedure
    .input(ListAuditInput.default({ limit: 50 }))
    .query(({ ctx, input }) => listAudit(ctx, input)),
});
