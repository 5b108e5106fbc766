import type { RouterOutputs } from '@samrad/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading';
import { QueryError } from '../../components/query-error';
import { formatDateRange, text } from '../../lib/i18n';
import { methodLabels, statusLabels, visibilityLabels } from '../../lib/labels';
import { trpc } from '../../lib/trpc';

type Project = RouterOutputs['projects']['list']['items'][number];

const pageSize = 25;

function Visibility({ project }: { project: Project }) {
  const notes = [!project.listed && 'unlisted', project.membersOnly && 'members only'].filter(
    Boolean,
  );
  return (
    <>
      {visibilityLabels[project.visibleTo]}
      {notes.length > 0 && <span className="cell-note">{notes.join(', ')}</span>}
    </>
  );
}

function CurrentPhase({ phase }: { phase: Project['currentPhase'] }) {
  if (!phase) return <span className="muted">No phases</span>;
  return (
    <>
      {text(phase.title)}
      <span className="cell-note">
        {methodLabels[phase.method]}, {formatDateRange(phase.startAt, phase.endAt)}
      </span>
    </>
  );
}

export function ProjectsPage() {
  const projects = useInfiniteQuery(
    trpc.projects.list.infiniteQueryOptions(
      { limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const summary = useRef<HTMLParagraphElement>(null);
  const captionId = useId();
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];

  async function loadMore() {
    const result = await projects.fetchNextPage();
    // The button disappears with the last page; focus must not fall back to the document.
    if (!result.hasNextPage) summary.current?.focus();
  }

  return (
    <div className="page">
      <PageHeading title="Projects" />
      {projects.isPending ? (
        <p role="status">Loading projects…</p>
      ) : projects.isError ? (
        <QueryError error={projects.error} onRetry={() => void projects.refetch()} />
      ) : items.length === 0 ? (
        <p className="notice">There are no projects yet.</p>
      ) : (
        <>
          {/* Focusable, so keyboard users can scroll the table sideways on narrow screens. */}
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className="table">
              <caption id={captionId} className="visually-hidden">
                Projects
              </caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Folder</th>
                  <th scope="col">Status</th>
                  <th scope="col">Visibility</th>
                  <th scope="col">Current phase</th>
                </tr>
              </thead>
              <tbody>
                {items.map((project) => (
                  <tr key={project.id}>
                    <th scope="row">
                      <Link to={`/projects/${project.id}`}>{text(project.title)}</Link>
                    </th>
                    <td>
                      {project.folder ? (
                        text(project.folder.title)
                      ) : (
                        <span className="muted">None</span>
                      )}
                    </td>
                    <td>
                      <span className={`badge badge-${project.status}`}>
                        {statusLabels[project.status]}
                      </span>
                    </td>
                    <td>
                      <Visibility project={project} />
                    </td>
                    <td>
                      <CurrentPhase phase={project.currentPhase} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-footer">
            <p ref={summary} tabIndex={-1} role="status">
              {projects.hasNextPage
                ? `Showing the first ${items.length} projects.`
                : `Showing all ${items.length} ${items.length === 1 ? 'project' : 'projects'}.`}
            </p>
            {projects.hasNextPage && (
              <button
                type="button"
                className="button button-secondary"
                disabled={projects.isFetchingNextPage}
                onClick={() => void loadMore()}
              >
                {projects.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
            {projects.isFetchNextPageError && (
              <p className="notice notice-error" role="alert">
                More projects could not be loaded. Try again.
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
