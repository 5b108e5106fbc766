import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListEventsInput, LocalizedText } from '@samrad/core';
import { eventRegistrations, events, type Database } from '@samrad/db';
import type { GrantedProject } from '../../access/guards.js';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { outer } from '../phases/phase-view.js';
import { afterCursor, toPage } from '../time-cursor.js';

/** What residents and managers see of an event. */
export interface EventView {
  id: string;
  projectId: string;
  /** The phase whose `attend` setting takes registrations; null: announced only. */
  phaseId: string | null;
  title: LocalizedText;
  description: LocalizedText;
  location: string | null;
  onlineUrl: string | null;
  startAt: string;
  endAt: string | null;
  /** Places; null: as many as come. */
  capacity: number | null;
  registrations: number;
  full: boolean;
  /** The caller is registered. */
  registered: boolean;
}

const registrationCount = sql<number>`(select count(*)::int from ${eventRegistrations}
  where ${eventRegistrations.eventId} = ${outer(events, events.id)})`;

/** The columns of a view for the caller (`userId`; null: a visitor), counts from subqueries. */
function eventViewColumns(userId: string | null) {
  return {
    id: events.id,
    projectId: events.projectId,
    phaseId: events.phaseId,
    title: events.title,
    description: events.description,
    location: events.location,
    onlineUrl: events.onlineUrl,
    startAt: events.startAt,
    endAt: events.endAt,
    capacity: events.capacity,
    registrations: registrationCount,
    registered: userId
      ? sql<boolean>`exists (select 1 from ${eventRegistrations}
          where ${eventRegistrations.eventId} = ${outer(events, events.id)}
          and ${eventRegistrations.userId} = ${userId})`
      : sql<boolean>`false`,
    /** The exact stored time as text, for keyset cursors without losing microseconds. */
    startAtKey: sql<string>`${events.startAt}::text`,
  };
}

type EventRow = Omit<EventView, 'startAt' | 'endAt' | 'full'> & {
  startAt: Date;
  endAt: Date | null;
};

function toEventView(row: EventRow): EventView {
  return {
    id: row.id,
    projectId: row.projectId,
    phaseId: row.phaseId,
    title: row.title,
    description: row.description,
    location: row.location,
    onlineUrl: row.onlineUrl,
    startAt: row.startAt.toISOString(),
    endAt: row.endAt?.toISOString() ?? null,
    capacity: row.capacity,
    registrations: row.registrations,
    full: row.capacity !== null && row.registrations >= row.capacity,
    registered: row.registered,
  };
}

/**
 * A project's events in the order they take place, once the guard decided that the caller sees
 * its content. One query per page.
 */
export async function listEvents(
  ctx: Context,
  input: ListEventsInput,
  project: GrantedProject,
): Promise<{ items: EventView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    eq(events.platformId, ctx.platform.id),
    eq(events.projectId, project.id),
  ];
  if (input.upcoming) conditions.push(sql`coalesce(${events.endAt}, ${events.startAt}) >= now()`);
  if (input.cursor) {
    conditions.push(afterCursor(events.startAt, events.id, input.cursor, 'oldest first'));
  }
  const rows = await ctx.db
    .select(eventViewColumns(ctx.viewer.user?.id ?? null))
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.startAt), asc(events.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (row) => [row.startAtKey, row.id], toEventView);
}

/** One event as the caller sees it (the guard found it and decided). */
export async function eventView(ctx: Context, id: string): Promise<EventView> {
  const [row] = await ctx.db
    .select(eventViewColumns(ctx.viewer.user?.id ?? null))
    .from(events)
    .where(eq(events.id, id));
  // Deleted since the guard found it.
  if (!row) throw notFound('Event');
  return toEventView(row);
}

/**
 * Locks an event for the rest of the transaction (its row as it now is), then counts its
 * registrations — in a statement of its own: under READ COMMITTED a statement that waited for
 * the lock would still count from the snapshot it started with, and let a race past the capacity.
 */
export async function lockEvent(
  tx: Database,
  eventId: string,
): Promise<{ event: typeof events.$inferSelect; taken: number }> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!event) throw notFound('Event');
  const [counted] = await tx
    .select({ taken: registrationCount })
    .from(events)
    .where(eq(events.id, eventId));
  return { event, taken: counted!.taken };
}
