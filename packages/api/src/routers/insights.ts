import { DemographicsInput, PhaseIdInput } from '@samrad/core';
import { onPhase } from '../access/phase-guard.js';
import { demographicBreakdown, participationCounts } from '../use-cases/insights/insights.js';
import { forSignedIn, router } from '../trpc.js';

/** `insights.*` (SPEC 2.3): participation metrics and demographic breakdowns of a phase. */
export const insightsRouter = router({
  participation: forSignedIn(
    PhaseIdInput,
    onPhase('project.viewInsights', (input) => input.phaseId),
  ).query(({ ctx }) => participationCounts(ctx, ctx.granted.phase)),
  demographics: forSignedIn(
    DemographicsInput,
    onPhase('project.viewInsights', (input) => input.phaseId),
  ).query(({ ctx, input }) => demographicBreakdown(ctx, ctx.granted.phase, input)),
});
