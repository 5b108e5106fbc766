import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSamradClient, TRPCClientError, type AppRouter } from '@samrad/client';
import { startSamrad, type RunningSamrad } from '@samrad/testkit';

type Client = ReturnType<typeof createSamradClient>;

const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();

async function refusal(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

/**
 * Taking part as a developer's page does it: the typed client over HTTP against the built
 * server, refusals carrying their SPEC 4.3 reason in `error.data.reason`.
 */
describe('participation through the typed client', () => {
  let server: RunningSamrad;
  let admin: Client;
  let resident: Client;
  let visitor: Client;

  async function signIn(email: string): Promise<Client> {
    const { token } = await createSamradClient({ url: server.url }).auth.signIn.mutate({
      email,
      password: 'samrad-demo',
    });
    return createSamradClient({ url: server.url, token });
  }

  async function project(title: string): Promise<string> {
    const created = await admin.projects.create.mutate({ title });
    await admin.projects.setStatus.mutate({ id: created.id, status: 'published' });
    return created.id;
  }

  beforeAll(async () => {
    server = await startSamrad();
    admin = await signIn('admin@demo.samrad.local');
    resident = await signIn('resident@demo.samrad.local');
    await resident.users.updateProfile.mutate({ answers: { age_group: '35_64' } });
    visitor = createSamradClient({ url: server.url });
  });
  afterAll(() => server?.stop());

  it('posts, comments and reacts as the phase allows, and says why not to a visitor', async () => {
    const projectId = await project('Ideas over HTTP');
    const phase = await admin.phases.create.mutate({
      projectId,
      title: 'Ideas',
      method: 'ideation',
      startAt: ago(1),
    });
    for (const action of ['post', 'comment', 'react'] as const) {
      await admin.phases.setParticipation.mutate({
        phaseId: phase.id,
        action,
        enabled: true,
        permittedBy: 'account',
      });
    }
    const abilities = await visitor.participation.abilities.query({ phaseId: phase.id });
    expect(abilities.post).toMatchObject({ allowed: false, reason: 'not_signed_in' });
    const refused = await refusal(
      visitor.inputs.create.mutate({ phaseId: phase.id, title: 'Mine', body: 'Text' }),
    );
    expect([refused.data?.code, refused.data?.reason]).toEqual(['UNAUTHORIZED', 'not_signed_in']);
    expect((await resident.participation.abilities.query({ phaseId: phase.id })).post).toEqual({
      allowed: true,
    });

    const idea = await resident.inputs.create.mutate({
      phaseId: phase.id,
      title: 'A bench by the water',
      body: 'Somewhere to sit',
      location: { latitude: 59.33, longitude: 18.06, address: 'Dammen' },
    });
    await resident.comments.create.mutate({ inputId: idea.id, body: 'Yes, please' });
    await admin.reactions.set.mutate({ inputId: idea.id, kind: 'up' });
    const [listed] = (await visitor.inputs.list.query({ phaseId: phase.id })).items;
    expect(listed).toMatchObject({
      id: idea.id,
      author: { name: expect.any(String) as string },
      location: { address: 'Dammen' },
      reactions: { up: 1, down: 0 },
      comments: 1,
    });
  });

  it('takes a ballot, changed until the phase ends, and counts it for managers', async () => {
    const projectId = await project('Vote over HTTP');
    const ideas = await admin.phases.create.mutate({
      projectId,
      title: 'Ideas',
      method: 'ideation',
      startAt: ago(3),
      endAt: ago(2),
    });
    const inputIds: string[] = [];
    for (const title of ['Park', 'Library']) {
      await admin.phases.setParticipation.mutate({
        phaseId: ideas.id,
        action: 'post',
        enabled: true,
        permittedBy: 'account',
      });
      inputIds.push(
        (await admin.inputs.create.mutate({ phaseId: ideas.id, title, body: title })).id,
      );
    }
    const vote = await admin.phases.create.mutate({
      projectId,
      title: 'Vote',
      method: 'voting',
      votingMethod: 'single',
      startAt: ago(1),
    });
    await admin.phases.setParticipation.mutate({
      phaseId: vote.id,
      action: 'vote',
      enabled: true,
      permittedBy: 'account',
    });
    await resident.votes.cast.mutate({ phaseId: vote.id, inputIds: [inputIds[0]!] });
    await resident.votes.cast.mutate({ phaseId: vote.id, inputIds: [inputIds[1]!] });
    const results = await admin.votes.results.query({ phaseId: vote.id });
    expect(results.ballots).toBe(1);
    expect(results.items.map((item) => [item.title, item.votes])).toEqual([['Library', 1]]);
    const forbidden = await refusal(resident.votes.results.query({ phaseId: vote.id }));
    expect(forbidden.data?.code).toBe('FORBIDDEN');
  });

  it('takes a survey from visitors, each response its own, and exports them as CSV', async () => {
    const projectId = await project('Survey over HTTP');
    const phase = await admin.phases.create.mutate({
      projectId,
      title: 'Survey',
      method: 'survey',
      startAt: ago(1),
    });
    await admin.phases.setParticipation.mutate({
      phaseId: phase.id,
      action: 'survey',
      enabled: true,
      permittedBy: 'everyone',
    });
    await admin.surveys.setQuestions.mutate({
      phaseId: phase.id,
      questions: [{ key: 'why', title: 'Why?', type: 'text', required: true }],
    });
    const first = await visitor.surveys.submit.mutate({
      phaseId: phase.id,
      answers: { why: 'Shade' },
    });
    const second = await visitor.surveys.submit.mutate({
      phaseId: phase.id,
      answers: { why: 'Trees' },
    });
    expect(first.responseId).not.toBe(second.responseId);
    const missing = await refusal(
      visitor.surveys.submit.mutate({ phaseId: phase.id, answers: {} }),
    );
    expect(missing.data?.code).toBe('BAD_REQUEST');
    expect(missing.message).toMatch(/^answers\.why:/);
    expect((await admin.surveys.get.query({ phaseId: phase.id })).duplicatesPossible).toBe(true);

    const file = await admin.exports.responses.query({ phaseId: phase.id, format: 'csv' });
    expect(file.rows).toBe(2);
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv).toContain('Shade');
    expect(csv).toContain('Trees');
  });
});
