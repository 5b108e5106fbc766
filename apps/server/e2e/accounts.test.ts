import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSamradClient } from '@samrad/client';
import { createPostgresDatabaseUrl, testDatabaseKinds } from '@samrad/db/testing';
import {
  codeIn,
  startMailbox,
  startSamrad,
  type Mailbox,
  type RunningSamrad,
} from '@samrad/testkit';

const demoPassword = 'samrad-demo';
const embedder = 'https://www.lindvik.example';

/** A POST to the server with a Host header of our choosing (fetch may not set one). */
function postAs(url: string, host: string, path: string, body: unknown) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      const target = new URL(path, url);
      const req = request(
        target,
        { method: 'POST', headers: { host, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    },
  );
}

/**
 * Accounts against the built server, through the typed client, with e-mail over real SMTP to a
 * receiver in this process: what a resident and a city's developer meet (issue 5).
 */
describe.each(testDatabaseKinds())('accounts on the server on %s', (kind) => {
  let server: RunningSamrad;
  let mailbox: Mailbox;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    mailbox = await startMailbox();
    const env: Record<string, string> = {
      SMTP_URL: mailbox.url,
      SAMRAD_EMAIL_FROM: 'no-reply@lindvik.example',
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
    await mailbox?.close();
    await drop?.();
  });

  it('signs up, confirms the address with the code that arrived over SMTP, and signs in', async () => {
    const api = createSamradClient({ url: server.url });
    const email = `ada.${kind}@example.test`;
    const { token, user } = await api.auth.signUp.mutate({
      email,
      password: 'correct horse battery',
      name: 'Ada',
      answers: { age_group: '35_64' },
    });
    expect(user.status).toBe('active');
    const mail = await mailbox.waitFor(email);
    expect(mail.from).toBe('no-reply@lindvik.example');
    expect(mail.subject).toBe(`${codeIn(mail)} is your code for Lindvik`);
    await api.auth.confirmEmail.mutate({ email, code: codeIn(mail) });
    const me = await createSamradClient({ url: server.url, token: token! }).auth.me.query();
    expect(me?.user).toMatchObject({ email, name: 'Ada', status: 'active' });
  });

  it('makes a light account from a code alone, and resets a password by e-mail', async () => {
    const api = createSamradClient({ url: server.url });
    const email = `light.${kind}@example.test`;
    await api.auth.requestCode.mutate({ email });
    const light = await api.auth.confirmEmail.mutate({
      email,
      code: codeIn(await mailbox.waitFor(email)),
    });
    expect(light.user.name).toMatch(/^User \d{6}$/);

    const toThem = () => mailbox.received.filter((mail) => mail.to.includes(email));
    const before = toThem().length;
    await api.auth.requestPasswordReset.mutate({ email });
    await mailbox.waitFor(email, () => toThem().length > before);
    const { token } = await api.auth.resetPassword.mutate({
      email,
      code: codeIn(toThem().at(-1)!),
      password: 'a brand new passphrase',
    });
    expect(token).toEqual(expect.any(String));
    const signedIn = await api.auth.signIn.mutate({ email, password: 'a brand new passphrase' });
    expect(signedIn.user.id).toBe(light.user.id);
  });

  const asAdmin = async () =>
    createSamradClient({
      url: server.url,
      token: (
        await createSamradClient({ url: server.url }).auth.signIn.mutate({
          email: 'admin@demo.samrad.local',
          password: demoPassword,
        })
      ).token,
    });
  const failureOf = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (error: { data?: { code?: string }; message: string }) => error,
    );

  it('keeps a new account pending without a session until an admin approves it', async () => {
    const admin = await asAdmin();
    await admin.platform.update.mutate({ registrationApproval: true });
    try {
      const api = createSamradClient({ url: server.url });
      const email = `waiting.${kind}@example.test`;
      const password = 'correct horse battery';
      const signedUp = await api.auth.signUp.mutate({
        email,
        password,
        name: 'Waiting',
        answers: { age_group: '18_34' },
      });
      expect(signedUp).toMatchObject({ token: null, user: { status: 'pending' } });
      const refused = await failureOf(api.auth.signIn.mutate({ email, password }));
      expect(refused?.data?.code).toBe('FORBIDDEN');
      expect(refused?.message).toMatch(/waiting for approval/);
      await admin.users.approve.mutate({ id: signedUp.user.id });
      expect((await api.auth.signIn.mutate({ email, password })).user.status).toBe('active');
    } finally {
      await admin.platform.update.mutate({ registrationApproval: false });
    }
  });

  it('changes a password (other sessions end) and an address (confirmed over SMTP)', async () => {
    const api = createSamradClient({ url: server.url });
    const email = `mover.${kind}@example.test`;
    const password = 'correct horse battery';
    const { token } = await api.auth.signUp.mutate({
      email,
      password,
      name: 'Mover',
      answers: { age_group: '35_64' },
    });
    const elsewhere = (await api.auth.signIn.mutate({ email, password })).token;
    const me = createSamradClient({ url: server.url, token: token! });
    await me.auth.changePassword.mutate({
      currentPassword: password,
      newPassword: 'a newer passphrase',
    });
    expect(
      await createSamradClient({ url: server.url, token: elsewhere }).auth.me.query(),
    ).toBeNull();
    expect((await me.auth.me.query())?.user.email).toBe(email);

    const newEmail = `moved.${kind}@example.test`;
    await me.auth.requestEmailChange.mutate({ newEmail, password: 'a newer passphrase' });
    const code = codeIn(await mailbox.waitFor(newEmail));
    await me.auth.confirmEmailChange.mutate({ newEmail, code });
    await mailbox.waitFor(
      email,
      (mail) => mail.subject.includes('was changed') && mail.text.includes(newEmail),
    );
    expect(
      (await api.auth.signIn.mutate({ email: newEmail, password: 'a newer passphrase' })).user
        .email,
    ).toBe(newEmail);
  });

  it('hands out participation tokens that management refuses', async () => {
    const admin = await asAdmin();
    const { token } = await admin.auth.participationToken.mutate();
    const widget = createSamradClient({ url: server.url, token });
    expect((await widget.auth.me.query())?.user.email).toBe('admin@demo.samrad.local');
    expect((await widget.projects.list.query({})).items.length).toBeGreaterThan(0);
    expect((await failureOf(widget.users.list.query({})))?.data?.code).toBe('UNAUTHORIZED');
    expect(
      (await failureOf(widget.platform.update.mutate({ name: 'Taken over' })))?.data?.code,
    ).toBe('UNAUTHORIZED');
  });

  it('answers cross-origin calls only from the origins the platform registered', async () => {
    const admin = await createSamradClient({ url: server.url }).auth.signIn.mutate({
      email: 'admin@demo.samrad.local',
      password: demoPassword,
    });
    await createSamradClient({ url: server.url, token: admin.token }).platform.update.mutate({
      embedOrigins: [embedder],
    });
    const preflight = (origin: string) =>
      fetch(`${server.url}/trpc/projects.list`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(embedder);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(embedder);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    for (const origin of ['https://evil.example', 'null', `${embedder}.evil.example`]) {
      const refused = await preflight(origin);
      expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    const read = await fetch(`${server.url}/trpc/projects.list`, { headers: { origin: embedder } });
    expect(read.headers.get('access-control-allow-origin')).toBe(embedder);
    expect(read.headers.get('vary')).toMatch(/Origin/);
    const other = await fetch(`${server.url}/trpc/projects.list`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toMatch(/Origin/);
  });

  it('marks the console’s cookie Secure outside localhost', async () => {
    const body = { email: 'resident@demo.samrad.local', password: demoPassword };
    const local = await postAs(server.url, '127.0.0.1', '/trpc/auth.signIn', body);
    const remote = await postAs(server.url, 'samrad.lindvik.example', '/trpc/auth.signIn', body);
    const cookie = (headers: Record<string, string | string[] | undefined>) =>
      [headers['set-cookie'] ?? []].flat().join('\n');
    expect(local.status).toBe(200);
    expect(cookie(local.headers)).toMatch(/HttpOnly; SameSite=Lax/);
    expect(cookie(local.headers)).not.toMatch(/Secure/);
    expect(cookie(remote.headers)).toMatch(/HttpOnly; SameSite=Lax.*Secure|Secure.*HttpOnly/);
  });

  it('takes as long to refuse an unknown address as a wrong password (no enumeration by timing)', async () => {
    const api = createSamradClient({ url: server.url });
    const time = async (email: string) => {
      const started = performance.now();
      await api.auth.signIn.mutate({ email, password: 'not the password' }).catch(() => {});
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known = [
      'admin',
      'resident',
      'folder.manager',
      'project.manager',
      'moderator',
      'reviewer',
    ];
    const wrongPassword: number[] = [];
    const unknownEmail: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [i, who] of known.entries()) {
        wrongPassword.push(await time(`${who}@demo.samrad.local`));
        unknownEmail.push(await time(`nobody.${round}.${i}@demo.samrad.local`));
      }
    }
    const ratio = median(unknownEmail) / median(wrongPassword);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  // Last: it spends tries of this machine's address too.
  it('answers TOO_MANY_REQUESTS once an address has been tried too often', async () => {
    const api = createSamradClient({ url: server.url });
    const email = `tried.${kind}@example.test`;
    const password = 'correct horse battery';
    await api.auth.signUp.mutate({
      email,
      password,
      name: 'Tried',
      answers: { age_group: '35_64' },
    });
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const error = await failureOf(api.auth.signIn.mutate({ email, password: 'a guess' }));
      codes.push(error?.data?.code ?? 'ok');
    }
    expect(codes).toEqual([...Array<string>(10).fill('UNAUTHORIZED'), 'TOO_MANY_REQUESTS']);
    // The right password does not get through either until the window is over.
    const blocked = await failureOf(api.auth.signIn.mutate({ email, password }));
    expect(blocked?.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked?.message).toMatch(/try again in \d+ minutes?/);
  });
});
