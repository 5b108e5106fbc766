import { sql, type SQL } from 'drizzle-orm';
import type { ParticipationAction } from '@samrad/core';
import {
  comments,
  eventRegistrations,
  events,
  inputs,
  reactions,
  surveyResponses,
  volunteeringCauses,
  volunteers,
  votes,
} from '@samrad/db';
import type { GrantedPhase } from '../../access/phase-guard.js';
import { answersOf } from '../exports/person-columns.js';

/**
 * Everything people did in a phase, as one derived table `acts (action, at, who, answers)`:
 * `who` is the person where the row names one, else the contribution itself — nothing links two
 * contributions collected without the person (SPEC 4.4), so each counts as someone. `answers` are
 * the person's registration answers, or those copied onto the contribution. Managers' test
 * responses are not participation.
 */
export function phaseActs(phase: GrantedPhase): SQL {
  const person = (author: SQL, id: SQL, demographics: SQL) =>
    sql`coalesce(${author}::text, 'contribution:' || ${id}::text) as who,
      coalesce(${answersOf(author)}, ${demographics}) as answers`;
  const arm = (action: ParticipationAction, at: SQL, who: SQL, from: SQL, where: SQL) =>
    sql`select ${action}::text as action, ${at} as at, ${who} from ${from} where ${where}`;
  const arms = [
    arm(
      'post',
      sql`${inputs.createdAt}`,
      person(sql`${inputs.authorId}`, sql`${inputs.id}`, sql`${inputs.demographics}`),
      sql`${inputs}`,
      sql`${inputs.phaseId} = ${phase.id}`,
    ),
    arm(
      'comment',
      sql`${comments.createdAt}`,
      person(sql`${comments.authorId}`, sql`${comments.id}`, sql`${comments.demographics}`),
      sql`${comments} inner join ${inputs} on ${inputs.id} = ${comments.inputId}`,
      sql`${inputs.phaseId} = ${phase.id}`,
    ),
    arm(
      'react',
      sql`${reactions.createdAt}`,
      person(sql`${reactions.userId}`, sql`${reactions.userId}`, sql`null::jsonb`),
      sql`${reactions} inner join ${inputs} on ${inputs.id} = ${reactions.inputId}`,
      sql`${inputs.phaseId} = ${phase.id}`,
    ),
    arm(
      'vote',
      sql`${votes.createdAt}`,
      person(sql`${votes.authorId}`, sql`${votes.id}`, sql`${votes.demographics}`),
      sql`${votes}`,
      sql`${votes.phaseId} = ${phase.id}`,
    ),
    arm(
      phase.method === 'poll' ? 'poll' : 'survey',
      sql`${surveyResponses.createdAt}`,
      person(
        sql`${surveyResponses.authorId}`,
        sql`${surveyResponses.id}`,
        sql`${surveyResponses.demographics}`,
      ),
      sql`${surveyResponses}`,
      sql`${surveyResponses.phaseId} = ${phase.id} and not ${surveyResponses.isTest}`,
    ),
    arm(
      'volunteer',
      sql`${volunteers.createdAt}`,
      person(sql`${volunteers.userId}`, sql`${volunteers.userId}`, sql`null::jsonb`),
      sql`${volunteers} inner join ${volunteeringCauses} on ${volunteeringCauses.id} = ${volunteers.causeId}`,
      sql`${volunteeringCauses.phaseId} = ${phase.id}`,
    ),
    arm(
      'attend',
      sql`${eventRegistrations.createdAt}`,
      person(
        sql`${eventRegistrations.userId}`,
        sql`${eventRegistrations.userId}`,
        sql`null::jsonb`,
      ),
      sql`${eventRegistrations} inner join ${events} on ${events.id} = ${eventRegistrations.eventId}`,
      sql`${events.phaseId} = ${phase.id}`,
    ),
  ];
  return sql`(${sql.join(arms, sql` union all `)}) as acts`;
}
