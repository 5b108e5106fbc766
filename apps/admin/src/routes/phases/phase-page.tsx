import type { RouterOutputs } from '@samrad/client';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeading } from '../../components/page-heading';
import { QueryError } from '../../components/query-error';
import { formatDateRange, text } from '../../lib/i18n';
import {
  actionLabels,
  dataCollectionLabels,
  methodLabels,
  permittedByLabels,
} from '../../lib/labels';
import { api, trpc } from '../../lib/trpc';
import { PhaseActivity } from './phase-activity';
import { PhaseCauses } from './phase-causes';
import { PhaseDemographics } from './phase-demographics';
import { PhaseResults, type Questionnaire } from './phase-results';

type Phase = RouterOutputs['phases']['list']['items'][number];

/** Who may take part in what, and what is kept of them (SPEC 4.1, 4.4). */
function TakingPart({ phase }: { phase: Phase }) {
  if (phase.participation.length === 0) {
    return <p className="notice">Nobody can take part in this phase.</p>;
  }
  return (
    <div className="table-wrap" role="region" aria-label="Taking part" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Who</th>
            <th scope="col">Data collected</th>
            <th scope="col">Per person</th>
          </tr>
        </thead>
        <tbody>
          {phase.participation.map((setting) => (
            <tr key={setting.action}>
              <th scope="row">
                {actionLabels[setting.action]}
                {'enabled' in setting && !setting.enabled && <span className="cell-note">Off</span>}
              </th>
              <td>{permittedByLabels[setting.permittedBy]}</td>
              <td>{dataCollectionLabels[setting.dataCollection]}</td>
              <td>{setting.maxPerPerson ?? 'No limit'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The questions of a survey or poll phase, with whether duplicates are possible. */
function useQuestionnaire(phase: Phase | undefined): Questionnaire | undefined {
  const kind = phase?.method === 'survey' || phase?.method === 'poll' ? phase.method : null;
  const phaseId = phase?.id ?? '';
  const survey = useQuery({
    ...trpc.surveys.get.queryOptions({ phaseId }),
    enabled: kind === 'survey',
  });
  const poll = useQuery({ ...trpc.polls.get.queryOptions({ phaseId }), enabled: kind === 'poll' });
  const data = kind === 'survey' ? survey.data : poll.data;
  return kind && data ? { phaseId, kind, survey: data } : undefined;
}

/** One phase as its managers run it: who takes part, how many did, results and exports. */
export function PhasePage() {
  const { projectId = '', phaseId = '' } = useParams();
  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  const phases = useQuery(trpc.phases.list.queryOptions({ projectId, limit: 100 }));
  const phase = phases.data?.items.find((item) => item.id === phaseId);
  const questionnaire = useQuestionnaire(phase);

  if (phases.isPending) return <p role="status">Loading the phase…</p>;
  if (phases.isError || !phase) {
    return (
      <div className="page">
        <PageHeading title="Phase" />
        {phases.isError ? (
          <QueryError error={phases.error} onRetry={() => void phases.refetch()} />
        ) : (
          <p className="notice notice-error" role="alert">
            This project has no such phase.
          </p>
        )}
      </div>
    );
  }
  const exportsOf = {
    inputs: phase.method === 'ideation' || phase.method === 'voting',
    responses: questionnaire !== undefined,
    votes: phase.method === 'voting',
  };
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/projects">Projects</Link> /{' '}
        <Link to={`/projects/${projectId}`}>
          {project.data ? text(project.data.title) : 'Project'}
        </Link>
      </p>
      <PageHeading title={text(phase.title)} />
      <p className="muted">
        {methodLabels[phase.method]}, {formatDateRange(phase.startAt, phase.endAt)}
      </p>

      <h2>Taking part</h2>
      {questionnaire?.survey.duplicatesPossible && (
        <p className="notice notice-warning" role="note">
          Anyone may answer without signing in, so one person can answer more than once: there is no
          sign-in or IP tracking to tell them apart. Each response gets its own id.
        </p>
      )}
      <TakingPart phase={phase} />

      <h2>Activity</h2>
      <PhaseActivity phaseId={phase.id} />

      <h2>Who took part</h2>
      <PhaseDemographics phaseId={phase.id} />

      {phase.method === 'volunteering' && (
        <>
          <h2>Causes</h2>
          <PhaseCauses phaseId={phase.id} />
        </>
      )}

      {(phase.method === 'voting' || questionnaire) && <h2>Results</h2>}
      <PhaseResults phaseId={phase.id} method={phase.method} questionnaire={questionnaire} />

      <h2>Exports</h2>
      <p>Files follow each action’s data collection: nobody is named where none was kept.</p>
      {exportsOf.inputs && (
        <ExportButtons
          label="Export inputs"
          fetchFile={(format) => api.exports.inputs.query({ phaseId: phase.id, format })}
        />
      )}
      {exportsOf.responses && (
        <ExportButtons
          label="Export responses"
          fetchFile={(format) => api.exports.responses.query({ phaseId: phase.id, format })}
        />
      )}
      {exportsOf.votes && (
        <ExportButtons
          label="Export votes"
          fetchFile={(format) => api.exports.votes.query({ phaseId: phase.id, format })}
        />
      )}
      <ExportButtons
        label="Export the project’s participants"
        fetchFile={(format) => api.exports.participants.query({ projectId, format })}
      />
    </div>
  );
}
