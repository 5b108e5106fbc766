import { ExportPhaseInput, ExportProjectInput } from '@samrad/core';
import { onProject } from '../access/guards.js';
import { onPhase } from '../access/phase-guard.js';
import {
  exportInputs,
  exportParticipants,
  exportResponses,
  exportVotes,
} from '../use-cases/exports/exports.js';
import { forSignedIn, router } from '../trpc.js';

/**
 * `exports.*` (SPEC 2.3): what came in, as CSV or XLSX files, for those who may export the
 * project's participants.
 */
export const exportsRouter = router({
  inputs: forSignedIn(
    ExportPhaseInput,
    onPhase('project.exportParticipants', (input) => input.phaseId),
  ).query(({ ctx, input }) => exportInputs(ctx, ctx.granted.phase, input.format)),
  responses: forSignedIn(
    ExportPhaseInput,
    onPhase('project.exportParticipants', (input) => input.phaseId),
  ).query(({ ctx, input }) => exportResponses(ctx, ctx.granted.phase, input.format)),
  votes: forSignedIn(
    ExportPhaseInput,
    onPhase('project.exportParticipants', (input) => input.phaseId),
  ).query(({ ctx, input }) =>
    exportVotes(ctx, ctx.granted.phase, ctx.granted.project, input.format),
  ),
  participants: forSignedIn(
    ExportProjectInput,
    onProject('project.exportParticipants', (input) => input.projectId),
  ).query(({ ctx, input }) => exportParticipants(ctx, ctx.granted.project, input.format)),
});
