import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSamradClient } from '@samrad/client';
import { startSamrad, type RunningSamrad } from '@samrad/testkit';

describe('restart durability on the embedded database', () => {
  let server: RunningSamrad | undefined;
  afterEach(() => server?.stop());

  it('keeps what was written when the server stops and starts again on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'samrad-restart-'));
    const env = {
      SAMRAD_ADMIN_EMAIL: 'keeper@city.test',
      SAMRAD_ADMIN_PASSWORD: 'kept-across-restarts',
    };
    server = await startSamrad({ dataDir, env });
    const first = createSamradClient({ url: server.url });
    const before = (await first.projects.list.query({})).items.map((item) => item.id).sort();
    // A write: a session, created by signing in.
    const { token } = await first.auth.signIn.mutate({
      email: 'keeper@city.test',
      password: 'kept-across-restarts',
    });
    await server.stop();

    server = await startSamrad({ dataDir, env });
    const second = createSamradClient({ url: server.url, token });
    expect((await second.auth.me.query())?.user.email).toBe('keeper@city.test');
    const again = createSamradClient({ url: server.url });
    expect((await again.projects.list.query({})).items.map((item) => item.id).sort()).toEqual(
      before,
    );
    // Started again on its own data, it neither seeds the demo twice nor recreates the admin.
    expect(server.output()).not.toContain('Demo city');
    expect(server.output()).not.toContain('First admin');
  });
});
