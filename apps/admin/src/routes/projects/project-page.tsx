import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeading } from '../../components/page-heading';
import { QueryError } from '../../components/query-error';
import { formatDateRange, text } from '../../lib/i18n';
import { methodLabels, statusLabels, visibilityLabels } from '../../lib/labels';
import { api, trpc } from '../../lib/trpc';
import { ProjectEvents } from './project-events';
import { ProjectReports } from './project-reports';

/** A project's phases, and what came in across them. */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  const captionId = useId();

  if (project.isPending) return <p role="status">Loading the project…</p>;
  if (project.isError) {
    return (
      <div className="page">
        <PageHeading title="Project" />
        <QueryError error={project.error} onRetry={() => void project.refetch()} />
      </div>
    );
  }
  const { data } = project;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/projects">Projects</Link>
      </p>
      <PageHeading title={text(data.title)} />
      <p className="muted">
        {statusLabels[data.status]} · visible to {visibilityLabels[data.visibleTo].toLowerCase()}
      </p>

      <h2 id={captionId}>Phases</h2>
      {data.phases.length === 0 ? (
        <p className="notice">This project has no phases yet.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Method</th>
                <th scope="col">Dates</th>
              </tr>
            </thead>
            <tbody>
              {data.phases.map((phase) => (
                <tr key={phase.id}>
                  <th scope="row">
                    <Link to={`/projects/${data.id}/phases/${phase.id}`}>{text(phase.title)}</Link>
                  </th>
                  <td>{methodLabels[phase.method]}</td>
                  <td>{formatDateRange(phase.startAt, phase.endAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Events</h2>
      <ProjectEvents projectId={data.id} />

      <h2>Reports</h2>
      <ProjectReports projectId={data.id} />

      <h2>Participants</h2>
      <p>Everyone who took part in any phase, as each phase’s data collection allows.</p>
      <ExportButtons
        label="Export participants"
        fetchFile={(format) => api.exports.participants.query({ projectId: data.id, format })}
      />
    </div>
  );
}
