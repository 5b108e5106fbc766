import { sql, type Column, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  eventRegistrations,
  events,
  volunteeringCauses,
  volunteers,
} from '../schema/activities.js';
import { comments, inputs, reactions, votes } from '../schema/inputs.js';
import { phases } from '../schema/phases.js';
import { surveyResponses } from '../schema/surveys.js';

/**
 * Where participation is recorded, and the project of each row. Only rows that carry the person
 * count: contributions collected with `all` (under `demographics` and `anonymous` there is no
 * author, by design, SPEC 4.4), reactions, volunteering and event registrations. Managers' test
 * survey responses are not participation.
 */
export const participationSources: {
  /** What the person did there, as exports name it. */
  kind: 'post' | 'comment' | 'vote' | 'survey' | 'react' | 'volunteer' | 'attend';
  from: SQL;
  who: Column;
  project: Column;
  also?: SQL;
}[] = [
  { kind: 'post', from: sql`${inputs}`, who: inputs.authorId, project: inputs.projectId },
  {
    kind: 'comment',
    from: sql`${comments} inner join ${inputs} on ${inputs.id} = ${comments.inputId}`,
    who: comments.authorId,
    project: inputs.projectId,
  },
  {
    kind: 'vote',
    from: sql`${votes} inner join ${phases} on ${phases.id} = ${votes.phaseId}`,
    who: votes.authorId,
    project: phases.projectId,
  },
  {
    kind: 'survey',
    from: sql`${surveyResponses} inner join ${phases} on ${phases.id} = ${surveyResponses.phaseId}`,
    who: surveyResponses.authorId,
    project: phases.projectId,
    also: sql`not ${surveyResponses.isTest}`,
  },
  {
    kind: 'react',
    from: sql`${reactions} inner join ${inputs} on ${inputs.id} = ${reactions.inputId}`,
    who: reactions.userId,
    project: inputs.projectId,
  },
  {
    kind: 'volunteer',
    from: sql`${volunteers} inner join ${volunteeringCauses} on ${volunteeringCauses.id} = ${volunteers.causeId} inner join ${phases} on ${phases.id} = ${volunteeringCauses.phaseId}`,
    who: volunteers.userId,
    project: phases.projectId,
  },
  {
    kind: 'attend',
    from: sql`${eventRegistrations} inner join ${events} on ${events.id} = ${eventRegistrations.eventId}`,
    who: eventRegistrations.userId,
    project: events.projectId,
  },
];

/**
 * The people who took part in a project that satisfies `inProject` (given the project id column
 * of each source), as a subquery of user ids for `in (…)`: from the few projects to their
 * participants, rather than a correlated test of every person. No null (anonymous rows), so
 * that `not in` would mean what it says.
 */
export function participantsOf(inProject: (projectId: AnyPgColumn) => SQL): SQL {
  const arms = participationSources.map(
    (source) =>
      sql`select ${source.who} from ${source.from} where ${source.who} is not null${
        source.also ? sql` and ${source.also}` : sql``
      } and ${inProject(source.project as AnyPgColumn)}`,
  );
  return sql`(${sql.join(arms, sql` union all `)})`;
}

/** The ids of the projects the person (`userId`, an expression of the outer query) took part in. */
export function projectsTakenPartIn(userId: SQL): SQL<string[]> {
  const arms = participationSources.map(
    (source) =>
      sql`select ${source.project} as pid from ${source.from} where ${source.who} = ${userId}${
        source.also ? sql` and ${source.also}` : sql``
      }`,
  );
  return sql<
    string[]
  >`(select coalesce(array_agg(distinct pid), '{}') from (${sql.join(arms, sql` union `)}) as participated)`;
}
