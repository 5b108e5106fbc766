import type { RouterOutputs } from '@samrad/client';
import type { PhaseMethod } from '@samrad/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error';
import { text } from '../../lib/i18n';
import { trpc } from '../../lib/trpc';

type Survey = RouterOutputs['surveys']['get'];
type Results = RouterOutputs['surveys']['results'];

function VoteResults({ phaseId }: { phaseId: string }) {
  const results = useQuery(trpc.votes.results.queryOptions({ phaseId }));
  if (results.isPending) return <p role="status">Loading results…</p>;
  if (results.isError) {
    return <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  }
  const { ballots, items } = results.data;
  return (
    <>
      <p>
        {ballots} {ballots === 1 ? 'ballot' : 'ballots'} cast.
      </p>
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Votes per input" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Input</th>
                <th scope="col">Votes</th>
                <th scope="col">Amount allocated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.inputId}>
                  <th scope="row">{item.title}</th>
                  <td>{item.votes}</td>
                  <td>{item.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** One question's answers: each option counted, or each distinct answer with its count. */
function QuestionResult({
  question,
  result,
}: {
  question: Survey['questions'][number];
  result: Results['questions'][number] | undefined;
}) {
  const rows =
    question.options?.map((option) => ({
      label: text(option.title),
      count: result?.options?.find((counted) => counted.key === option.key)?.count ?? 0,
    })) ?? result?.values?.map((value) => ({ label: String(value.value), count: value.count }));
  return (
    <section className="question-result" aria-label={text(question.title)}>
      <h3>{text(question.title)}</h3>
      <p className="muted">
        {result?.answered ?? 0} answered
        {result?.mean != null && ` · mean ${result.mean.toFixed(1)}`}
      </p>
      {rows && rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function QuestionnaireResults({ questionnaire }: { questionnaire: Questionnaire }) {
  const { phaseId, kind } = questionnaire;
  const surveyResults = useQuery({
    ...trpc.surveys.results.queryOptions({ phaseId }),
    enabled: kind === 'survey',
  });
  const pollResults = useQuery({
    ...trpc.polls.results.queryOptions({ phaseId }),
    enabled: kind === 'poll',
  });
  const results = kind === 'survey' ? surveyResults : pollResults;
  if (results.isPending) return <p role="status">Loading results…</p>;
  if (results.isError) {
    return <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  }
  const { responses, questions } = results.data;
  return (
    <>
      <p>
        {responses} {responses === 1 ? 'response' : 'responses'}; managers’ test responses are not
        counted.
      </p>
      {questionnaire.survey.questions.map((question) => (
        <QuestionResult
          key={question.key}
          question={question}
          result={questions.find((result) => result.key === question.key)}
        />
      ))}
    </>
  );
}

/** A survey's or poll's questions, as the results show them. */
export interface Questionnaire {
  phaseId: string;
  kind: 'survey' | 'poll';
  survey: Survey;
}

/** A phase's results, as its method counts them; methods without results show nothing. */
export function PhaseResults({
  phaseId,
  method,
  questionnaire,
}: {
  phaseId: string;
  method: PhaseMethod;
  questionnaire: Questionnaire | undefined;
}) {
  if (method === 'voting') return <VoteResults phaseId={phaseId} />;
  if (questionnaire) return <QuestionnaireResults questionnaire={questionnaire} />;
  return null;
}
