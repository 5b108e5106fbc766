import { createSamradClient, type RouterOutputs } from '@samrad/client';
import { localize } from '@samrad/core';
import { hasChromium, launchChromium, startSamrad, type RunningSamrad } from '@samrad/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';

const admin = { email: 'first@city.test', password: 'a-long-passphrase-1' };

type Project = RouterOutputs['projects']['list']['items'][number];

async function allProjects(api: ReturnType<typeof createSamradClient>): Promise<Project[]> {
  const projects: Project[] = [];
  let cursor: string | null = null;
  do {
    const page: RouterOutputs['projects']['list'] = await api.projects.list.query({
      cursor,
      limit: 100,
    });
    projects.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return projects;
}

describe.skipIf(!hasChromium())('admin console: signing in and out', () => {
  let samrad: RunningSamrad;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [samrad, browser] = await Promise.all([
      startSamrad({
        env: { SAMRAD_ADMIN_EMAIL: admin.email, SAMRAD_ADMIN_PASSWORD: admin.password },
      }),
      launchChromium(),
    ]);
    context = await browser.newContext();
    page = await context.newPage();
    // Shorter than the test's own timeout, so a failure names the element it waited for.
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await samrad?.stop();
  });

  const signInHeading = () => page.getByRole('heading', { level: 1, name: 'Sign in' });
  const projectsHeading = () => page.getByRole('heading', { level: 1, name: 'Projects' });

  it('sends a visitor to the sign-in page, which passes axe', async () => {
    await page.goto(`${samrad.url}/admin/`);
    await signInHeading().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await expectNoAxeViolations(page);
  });

  it('refuses a wrong password with a message', async () => {
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not-the-passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong e-mail or password').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
  });

  it('signs in and shows who is signed in and the projects the API lists', async () => {
    const api = createSamradClient({ url: samrad.url });
    const { token, user } = await api.auth.signIn.mutate(admin);
    const asAdmin = createSamradClient({ url: samrad.url, token });
    const expected = (await allProjects(asAdmin)).map((project) => localize(project.title, 'en'));
    const visitorTitles = (await api.projects.list.query({})).items.map((project) =>
      localize(project.title, 'en'),
    );
    expect(visitorTitles.length).toBeGreaterThan(0);

    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await projectsHeading().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/projects');

    const account = page.getByRole('region', { name: 'Signed in as' });
    await account.getByText(user.name, { exact: true }).waitFor();
    await account.getByText(admin.email, { exact: true }).waitFor();
    await account.getByText('Platform admin').waitFor();

    // Wait for the table or an error, so a failure shows the message the page shows.
    await page.locator('table, [role="alert"]').first().waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    const titles = page.locator('table tbody th[scope="row"]');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    while (await loadMore.isVisible()) {
      const before = await titles.count();
      await loadMore.click();
      await page.waitForFunction(
        (count) => document.querySelectorAll('table tbody tr').length > count,
        before,
      );
    }
    const shown = await titles.allTextContents();
    expect(shown).toEqual(expected);
    for (const title of visitorTitles) expect(shown).toContain(title);
  });

  it('keeps the session in an HttpOnly cookie, never in script-readable storage', async () => {
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'samrad_session');
    expect(session?.httpOnly).toBe(true);
    const storage = await page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
    );
    expect(storage).not.toContain(session?.value);
    expect(await page.evaluate(() => document.cookie)).not.toContain('samrad_session');
  });

  it('passes axe on the projects page', async () => {
    await expectNoAxeViolations(page);
  });

  it('stays signed in across a reload', async () => {
    await page.reload();
    await projectsHeading().waitFor();
    await page.getByRole('region', { name: 'Signed in as' }).getByText(admin.email).waitFor();
  });

  it('serves the app for a deep link to a client-side route', async () => {
    const response = await page.goto(`${samrad.url}/admin/no/such/screen`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto(`${samrad.url}/admin/projects`);
    await projectsHeading().waitFor();
  });

  it('signs out back to the sign-in page, and the session is gone', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInHeading().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'samrad_session')).toBeUndefined();

    await page.goto(`${samrad.url}/admin/projects`);
    await signInHeading().waitFor();
  });
});
