import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { QueryError } from '../../components/query-error';
import { text } from '../../lib/i18n';
import { trpc } from '../../lib/trpc';

/** Registration questions a breakdown can be by: answers that fall into groups. */
const groupable = new Set(['single', 'multiple', 'checkbox', 'area']);

const otherGroups: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  unanswered: 'No answer',
  not_collected: 'Not collected (anonymous)',
};

function Breakdown({ phaseId, questionKey }: { phaseId: string; questionKey: string }) {
  const breakdown = useQuery(trpc.insights.demographics.queryOptions({ phaseId, questionKey }));
  if (breakdown.isPending) return <p role="status">Loading the breakdown…</p>;
  if (breakdown.isError) {
    return <QueryError error={breakdown.error} onRetry={() => void breakdown.refetch()} />;
  }
  const { respondents, groups } = breakdown.data;
  if (respondents === null) {
    return (
      <p className="notice">
        Fewer than 5 people took part: no breakdown is shown, so that nobody can be recognised.
      </p>
    );
  }
  return (
    <div className="table-wrap" role="region" aria-label="Participants by answer" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col">People</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.value}>
              <th scope="row">
                {group.title ? text(group.title) : (otherGroups[group.value] ?? group.value)}
              </th>
              <td>{group.count ?? <span className="muted">fewer than 5</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="cell-note table-note">
        {respondents} people in all. Groups of fewer than 5 are not shown, nor the next smallest
        where one alone would be worked out.
      </p>
    </div>
  );
}

/** Who took part, by their answers to the platform's registration questions (SPEC 2.3, 4.4). */
export function PhaseDemographics({ phaseId }: { phaseId: string }) {
  const questions = useQuery(trpc.registrationQuestions.list.queryOptions());
  const selectId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  if (questions.isPending) return null;
  if (questions.isError) {
    return <QueryError error={questions.error} onRetry={() => void questions.refetch()} />;
  }
  const options = questions.data.items.filter((q) => q.enabled && groupable.has(q.type));
  if (options.length === 0) {
    return <p className="notice">The platform asks no question to break participants down by.</p>;
  }
  const questionKey = chosen ?? options[0]!.key;
  return (
    <>
      <div className="field inline-field">
        <label htmlFor={selectId}>Break down by</label>
        <select id={selectId} value={questionKey} onChange={(e) => setChosen(e.target.value)}>
          {options.map((q) => (
            <option key={q.key} value={q.key}>
              {text(q.title)}
            </option>
          ))}
        </select>
      </div>
      <Breakdown phaseId={phaseId} questionKey={questionKey} />
    </>
  );
}
