import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSamradClient, TRPCClientError, type AppRouter } from '@samrad/client';
import { localize } from '@samrad/core';
import { createPostgresDatabaseUrl, testDatabaseKinds } from '@samrad/db/testing';
import { startSamrad, type RunningSamrad } from '@samrad/testkit';

const demoTitles = [
  'A new park by the harbour',
  'Budget 2027: your priorities',
  'Cycle lanes on Storgatan',
  'Neighbourhood association: Östra',
];

async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

/** The typed client, from this process, against the built server in another: what a developer does. */
describe.each(testDatabaseKinds())('the server on %s through the typed client', (kind) => {
  let server: RunningSamrad;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const env: Record<string, string> = {
      SAMRAD_ADMIN_EMAIL: 'first.admin@city.test',
      SAMRAD_ADMIN_PASSWORD: 'a-long-passphrase-1',
    };
    if (kind === 'postgres') {
      const database = await createPostgresDatabaseUrl();
      env.DATABASE_URL = database.url;
      drop = database.drop;
    }
    server = await startSamrad({ env });
  });
  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  it('answers /healthz and says which database it uses', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).toContain(kind === 'postgres' ? 'PostgreSQL' : 'PGlite');
  });

  it('lists the demo city’s public projects to a visitor', async () => {
    const api = createSamradClient({ url: server.url });
    const { items, nextCursor } = await api.projects.list.query({});
    expect(items.map((item) => localize(item.title, 'en')).sort()).toEqual(demoTitles);
    expect(nextCursor).toBeNull();
    expect((await api.platform.get.query()).name).toBe('Lindvik');
    const project = await api.projects.get.query({ id: items[0]!.id });
    expect(project.id).toBe(items[0]!.id);
  });

  it('prints the demo accounts and creates the first admin from the environment', async () => {
    expect(server.output()).toContain('admin@demo.samrad.local');
    expect(server.output()).toContain('First admin first.admin@city.test: created');
    const api = createSamradClient({ url: server.url });
    const { token } = await api.auth.signIn.mutate({
      email: 'first.admin@city.test',
      password: 'a-long-passphrase-1',
    });
    const me = await createSamradClient({ url: server.url, token }).auth.me.query();
    expect(me?.roles).toEqual([{ role: 'admin', scope: { type: 'platform' } }]);
  });

  it('signs in with a bearer token, sets an HttpOnly cookie, and revokes on sign-out', async () => {
    const response = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.samrad.local', password: 'samrad-demo' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^samrad_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const body = (await response.json()) as { result: { data: { token: string } } };
    const api = createSamradClient({ url: server.url, token: body.result.data.token });
    expect((await api.auth.me.query())?.user.email).toBe('admin@demo.samrad.local');
    await api.auth.signOut.mutate();
    expect(await api.auth.me.query()).toBeNull();
  });

  it('maps errors to the codes of API.md, naming the field, never leaking internals', async () => {
    const api = createSamradClient({ url: server.url });
    const missing = await failure(
      api.projects.get.query({ id: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing.data?.code).toBe('NOT_FOUND');
    expect(missing.data?.httpStatus).toBe(404);
    const bad = await failure(api.projects.list.query({ limit: -1 }));
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/^limit:/);
    expect(JSON.stringify(bad.shape)).not.toMatch(/stack|node_modules/);
    const wrong = await failure(
      api.auth.signIn.mutate({ email: 'admin@demo.samrad.local', password: 'wrong' }),
    );
    expect(wrong.data?.code).toBe('UNAUTHORIZED');
  });

  it('serves an input’s image at its path to those who may read the input, as a type only', async () => {
    const { token } = await createSamradClient({ url: server.url }).auth.signIn.mutate({
      email: 'admin@demo.samrad.local',
      password: 'samrad-demo',
    });
    const admin = createSamradClient({ url: server.url, token });
    await admin.users.updateProfile.mutate({ answers: { age_group: '35_64' } });
    const project = await admin.projects.create.mutate({ title: 'Images over HTTP' });
    await admin.projects.setStatus.mutate({ id: project.id, status: 'published' });
    const phase = await admin.phases.create.mutate({
      projectId: project.id,
      title: 'Ideas',
      method: 'ideation',
      startAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await admin.phases.setParticipation.mutate({
      phaseId: phase.id,
      action: 'post',
      enabled: true,
      permittedBy: 'account',
    });
    // A 1 × 1 PNG.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const input = await admin.inputs.create.mutate({
      phaseId: phase.id,
      title: 'With a picture',
      body: 'Text',
      images: [{ base64: png, alt: 'A dot' }],
    });
    const [image] = input.images;
    const stored = await admin.inputs.image.query({ id: image!.id });

    const response = await fetch(`${server.url}${image!.path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toMatch(/^private/);
    expect(Buffer.from(await response.arrayBuffer()).toString('base64')).toBe(stored.base64);

    // Nothing past the largest input with all its images is even read.
    const huge = await fetch(`${server.url}/trpc/inputs.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: 'x'.repeat(30 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);

    // A draft's image is not there for a visitor, as one that never was; its managers see it.
    await admin.projects.setStatus.mutate({ id: project.id, status: 'draft' });
    expect((await fetch(`${server.url}${image!.path}`)).status).toBe(404);
    expect((await fetch(`${server.url}/images/not-an-id`)).status).toBe(404);
    const managed = await fetch(`${server.url}${image!.path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(managed.status).toBe(200);
  });

  it('serves the console with client-side routes, never framed, and the widget bundle', async () => {
    const consolePage = await fetch(`${server.url}/admin/projects/some/deep/link`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<div id="root">');
    expect(consolePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const bundle = await fetch(`${server.url}/widgets/samrad.js`);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).toContain('samrad-projects');
    const home = await fetch(`${server.url}/`);
    expect(await home.text()).toContain('<samrad-projects');
  });
});
