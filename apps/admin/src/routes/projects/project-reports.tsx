import type { RouterOutputs } from '@samrad/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error';
import { describeError } from '../../lib/errors';
import { queryClient, trpc } from '../../lib/trpc';

type Report = RouterOutputs['inputs']['reports']['items'][number];

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * What residents reported in the project, for its moderators: each input hidden or shown again
 * from here, which settles its reports.
 */
export function ProjectReports({ projectId }: { projectId: string }) {
  const reports = useQuery(trpc.inputs.reports.queryOptions({ projectId }));
  const settled = {
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: trpc.inputs.reports.queryKey({ projectId }) }),
  };
  const moderateInput = useMutation(trpc.inputs.moderate.mutationOptions(settled));
  const moderateComment = useMutation(trpc.comments.moderate.mutationOptions(settled));
  const pending = moderateInput.isPending || moderateComment.isPending;
  const failed = moderateInput.error ?? moderateComment.error;
  const decide = (report: Report, hidden: boolean) =>
    report.comment
      ? moderateComment.mutate({ id: report.comment.id, hidden })
      : moderateInput.mutate({ id: report.inputId, hidden });
  if (reports.isPending) return <p role="status">Loading reports…</p>;
  if (reports.isError) {
    return <QueryError error={reports.error} onRetry={() => void reports.refetch()} />;
  }
  const { items } = reports.data;
  if (items.length === 0) return <p className="notice">Nothing is reported.</p>;
  return (
    <>
      {failed && (
        <p className="notice notice-error" role="alert">
          {describeError(failed)}
        </p>
      )}
      <div className="table-wrap" role="region" aria-label="Reported inputs" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Reported</th>
              <th scope="col">Reason</th>
              <th scope="col">Reported by</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((report) => (
              <tr key={report.id}>
                <th scope="row">
                  {report.comment ? (
                    <>
                      A comment on {report.inputTitle}
                      <span className="cell-note">“{report.comment.body}”</span>
                    </>
                  ) : (
                    report.inputTitle
                  )}
                  <span className="cell-note">
                    {report.hidden ? 'Hidden from residents' : 'Shown to residents'}
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
                    disabled={pending}
                    onClick={() => decide(report, true)}
                  >
                    {report.hidden ? 'Keep hidden' : 'Hide'}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={pending}
                    onClick={() => decide(report, false)}
                  >
                    {report.hidden ? 'Show again' : 'Keep shown'}
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
