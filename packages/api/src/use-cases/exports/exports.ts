import { and, asc, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { decide, type ExportFormat } from '@samrad/core';
import {
  inputImages,
  inputs,
  participationSources,
  surveyResponses,
  users,
  voteChoices,
  votes,
} from '@samrad/db';
import type { GrantedProject } from '../../access/guards.js';
import type { GrantedPhase } from '../../access/phase-guard.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { outer } from '../phases/phase-view.js';
import { questionsOf } from '../surveys/survey.js';
import { answersOf, personCells, personColumns, type PersonFacts } from './person-columns.js';
import { spreadsheetFile, type Cell, type ExportFile } from './spreadsheet.js';

/*
 * `exports.*` (SPEC 2.3, 4.4), for those who may export the project's participants. Each export
 * is a fixed number of queries, whatever its size. What a row carries of its person follows the
 * contribution's data collection (`personCells`); votes name their voters only for those who may
 * see votes linked to identities — never the project's managers (SPEC 2.3).
 */

/** A day as the file shows it; contributions not collected with all data only ever had the day. */
const day = (at: Date) => at.toISOString().slice(0, 10);

async function file(
  ctx: Context,
  name: string,
  own: { key: string; header: string }[],
  rows: { cells: Record<string, Cell>; person: PersonFacts }[],
  format: ExportFormat,
): Promise<ExportFile> {
  const people = await personColumns(ctx);
  const cells = personCells(
    rows.map((r) => r.person),
    people,
  );
  return spreadsheetFile(
    name,
    [...own, ...people],
    rows.map((row, i) => ({ ...row.cells, ...cells[i] })),
    format,
  );
}

const person = (row: {
  dataCollection: string;
  name: string | null;
  email: string | null;
  answers: PersonFacts['answers'];
}): PersonFacts => ({
  identified: row.dataCollection === 'all' && row.name !== null,
  name: row.name,
  email: row.email,
  answers: row.answers,
});

/**
 * Who stands behind a contribution, as `personCells` needs it: its author's name and e-mail
 * (joined from `users`), and their answers or those copied onto it.
 */
const personOf = (table: { authorId: AnyPgColumn; demographics: AnyPgColumn }) => ({
  name: users.name,
  email: users.email,
  answers: sql<
    PersonFacts['answers']
  >`coalesce(${answersOf(table.authorId)}, ${table.demographics})`,
});

/** A phase's inputs, hidden ones included (those who export run the project). */
export async function exportInputs(
  ctx: Context,
  phase: GrantedPhase,
  format: ExportFormat,
): Promise<ExportFile> {
  const rows = await ctx.db
    .select({
      id: inputs.id,
      title: inputs.title,
      body: inputs.body,
      createdAt: inputs.createdAt,
      moderation: inputs.moderation,
      up: inputs.reactionsUp,
      down: inputs.reactionsDown,
      comments: inputs.commentsCount,
      address: inputs.address,
      latitude: inputs.latitude,
      longitude: inputs.longitude,
      images: sql<number>`(select count(*)::int from ${inputImages}
        where ${inputImages.inputId} = ${outer(inputs, inputs.id)})`,
      dataCollection: inputs.dataCollection,
      ...personOf(inputs),
    })
    .from(inputs)
    .leftJoin(users, eq(users.id, inputs.authorId))
    .where(eq(inputs.phaseId, phase.id))
    .orderBy(asc(inputs.createdAt), asc(inputs.id));
  return file(
    ctx,
    'inputs',
    [
      { key: 'id', header: 'Id' },
      { key: 'title', header: 'Title' },
      { key: 'body', header: 'Text' },
      { key: 'posted', header: 'Posted' },
      { key: 'status', header: 'Status' },
      { key: 'up', header: 'Up' },
      { key: 'down', header: 'Down' },
      { key: 'comments', header: 'Comments' },
      { key: 'address', header: 'Address' },
      { key: 'latitude', header: 'Latitude' },
      { key: 'longitude', header: 'Longitude' },
      { key: 'images', header: 'Images' },
      { key: 'dataCollection', header: 'Data collected' },
    ],
    rows.map((row) => ({
      cells: {
        id: row.id,
        title: row.title,
        body: row.body,
        posted: row.dataCollection === 'all' ? row.createdAt.toISOString() : day(row.createdAt),
        status: row.moderation,
        up: row.up,
        down: row.down,
        comments: row.comments,
        address: row.address,
        latitude: row.latitude,
        longitude: row.longitude,
        images: row.images,
        dataCollection: row.dataCollection,
      },
      person: person(row),
    })),
    format,
  );
}

/** A survey's or poll's responses, one column per question; managers' tests left out. */
export async function exportResponses(
  ctx: Context,
  phase: GrantedPhase,
  format: ExportFormat,
): Promise<ExportFile> {
  if (phase.method !== 'survey' && phase.method !== 'poll') {
    throw new AppError('BAD_REQUEST', 'phaseId: not a survey or poll phase');
  }
  const [questions, rows] = await Promise.all([
    questionsOf(ctx.db, phase.id),
    ctx.db
      .select({
        id: surveyResponses.id,
        createdAt: surveyResponses.createdAt,
        given: surveyResponses.answers,
        dataCollection: surveyResponses.dataCollection,
        ...personOf(surveyResponses),
      })
      .from(surveyResponses)
      .leftJoin(users, eq(users.id, surveyResponses.authorId))
      .where(and(eq(surveyResponses.phaseId, phase.id), eq(surveyResponses.isTest, false)))
      .orderBy(asc(surveyResponses.createdAt), asc(surveyResponses.id)),
  ]);
  const locale = ctx.platform.defaultLocale;
  return file(
    ctx,
    `${phase.method}-responses`,
    [
      { key: 'id', header: 'Response' },
      { key: 'submitted', header: 'Submitted' },
      ...questions.map((q) => ({
        key: `q:${q.key}`,
        header: q.title[locale] ?? Object.values(q.title)[0] ?? q.key,
      })),
    ],
    rows.map((row) => ({
      cells: {
        id: row.id,
        submitted: row.dataCollection === 'all' ? row.createdAt.toISOString() : day(row.createdAt),
        ...Object.fromEntries(
          questions.map((q) => {
            const answer = row.given[q.key];
            return [`q:${q.key}`, Array.isArray(answer) ? answer.join(', ') : (answer ?? null)];
          }),
        ),
      },
      person: person(row),
    })),
    format,
  );
}

/**
 * A voting phase's ballots: what each chose (and allocated). Who cast a ballot is shown only to
 * those the policy lets see votes linked to identities (`project.viewVoterIdentities`: admins);
 * for everyone else a ballot is its day, its choices and answers shared by at least 5 ballots.
 */
export async function exportVotes(
  ctx: Context,
  phase: GrantedPhase,
  project: GrantedProject,
  format: ExportFormat,
): Promise<ExportFile> {
  if (phase.method !== 'voting') throw new AppError('BAD_REQUEST', 'phaseId: not a voting phase');
  const voters = decide(await ctx.subject(), 'project.viewVoterIdentities', {
    type: 'project',
    project,
  }).allowed;
  const rows = await ctx.db
    .select({
      id: votes.id,
      createdAt: votes.createdAt,
      dataCollection: votes.dataCollection,
      choices: sql<string>`(select string_agg(${
        phase.votingMethod === 'budget'
          ? sql`${inputs.title} || ': ' || ${voteChoices.amount}`
          : sql`${inputs.title}`
      }, '; ' order by ${inputs.title})
        from ${voteChoices} inner join ${inputs} on ${inputs.id} = ${voteChoices.inputId}
        where ${voteChoices.voteId} = ${votes.id})`,
      ...personOf(votes),
    })
    .from(votes)
    .leftJoin(users, eq(users.id, votes.authorId))
    .where(eq(votes.phaseId, phase.id))
    // Without voters, the order of casting could still tell who: ballots go by their id.
    .orderBy(voters ? asc(votes.createdAt) : asc(votes.id));
  return file(
    ctx,
    'ballots',
    [
      { key: 'id', header: 'Ballot' },
      { key: 'cast', header: 'Cast on' },
      { key: 'choices', header: 'Choices' },
    ],
    rows.map((row) => ({
      cells: { id: row.id, cast: day(row.createdAt), choices: row.choices },
      person: { ...person(row), identified: voters && person(row).identified },
    })),
    format,
  );
}

const kindHeaders: Record<(typeof participationSources)[number]['kind'], string> = {
  post: 'Posted',
  comment: 'Commented',
  vote: 'Voted',
  survey: 'Answered',
  react: 'Reacted',
  volunteer: 'Volunteered',
  attend: 'Registered for an event',
};

/**
 * The project's participants — the people who took part with all data collected (SPEC 4.4:
 * nobody else can be named) — and what they did. That someone voted is a vote linked to them:
 * only those who may see voters (`project.viewVoterIdentities`) find voting, or people who only
 * voted, in the list.
 */
export async function exportParticipants(
  ctx: Context,
  project: GrantedProject,
  format: ExportFormat,
): Promise<ExportFile> {
  const voters = decide(await ctx.subject(), 'project.viewVoterIdentities', {
    type: 'project',
    project,
  }).allowed;
  const sources = participationSources.filter((s) => voters || s.kind !== 'vote');
  const arms = sources.map(
    (s) =>
      sql`select ${s.who} as who, ${s.kind}::text as kind from ${s.from}
        where ${s.who} is not null and ${s.project} = ${project.id}${s.also ? sql` and ${s.also}` : sql``}`,
  );
  const took = sql`(select who, array_agg(distinct kind) as kinds
    from (${sql.join(arms, sql` union all `)}) as acts group by who) as took`;
  const rows = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      kinds: sql<string[]>`took.kinds`,
      answers: answersOf(users.id),
    })
    .from(took)
    .innerJoin(users, sql`${users.id} = took.who`)
    .where(eq(users.platformId, ctx.platform.id))
    .orderBy(asc(users.name), asc(users.id));
  const kinds = sources.map((s) => s.kind);
  return file(
    ctx,
    'participants',
    [
      { key: 'id', header: 'User' },
      ...kinds.map((kind) => ({ key: `did:${kind}`, header: kindHeaders[kind] })),
    ],
    rows.map((row) => ({
      cells: {
        id: row.id,
        ...Object.fromEntries(
          kinds.map((kind) => [`did:${kind}`, row.kinds.includes(kind) ? 'yes' : 'no']),
        ),
      },
      person: { identified: true, name: row.name, email: row.email, answers: row.answers },
    })),
    format,
  );
}
