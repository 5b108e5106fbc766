import { ListAuditInput } from '@samrad/core';
import { listing } from '../access/guards.js';
import { listAudit } from '../use-cases/audit/list-audit.js';
import { forSignedIn, router } from '../trpc.js';

export const auditRouter = router({
  list: forSignedIn(ListAuditInput.default({ limit: 50 }), listing('audit.read')).query(
    ({ ctx, input }) => listAudit(ctx, input, ctx.granted.scope),
  ),
});
