import { and, eq, sql } from 'drizzle-orm';
import type {
  LocalizedText,
  PhaseMethod,
  ProjectVisibility,
  PublicationStatus,
} from '@samrad/core';
import { folders, phases, projects } from '@samrad/db';

export interface PhaseSummary {
  id: string;
  title: LocalizedText;
  method: PhaseMethod;
  startAt: string;
  endAt: string | null;
}

/** What a listing shows of a project: its public card (SPEC 3.5 shows it even to non-members). */
export interface ProjectCard {
  id: string;
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  status: PublicationStatus;
  listed: boolean;
  visibleTo: ProjectVisibility;
  membersOnly: boolean;
  folder: { id: string; title: LocalizedText } | null;
  /** The phase running now, else the next one, else the last. */
  currentPhase: PhaseSummary | null;
  publishedAt: string | null;
}

/**
 * The current phase in the same query as the project (a correlated subquery), so a page of
 * cards costs one round trip whatever its size.
 */
const currentPhase = sql<PhaseSummary | null>`(
  select json_build_object(
    'id', ${phases.id}, 'title', ${phases.title}, 'method', ${phases.method},
    'startAt', ${phases.startAt}, 'endAt', ${phases.endAt})
  from ${phases}
  where ${phases.projectId} = ${projects.id}
  order by
    case when ${phases.startAt} <= now() and (${phases.endAt} is null or ${phases.endAt} > now()) then 0
         when ${phases.startAt} > now() then 1 else 2 end,
    case when ${phases.startAt} > now() then ${phases.startAt} end asc,
    ${phases.startAt} desc
  limit 1)`;

/** Columns selected explicitly, so nothing else (preview token hashes…) can leak. */
export const projectCardColumns = {
  id: projects.id,
  slug: projects.slug,
  title: projects.title,
  description: projects.description,
  status: projects.status,
  listed: projects.listed,
  visibleTo: projects.visibleTo,
  membersOnly: projects.membersOnly,
  publishedAt: projects.publishedAt,
  createdAt: projects.createdAt,
  /** The exact stored time as text, for keyset cursors without losing microseconds. */
  createdAtKey: sql<string>`${projects.createdAt}::text`,
  folderId: folders.id,
  folderTitle: folders.title,
  currentPhase,
};

/** A draft folder is not shown (SPEC 3.2); its published projects stay reachable. */
export const visibleFolderJoin = and(
  eq(folders.id, projects.folderId),
  eq(folders.status, 'published'),
);

/** A row as `projectCardColumns` selects it. */
type CardRow = Omit<ProjectCard, 'folder' | 'currentPhase' | 'publishedAt'> & {
  publishedAt: Date | null;
  folderId: string | null;
  folderTitle: LocalizedText | null;
  /** Times as PostgreSQL writes them in JSON: normalized to ISO by `toPhaseSummary`. */
  currentPhase: PhaseSummary | null;
};

export function toProjectCard(row: CardRow): ProjectCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    status: row.status,
    listed: row.listed,
    visibleTo: row.visibleTo,
    membersOnly: row.membersOnly,
    folder: row.folderId && row.folderTitle ? { id: row.folderId, title: row.folderTitle } : null,
    currentPhase: row.currentPhase ? toPhaseSummary(row.currentPhase) : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export function toPhaseSummary(phase: {
  id: string;
  title: LocalizedText;
  method: PhaseMethod;
  startAt: string | Date;
  endAt: string | Date | null;
}): PhaseSummary {
  return {
    id: phase.id,
    title: phase.title,
    method: phase.method,
    startAt: new Date(phase.startAt).toISOString(),
    endAt: phase.endAt === null ? null : new Date(phase.endAt).toISOString(),
  };
}
