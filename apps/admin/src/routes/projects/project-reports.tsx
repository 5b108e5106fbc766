import { useMutation, useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error';
import { describeError } from '../../lib/errors';
import { queryClient, trpc } from '../../lib/trpc';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * What residents reported in the project, for its moderators: each input hidden or shown again
 * from here, which settles its reports.
 */
export function ProjectReports({ projectId }: { projectId: string }) {
  const reports = useQuery(trpc.inputs.reports.queryOptions({ projectId }));
  const moderate = useMutation(
    trpc.inputs.moderate.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.inputs.reports.queryKey({ projectId }) }),
    }),
  );
  if (reports.isPending) return <p role="status">Loading reports…</p>;
  if (reports.isError) {
    return <QueryError error={reports.error} onRetry={() => void reports.refetch()} />;
  }
  const { items } = reports.data;
  if (items.length === 0) return <p className="notice">Nothing is reported.</p>;
  return (
    <>
      {moderate.isError && (
        <p className="notice notice-error" role="alert">
          {describeError(moderate.error)}
        </p>
      )}
      <div className="table-wrap" role="region" aria-label="Reported inputs" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Reason</th>
              <th scope="col">Reported by</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((report) => (
              <tr key={report.id}>
                <th scope="row">
                  {report.inputTitle}
                  <span className="cell-note">
                    {report.inputHidden ? 'Hidden from residents' : 'Shown to residents'}
                  </span>
                </th>
                <td>{report.reason}</td>
                <td>
                  {report.reporter?.name ?? <span className="muted">A deleted account</span>}
                  <span className="cell-note">{when.format(new Date(report.createdAt))}</span>
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={moderate.isPending}
                    onClick={() => moderate.mutate({ id: report.inputId, hidden: true })}
                  >
                    {report.inputHidden ? 'Keep hidden' : 'Hide'}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={moderate.isPending}
                    onClick={() => moderate.mutate({ id: report.inputId, hidden: false })}
                  >
                    {report.inputHidden ? 'Show again' : 'Keep shown'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
