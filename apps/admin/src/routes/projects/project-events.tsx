import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error';
import { formatDateRange, text } from '../../lib/i18n';
import { trpc } from '../../lib/trpc';

/** The project's events to come, with the places taken (SPEC 4.1 *register for an event*). */
export function ProjectEvents({ projectId }: { projectId: string }) {
  const events = useQuery(trpc.events.list.queryOptions({ projectId, upcoming: true, limit: 100 }));
  if (events.isPending) return <p role="status">Loading events…</p>;
  if (events.isError) {
    return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  }
  const { items } = events.data;
  if (items.length === 0) return <p className="notice">No events to come.</p>;
  return (
    <div className="table-wrap" role="region" aria-label="Events to come" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">When</th>
            <th scope="col">Registered</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => (
            <tr key={event.id}>
              <th scope="row">
                {text(event.title)}
                <span className="cell-note">
                  {event.phaseId ? (event.location ?? event.onlineUrl ?? '') : 'Announced only'}
                </span>
              </th>
              <td>{formatDateRange(event.startAt, event.endAt)}</td>
              <td>
                {event.registrations}
                {event.capacity !== null && ` of ${event.capacity}`}
                {event.full && <span className="cell-note">Full</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
