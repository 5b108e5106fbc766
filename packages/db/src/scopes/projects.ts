import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { publiclyVisibleStatuses } from '@samrad/core';
import { projects } from '../schema/projects.js';

/** SQL twin of core's `visitorMayReadProject`: published or archived, visible to everyone. */
export function projectsReadableByVisitor(platformId: string): SQL {
  return and(
    eq(projects.platformId, platformId),
    inArray(projects.status, [...publiclyVisibleStatuses]),
    eq(projects.visibleTo, 'everyone'),
  )!;
}

/** SQL twin of core's `visitorMayListProject`: readable and listed. */
export function projectsListableByVisitor(platformId: string): SQL {
  return and(projectsReadableByVisitor(platformId), eq(projects.listed, true))!;
}
