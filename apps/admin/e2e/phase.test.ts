import { readFile } from 'node:fs/promises';
import { createSamradClient } from '@samrad/client';
import { hasChromium, launchChromium, startSamrad, type RunningSamrad } from '@samrad/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';

const admin = { email: 'first@city.test', password: 'a-long-passphrase-1' };

type Api = ReturnType<typeof createSamradClient>;

/** A published project with a running survey phase; `permittedBy` decides who may answer. */
async function surveyProject(api: Api, title: string, permittedBy: 'everyone' | 'account') {
  const project = await api.projects.create.mutate({ title });
  await api.projects.setStatus.mutate({ id: project.id, status: 'published' });
  const phase = await api.phases.create.mutate({
    projectId: project.id,
    title: `${title}: survey`,
    method: 'survey',
    startAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
  await api.phases.setParticipation.mutate({
    phaseId: phase.id,
    action: 'survey',
    enabled: true,
    permittedBy,
  });
  await api.surveys.setQuestions.mutate({
    phaseId: phase.id,
    questions: [
      {
        key: 'mode',
        title: 'How do you travel?',
        type: 'single',
        required: true,
        options: [
          { key: 'bus', title: 'Bus' },
          { key: 'bike', title: 'Bike' },
        ],
      },
      { key: 'why', title: 'Why?', type: 'text' },
    ],
  });
  return { projectId: project.id, phaseId: phase.id };
}

describe.skipIf(!hasChromium())(
  'admin console: a phase’s participation, results and exports',
  () => {
    let samrad: RunningSamrad;
    let browser: Browser;
    let page: Page;
    let open: { projectId: string; phaseId: string };
    let closed: { projectId: string; phaseId: string };
    let api: Api;

    beforeAll(async () => {
      [samrad, browser] = await Promise.all([
        startSamrad({
          env: { SAMRAD_ADMIN_EMAIL: admin.email, SAMRAD_ADMIN_PASSWORD: admin.password },
        }),
        launchChromium(),
      ]);
      const { token } = await createSamradClient({ url: samrad.url }).auth.signIn.mutate(admin);
      api = createSamradClient({ url: samrad.url, token });
      open = await surveyProject(api, 'Open survey', 'everyone');
      closed = await surveyProject(api, 'Account survey', 'account');
      const visitor = createSamradClient({ url: samrad.url });
      for (const [mode, why] of [
        ['bike', 'Fast'],
        ['bike', '=HYPERLINK("http://evil.test")'],
        ['bus', 'Dry'],
      ] as const) {
        await visitor.surveys.submit.mutate({ phaseId: open.phaseId, answers: { mode, why } });
      }

      const context = await browser.newContext({ acceptDownloads: true });
      page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${samrad.url}/admin/sign-in`);
      await page.getByLabel('E-mail').fill(admin.email);
      await page.getByLabel('Password').fill(admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await samrad?.stop();
    });

    it('leads from the projects to a project’s phases and to one phase', async () => {
      await page.goto(`${samrad.url}/admin/projects/${open.projectId}`);
      await page.getByRole('heading', { level: 1, name: 'Open survey' }).waitFor();
      await page.getByRole('link', { name: 'Open survey: survey' }).click();
      await page.getByRole('heading', { level: 1, name: 'Open survey: survey' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(
        `/admin/projects/${open.projectId}/phases/${open.phaseId}`,
      );
    });

    it('warns that a survey answered without sign-in may hold duplicates (SPEC 4.2)', async () => {
      const warning = page.getByRole('note');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('one person can answer more than once');
      const taking = page.getByRole('region', { name: 'Taking part' });
      expect(await taking.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringContaining('Everyone, no sign-in'),
      ]);
    });

    it('shows how many took part and the results counted per answer', async () => {
      await page.getByTestId('participants').getByText('3', { exact: true }).waitFor();
      const question = page.getByRole('region', { name: 'How do you travel?' });
      // The results come by a query of their own: wait for them, not just for the count above.
      await question.locator('tbody tr').nth(1).waitFor();
      const counts = await question.locator('tbody tr').allInnerTexts();
      expect(counts.map((row) => row.split('\t'))).toEqual([
        ['Bus', '1'],
        ['Bike', '2'],
      ]);
      // Three people: too few to break down by their answers.
      await page.getByLabel('Break down by').waitFor();
      await page.getByText('Fewer than 5 people took part').waitFor();
      await expectNoAxeViolations(page);
    });

    it('downloads the responses as CSV, formulas kept inert, and as XLSX', async () => {
      const group = page.getByRole('group', { name: 'Export responses' });
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        group.getByRole('button', { name: 'CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      const lines = (await readFile(await csv.path(), 'utf8')).trim().split(/\r?\n/);
      expect(lines).toHaveLength(4);
      expect(lines.slice(1).some((line) => line.includes(`'=HYPERLINK`))).toBe(true);
      await group.getByRole('status').getByText('3 rows').waitFor();

      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        group.getByRole('button', { name: 'XLSX' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      const bytes = await readFile(await xlsx.path());
      // An XLSX file is a ZIP archive.
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('gives no duplicates warning where answering takes an account', async () => {
      await page.goto(`${samrad.url}/admin/projects/${closed.projectId}/phases/${closed.phaseId}`);
      await page.getByRole('heading', { level: 1, name: 'Account survey: survey' }).waitFor();
      // The results show once the survey's questions came, with its duplicates flag.
      await page.getByText('0 responses', { exact: false }).waitFor();
      expect(await page.getByRole('note').count()).toBe(0);
    });

    it('lists what residents reported, inputs and comments, and decides from there', async () => {
      const project = await api.projects.create.mutate({ title: 'Reported ideas' });
      await api.projects.setStatus.mutate({ id: project.id, status: 'published' });
      const phase = await api.phases.create.mutate({
        projectId: project.id,
        title: 'Ideas',
        method: 'ideation',
        startAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      for (const action of ['post', 'comment'] as const) {
        await api.phases.setParticipation.mutate({
          phaseId: phase.id,
          action,
          enabled: true,
          permittedBy: 'account',
        });
      }
      const signIn = async (email: string) => {
        const { token } = await createSamradClient({ url: samrad.url }).auth.signIn.mutate({
          email,
          password: 'samrad-demo',
        });
        return createSamradClient({ url: samrad.url, token });
      };
      const author = await signIn('resident@demo.samrad.local');
      await author.users.updateProfile.mutate({ answers: { age_group: '35_64' } });
      const input = await author.inputs.create.mutate({
        phaseId: phase.id,
        title: 'Buy my bikes',
        body: 'Cheap',
      });
      const comment = await author.comments.create.mutate({
        inputId: input.id,
        body: 'Call me',
      });
      const reporter = await signIn('moderator@demo.samrad.local');
      await reporter.comments.report.mutate({ id: comment.id, reason: 'Rude' });
      await reporter.inputs.report.mutate({ id: input.id, reason: 'Advertising' });

      await page.goto(`${samrad.url}/admin/projects/${project.id}`);
      const reported = page.getByRole('region', { name: 'Reported inputs' });
      await reported.getByText('Advertising').waitFor();
      expect(await reported.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^Buy my bikes/),
        expect.stringMatching(/^A comment on Buy my bikes[\s\S]*Call me/),
      ]);
      await expectNoAxeViolations(page);
      const commentRow = reported.locator('tbody tr', { hasText: 'A comment on' });
      await commentRow.getByRole('button', { name: 'Keep shown' }).click();
      await commentRow.waitFor({ state: 'detached' });
      await reported.getByRole('button', { name: 'Hide' }).click();
      await page.getByText('Nothing is reported.').waitFor();
      const visitor = createSamradClient({ url: samrad.url });
      expect((await visitor.inputs.list.query({ phaseId: phase.id })).items).toEqual([]);
      const managed = await api.inputs.get.query({ id: input.id });
      expect(managed.hidden).toBe(true);
    });

    it('shows a project’s events and a volunteering phase’s causes with the places taken', async () => {
      const project = await api.projects.create.mutate({ title: 'Clean-up day' });
      await api.projects.setStatus.mutate({ id: project.id, status: 'published' });
      const phase = await api.phases.create.mutate({
        projectId: project.id,
        title: 'Volunteer',
        method: 'volunteering',
        startAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      await api.phases.setParticipation.mutate({
        phaseId: phase.id,
        action: 'volunteer',
        enabled: true,
        permittedBy: 'account',
      });
      const cause = await api.volunteering.createCause.mutate({
        phaseId: phase.id,
        title: 'The beach',
        capacity: 3,
      });
      await api.volunteering.volunteer.mutate({ causeId: cause.id });
      await api.events.create.mutate({
        projectId: project.id,
        title: 'Picnic',
        startAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        capacity: 10,
      });

      await page.goto(`${samrad.url}/admin/projects/${project.id}`);
      const events = page.getByRole('region', { name: 'Events to come' });
      await events.getByText('Picnic').waitFor();
      expect(await events.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/Picnic[\s\S]*0 of 10/),
      ]);
      await page.getByRole('link', { name: 'Volunteer' }).click();
      const causes = page.getByRole('region', { name: 'Causes' });
      await causes.getByText('The beach').waitFor();
      expect(await causes.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringContaining('1 of 3'),
      ]);
      await expectNoAxeViolations(page);
    });
  },
);
