import { sql, type SQL } from 'drizzle-orm';
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
 * The person (`userId`, a column of the outer query) took part in a project that satisfies
 * `inProject` (given the project id column of each kind of participation). Only rows that carry
 * the person count: contributions collected with `all` (under `demographics` and `anonymous` there
 * is no author, by design, SPEC 4.4), reactions, volunteering and event registrations. Managers'
 * test survey responses are not participation.
 */
export function tookPartIn(
  userId: AnyPgColumn | SQL,
  inProject: (projectId: AnyPgColumn) => SQL,
): SQL {
  const arms = [
    sql`exists (select 1 from ${inputs} where ${inputs.authorId} = ${userId} and ${inProject(inputs.projectId)})`,
    sql`exists (select 1 from ${comments} inner join ${inputs} on ${inputs.id} = ${comments.inputId}
      where ${comments.authorId} = ${userId} and ${inProject(inputs.projectId)})`,
    sql`exists (select 1 from ${votes} inner join ${phases} on ${phases.id} = ${votes.phaseId}
      where ${votes.authorId} = ${userId} and ${inProject(phases.projectId)})`,
    sql`exists (select 1 from ${surveyResponses} inner join ${phases} on ${phases.id} = ${surveyResponses.phaseId}
      where ${surveyResponses.authorId} = ${userId} and not ${surveyResponses.isTest} and ${inProject(phases.projectId)})`,
    sql`exists (select 1 from ${reactions} inner join ${inputs} on ${inputs.id} = ${reactions.inputId}
      where ${reactions.userId} = ${userId} and ${inProject(inputs.projectId)})`,
    sql`exists (select 1 from ${volunteers}
      inner join ${volunteeringCauses} on ${volunteeringCauses.id} = ${volunteers.causeId}
      inner join ${phases} on ${phases.id} = ${volunteeringCauses.phaseId}
      where ${volunteers.userId} = ${userId} and ${inProject(phases.projectId)})`,
    sql`exists (select 1 from ${eventRegistrations} inner join ${events} on ${events.id} = ${eventRegistrations.eventId}
      where ${eventRegistrations.userId} = ${userId} and ${inProject(events.projectId)})`,
  ];
  return sql`(${sql.join(arms, sql` or `)})`;
}
