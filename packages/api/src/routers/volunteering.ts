import {
  CauseIdInput,
  CreateCauseInput,
  ListVolunteersInput,
  PhaseIdInput,
  UpdateCauseInput,
  VolunteerInput,
} from '@samrad/core';
import { onCause, toVolunteer } from '../access/cause-guard.js';
import { onPhase } from '../access/phase-guard.js';
import {
  createCause,
  deleteCause,
  listCauses,
  updateCause,
} from '../use-cases/volunteering/causes.js';
import { listVolunteers, volunteer, withdraw } from '../use-cases/volunteering/volunteer.js';
import { forAnyone, forSignedIn, router } from '../trpc.js';

/**
 * `volunteering.*` (SPEC 4.1 *volunteer*): causes of a volunteering phase, set by its managers,
 * that residents sign up for within their places; the volunteers listed for those who may export
 * participant lists.
 */
export const volunteeringRouter = router({
  causes: forAnyone(
    PhaseIdInput,
    onPhase('project.readContent', (input) => input.phaseId),
  ).query(({ ctx }) => listCauses(ctx, ctx.granted.phase)),
  createCause: forSignedIn(
    CreateCauseInput,
    onPhase('phase.manage', (input) => input.phaseId),
  ).mutation(({ ctx, input }) => createCause(ctx, input, ctx.granted.phase)),
  updateCause: forSignedIn(
    UpdateCauseInput,
    onCause('phase.manage', (input) => input.id),
  ).mutation(({ ctx, input }) => updateCause(ctx, input, ctx.granted.cause)),
  deleteCause: forSignedIn(
    CauseIdInput,
    onCause('phase.manage', (input) => input.id),
  ).mutation(({ ctx }) => deleteCause(ctx, ctx.granted.cause)),
  volunteer: forAnyone(
    VolunteerInput,
    toVolunteer((input) => input.causeId),
  ).mutation(({ ctx }) => volunteer(ctx, ctx.granted)),
  withdraw: forSignedIn(
    VolunteerInput,
    onCause('project.readContent', (input) => input.causeId),
  ).mutation(({ ctx }) => withdraw(ctx, ctx.granted.cause)),
  volunteers: forSignedIn(
    ListVolunteersInput,
    onCause('project.exportParticipants', (input) => input.causeId),
  ).query(({ ctx, input }) => listVolunteers(ctx, input, ctx.granted.cause)),
});
