import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSamradClient, type RouterOutputs, type SamradClient } from '@samrad/client';
import { localize, type Locale } from '@samrad/core';
import { hasChromium, launchChromium, startSamrad, type RunningSamrad } from '@samrad/testkit';

type Project = RouterOutputs['projects']['list']['items'][number];

/** Every page of the visitor's listing, as the widget's "Show more" walks it. */
async function listAll(api: SamradClient): Promise<Project[]> {
  const all: Project[] = [];
  let cursor: string | null = null;
  do {
    const page: RouterOutputs['projects']['list'] = await api.projects.list.query({
      cursor,
      limit: 100,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * The demo city's projects that no visitor may find (packages/api/src/demo/demo-city.ts):
 * drafts, an unlisted one, one for managers only and one for a user group.
 */
const hiddenFromVisitors = [
  'Harbour bridge renovation',
  'Bus stop shelters',
  'Library opening hours',
  'Staff pilot: winter maintenance',
  'Youth council consultation',
];

interface Violation {
  id: string;
  help: string;
  targets: string[];
}

describe.skipIf(!hasChromium())('the demo city page', () => {
  let samrad: RunningSamrad;
  let browser: Browser;
  let listed: Project[];
  let defaultLocale: Locale;

  beforeAll(async () => {
    [samrad, browser] = await Promise.all([startSamrad(), launchChromium()]);
    const visitor = createSamradClient({ url: samrad.url });
    [listed, { defaultLocale }] = await Promise.all([
      listAll(visitor),
      visitor.platform.get.query(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await samrad?.stop();
  }, 60_000);

  /** What the widget must show: the API's titles in that language, with the same fallbacks. */
  const titlesIn = (locale: Locale) =>
    listed.map((p) => localize(p.title, locale, [defaultLocale, 'en']));

  /**
   * Opens the page, records what a strict page would refuse or throw and the widget's events as
   * the page sees them, and waits until the widget has shown every page of projects.
   */
  async function openDemoPage(
    options: { rewrite?: (html: string) => string; bypassCSP?: boolean } = {},
  ): Promise<{
    page: Page;
    problems: string[];
    /** `detail.count` of each `samrad-projects-loaded`, heard on the document. */
    loadedCounts: () => Promise<number[]>;
    moreClicks: number;
    close: () => Promise<void>;
  }> {
    const { rewrite, bypassCSP = false } = options;
    const context = await browser.newContext({ bypassCSP });
    await context.addInitScript({
      content: `globalThis.samradLoaded = [];
        document.addEventListener('samrad-projects-loaded', (event) => globalThis.samradLoaded.push(event.detail.count));`,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      // Refused requests are reported above with their address; the rest (CSP refusals…) here.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    if (rewrite) {
      await page.route(`${samrad.url}/`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: rewrite(await response.text()) });
      });
    }
    await page.goto(`${samrad.url}/`);
    const widget = page.locator('samrad-projects');
    await widget.locator('[part~="base"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    const cards = widget.locator('[part~="card"]');
    const more = widget.locator('[part~="more"]');
    let moreClicks = 0;
    while (await more.isVisible()) {
      const before = await cards.count();
      await more.click();
      moreClicks += 1;
      await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    }
    await widget.locator('[part~="base"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    return {
      page,
      problems,
      loadedCounts: () =>
        page.evaluate(() => (globalThis as unknown as { samradLoaded: number[] }).samradLoaded),
      moreClicks,
      close: () => context.close(),
    };
  }

  const shownTitles = async (page: Page) =>
    (await page.locator('samrad-projects [part~="title"]').allTextContents()).map((title) =>
      title.trim(),
    );

  it('shows exactly the projects a visitor may list, in English, linked from each card', async () => {
    expect(listed.length, 'the demo city lists projects to visitors').toBeGreaterThan(0);
    for (const project of listed) {
      // The API's own account of each card: only published, listed, public projects reach a visitor.
      expect(project).toMatchObject({ status: 'published', listed: true, visibleTo: 'everyone' });
    }
    const { page, problems, loadedCounts, close } = await openDemoPage();
    try {
      expect(await loadedCounts()).toEqual([listed.length]);
      expect(await page.locator('h1').textContent()).toMatch(/^Welcome to \S/);
      expect(await shownTitles(page)).toEqual(titlesIn('en'));
      expect(titlesIn('en')).toContain('Cycle lanes on Storgatan');
      const text = await page.locator('samrad-projects [part~="base"]').innerText();
      expect(text).toContain('Cycle lanes on Storgatan');
      for (const title of hiddenFromVisitors) expect(text).not.toContain(title);
      const links = await page.locator('samrad-projects [part~="link"]').all();
      const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
      expect(hrefs).toEqual(listed.map((p) => `#samrad-project-${p.id}`));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('speaks Swedish when the element says lang="sv", page after page', async () => {
    const pageSize = 2;
    const { page, problems, loadedCounts, moreClicks, close } = await openDemoPage({
      rewrite: (html) =>
        html.replace('<samrad-projects>', `<samrad-projects lang="sv" limit="${pageSize}">`),
    });
    try {
      const swedish = titlesIn('sv');
      expect(swedish).not.toEqual(titlesIn('en'));
      expect(swedish).toContain('Cykelbanor på Storgatan');
      expect(await shownTitles(page)).toEqual(swedish);
      const widget = page.locator('samrad-projects');
      expect(await widget.locator('[part~="base"]').getAttribute('lang')).toBe('sv');

      // "Visa fler projekt" walked the cursor; each click moved focus to the first new card.
      expect(moreClicks).toBe(Math.ceil(listed.length / pageSize) - 1);
      expect(moreClicks).toBeGreaterThan(0);
      expect(await loadedCounts()).toEqual(
        Array.from({ length: moreClicks + 1 }, (_, i) =>
          Math.min(listed.length, (i + 1) * pageSize),
        ),
      );
      expect(await widget.locator('[part~="link"]:focus').innerText()).toBe(
        swedish[moreClicks * pageSize],
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('says so, in its language, when there is nothing to show or the server cannot be reached', async () => {
    const empty = await openDemoPage({
      rewrite: (html) =>
        html.replace(
          '<samrad-projects>',
          '<samrad-projects lang="fi" folder="00000000-0000-4000-8000-000000000000">',
        ),
    });
    try {
      const widget = empty.page.locator('samrad-projects');
      expect(await widget.locator('[part~="card"]').count()).toBe(0);
      expect(await widget.locator('[role="status"]').innerText()).toBe(
        'Näytettäviä hankkeita ei ole juuri nyt.',
      );
      expect(await empty.loadedCounts()).toEqual([0]);
    } finally {
      await empty.close();
    }

    // Nothing listens on port 9 (discard); the page's policy refuses it too.
    const unreachable = await openDemoPage({
      rewrite: (html) =>
        html.replace('<samrad-projects>', '<samrad-projects lang="da" api="http://127.0.0.1:9">'),
    });
    try {
      const widget = unreachable.page.locator('samrad-projects');
      expect(await widget.locator('[role="status"]').innerText()).toBe(
        'Projekterne kunne ikke indlæses.',
      );
      expect(await widget.locator('[part~="retry"]').innerText()).toBe('Prøv igen');
      expect(await unreachable.loadedCounts()).toEqual([]);
    } finally {
      await unreachable.close();
    }
  }, 60_000);

  it('meets WCAG 2.1 A and AA, inside the widget too', async () => {
    // axe is injected as an inline script, which the page's own policy rightly refuses.
    const { page, close } = await openDemoPage({ bypassCSP: true });
    try {
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async (): Promise<Violation[]> => {
        const results = await (globalThis as unknown as { axe: typeof axe }).axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return results.violations.map((v) => ({
          id: v.id,
          help: v.help,
          targets: v.nodes.map((node) => JSON.stringify(node.target)),
        }));
      });
      expect(violations).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
