import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error';
import { text } from '../../lib/i18n';
import { trpc } from '../../lib/trpc';

/** A volunteering phase's causes, with the places taken. */
export function PhaseCauses({ phaseId }: { phaseId: string }) {
  const causes = useQuery(trpc.volunteering.causes.queryOptions({ phaseId }));
  if (causes.isPending) return <p role="status">Loading causes…</p>;
  if (causes.isError) {
    return <QueryError error={causes.error} onRetry={() => void causes.refetch()} />;
  }
  const items = causes.data;
  if (items.length === 0) return <p className="notice">This phase has no causes yet.</p>;
  return (
    <div className="table-wrap" role="region" aria-label="Causes" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Cause</th>
            <th scope="col">Volunteers</th>
          </tr>
        </thead>
        <tbody>
          {items.map((cause) => (
            <tr key={cause.id}>
              <th scope="row">{text(cause.title)}</th>
              <td>
                {cause.volunteers}
                {cause.capacity !== null && ` of ${cause.capacity}`}
                {cause.full && <span className="cell-note">Full</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
