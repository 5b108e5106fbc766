import {
  CreateEventInput,
  EventIdInput,
  EventRegistrationInput,
  ListEventRegistrationsInput,
  ListEventsInput,
  UpdateEventInput,
} from '@samrad/core';
import { onEvent, toAttend } from '../access/event-guard.js';
import { onProject } from '../access/guards.js';
import { eventView, listEvents } from '../use-cases/events/event-view.js';
import { createEvent, deleteEvent, updateEvent } from '../use-cases/events/manage-events.js';
import { listRegistrations, register, unregister } from '../use-cases/events/registrations.js';
import { forAnyone, forSignedIn, router } from '../trpc.js';

/**
 * API.md `events.*` (SPEC 6, SPEC 4.1 *register for an event*): events of a project, seen with
 * its content, set by those who manage it; residents register as the event's phase lets them,
 * within its places; those registered listed for those who may export participant lists.
 */
export const eventsRouter = router({
  list: forAnyone(
    ListEventsInput,
    onProject('project.readContent', (input) => input.projectId),
  ).query(({ ctx, input }) => listEvents(ctx, input, ctx.granted.project)),
  get: forAnyone(
    EventIdInput,
    onEvent('project.readContent', (input) => input.id),
  ).query(({ ctx }) => eventView(ctx, ctx.granted.event.id)),
  create: forSignedIn(
    CreateEventInput,
    onProject('event.manage', (input) => input.projectId),
  ).mutation(({ ctx, input }) => createEvent(ctx, input, ctx.granted.project)),
  update: forSignedIn(
    UpdateEventInput,
    onEvent('event.manage', (input) => input.id),
  ).mutation(({ ctx, input }) => updateEvent(ctx, input, ctx.granted.event)),
  delete: forSignedIn(
    EventIdInput,
    onEvent('event.manage', (input) => input.id),
  ).mutation(({ ctx }) => deleteEvent(ctx, ctx.granted.event)),
  register: forAnyone(
    EventRegistrationInput,
    toAttend((input) => input.eventId),
  ).mutation(({ ctx }) => register(ctx, ctx.granted)),
  unregister: forSignedIn(
    EventRegistrationInput,
    onEvent('project.readContent', (input) => input.eventId),
  ).mutation(({ ctx }) => unregister(ctx, ctx.granted.event)),
  registrations: forSignedIn(
    ListEventRegistrationsInput,
    onEvent('project.exportParticipants', (input) => input.eventId),
  ).query(({ ctx, input }) => listRegistrations(ctx, input, ctx.granted.event)),
});
