import type { ParticipationAction } from '@samrad/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error';
import { actionLabels } from '../../lib/labels';
import { trpc } from '../../lib/trpc';

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

function actionLabel(action: string): string {
  return actionLabels[action as ParticipationAction] ?? action;
}

/** How many took part, in what, and on which days (SPEC 2.3: participation over time). */
export function PhaseActivity({ phaseId }: { phaseId: string }) {
  const counts = useQuery(trpc.insights.participation.queryOptions({ phaseId }));
  if (counts.isPending) return <p role="status">Loading activity…</p>;
  if (counts.isError) {
    return <QueryError error={counts.error} onRetry={() => void counts.refetch()} />;
  }
  const { participants, totals, days } = counts.data;
  const actions = Object.keys(totals);
  const byDay = new Map<string, Map<string, number>>();
  for (const { day, action, count } of days) {
    const row = byDay.get(day) ?? new Map<string, number>();
    row.set(action, count);
    byDay.set(day, row);
  }
  return (
    <>
      <p>
        <strong data-testid="participants">{participants}</strong>{' '}
        {participants === 1 ? 'person' : 'people'} took part.
      </p>
      {actions.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Activity per day" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                {actions.map((action) => (
                  <th key={action} scope="col">
                    {actionLabel(action)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...byDay].map(([day, row]) => (
                <tr key={day}>
                  <th scope="row">{dayFormat.format(new Date(`${day}T00:00:00Z`))}</th>
                  {actions.map((action) => (
                    <td key={action}>{row.get(action) ?? 0}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">All days</th>
                {actions.map((action) => (
                  <td key={action}>{totals[action]}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
