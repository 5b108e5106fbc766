import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { createSamradClient } from '@samrad/client';
import { startSamrad, type RunningSamrad } from '@samrad/testkit';

const demoPassword = 'samrad-demo';
const clientSecret = 'a-client-secret-long-enough-for-hs256-signing';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * A browser without a screen: follows redirects, keeps each host's cookies, and submits the
 * provider's sign-in and consent forms (oidc-provider's own pages) with `login` as the person.
 */
async function browse(start: string, login: string): Promise<Response> {
  const jar = new Map<string, Map<string, string>>();
  const cookiesFor = (url: URL) =>
    [...(jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (url: URL, response: Response) => {
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    jar.set(url.host, cookies);
  };
  let url = new URL(start);
  let init: RequestInit = {};
  for (let hops = 0; hops < 20; hops++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookiesFor(url) },
    });
    keep(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      init = {};
      continue;
    }
    const html = response.headers.get('content-type')?.includes('text/html')
      ? await response.clone().text()
      : '';
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (!form || url.pathname.startsWith('/auth/verification')) return response;
    const fields = new URLSearchParams();
    for (const [tag] of form[2]!.matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      if (name) fields.set(name, /value="([^"]*)"/.exec(tag)?.[1] ?? '');
    }
    if (fields.has('login')) fields.set('login', login);
    if (fields.has('password')) fields.set('password', 'any');
    url = new URL(form[1]!.replaceAll('&amp;', '&'), url);
    init = {
      method: 'POST',
      body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('too many hops');
}

/**
 * SPEC 4.2 *verified* end to end: an admin configures an OpenID Connect provider (a real one,
 * `oidc-provider`, started here), a resident goes through its sign-in and consent pages and back
 * to Samrad, which stores the verification with its time — once per real person.
 */
describe('verification through an OpenID Connect provider', () => {
  let server: RunningSamrad;
  let provider: { close: () => void };
  let issuer: string;

  beforeAll(async () => {
    server = await startSamrad({});
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    const oidc = new Provider(issuer, {
      clients: [
        {
          client_id: 'samrad',
          client_secret: clientSecret,
          redirect_uris: [`${server.url}/auth/verification/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['birthdate'] },
      // The attributes in the ID token itself, as identity providers for public services do.
      conformIdTokenClaims: false,
      findAccount: (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: () => ({ sub, birthdate: '1990-05-01' }),
      }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['cookie-key-for-the-test-provider'] },
    });
    const listening = oidc.listen(port, '127.0.0.1');
    provider = { close: () => listening.close() };
  });
  afterAll(async () => {
    provider?.close();
    await server?.stop();
  });

  const signIn = async (email: string) =>
    createSamradClient({
      url: server.url,
      token: (
        await createSamradClient({ url: server.url }).auth.signIn.mutate({
          email,
          password: demoPassword,
        })
      ).token,
    });

  it('verifies a resident through the provider’s own pages, once per real person', async () => {
    const admin = await signIn('admin@demo.samrad.local');
    await admin.registrationQuestions.create.mutate({
      key: 'birth_date',
      title: 'Date of birth',
      type: 'date',
    });
    const settings = await admin.platform.update.mutate({
      verification: {
        issuer,
        clientId: 'samrad',
        clientSecret,
        attributes: { birth_date: 'birthdate' },
      },
    });
    expect(settings.settings?.verification).toEqual({
      issuer,
      clientId: 'samrad',
      attributes: { birth_date: 'birthdate' },
    });
    expect(JSON.stringify(settings)).not.toContain(clientSecret);

    const resident = await signIn('resident@demo.samrad.local');
    expect((await resident.auth.me.query())?.user.verified).toBe(false);
    const { url } = await resident.auth.startVerification.mutate({});
    expect(new URL(url).origin).toBe(issuer);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');

    const landed = await browse(url, 'person-1');
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('Your identity is verified');
    expect((await resident.auth.me.query())?.user.verified).toBe(true);

    // The provider vouched for the date of birth: it is read-only on the profile.
    const refused = await resident.users.updateProfile
      .mutate({ answers: { birth_date: '2001-01-01' } })
      .then(
        () => null,
        (error: { data?: { code?: string }; message: string }) => error,
      );
    expect(refused?.data?.code).toBe('BAD_REQUEST');
    expect(refused?.message).toMatch(/^answers\.birth_date: vouched/);

    // The same real person cannot verify a second account.
    const other = await signIn('moderator@demo.samrad.local');
    const again = await browse((await other.auth.startVerification.mutate({})).url, 'person-1');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already verified another account');
    expect((await other.auth.me.query())?.user.verified).toBe(false);

    // A state used once is spent: replaying the provider's answer changes nothing.
    const replay = await fetch(`${server.url}/auth/verification/callback?code=x&state=unknown`);
    expect(replay.status).toBe(400);
  });

  it('returns to a page the platform knows, and refuses any other', async () => {
    const resident = await signIn('resident@demo.samrad.local');
    const refused = await resident.auth.startVerification
      .mutate({ returnTo: 'https://evil.example/steal' })
      .then(
        () => null,
        (error: { data?: { code?: string }; message: string }) => error,
      );
    expect(refused?.data?.code).toBe('BAD_REQUEST');
    expect(refused?.message).toMatch(/^returnTo:/);
    const { url } = await resident.auth.startVerification.mutate({
      returnTo: `${server.url}/?page=after`,
    });
    // Verifying again renews the verification; the browser lands where it asked, with the outcome.
    const landed = new URL((await browse(url, 'person-1')).url);
    expect(landed.origin).toBe(server.url);
    expect(landed.pathname).toBe('/');
    expect(landed.searchParams.get('page')).toBe('after');
    expect(landed.searchParams.get('verification')).toBe('verified');
  });
});
