import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataCollection } from '@samrad/core';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

/** Insights (SPEC 2.3, 4.4): participation counts and demographic breakdowns, on both engines. */
describe.each(testDatabaseKinds())('insights on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  async function ideation(dataCollection: DataCollection) {
    const { phaseId } = await f.openPhase('ideation', { action: 'react', permittedBy: 'account' });
    for (const action of ['post', 'comment'] as const) {
      await admin.phases.setParticipation({
        phaseId,
        action,
        enabled: true,
        permittedBy: 'account',
        dataCollection,
      });
    }
    return phaseId;
  }

  /** People of each age group, each posting one idea; the first also comments and reacts. */
  async function takePart(phaseId: string, ages: string[]) {
    let first: string | null = null;
    for (const age of ages) {
      const { caller } = await f.resident({ age_group: age });
      const input = await caller.inputs.create({ phaseId, title: `By ${age}`, body: 'Idea' });
      if (!first) {
        first = input.id;
        await caller.comments.create({ inputId: input.id, body: 'And more' });
        await caller.reactions.set({ inputId: input.id, kind: 'up' });
      }
    }
  }

  it('counts participation per action and day, and the people who took part', async () => {
    const phaseId = await ideation('all');
    await takePart(phaseId, ['18_34', '18_34', '35_64']);
    const counts = await admin.insights.participation({ phaseId });
    expect(counts.participants).toBe(3);
    expect(counts.totals).toEqual({ post: 3, comment: 1, react: 1 });
    const today = new Date().toISOString().slice(0, 10);
    expect(counts.days).toEqual([
      { day: today, action: 'comment', count: 1 },
      { day: today, action: 'post', count: 3 },
      { day: today, action: 'react', count: 1 },
    ]);
    const { caller: resident } = await f.resident();
    expect((await errorOf(resident.insights.participation({ phaseId }))).code).toBe('FORBIDDEN');
  });

  it('breaks participants down by a registration answer, never showing a group under 5', async () => {
    const phaseId = await ideation('all');
    await takePart(phaseId, [
      ...Array<string>(6).fill('18_34'),
      ...Array<string>(5).fill('35_64'),
      '65_plus',
    ]);
    const breakdown = await admin.insights.demographics({ phaseId, questionKey: 'age_group' });
    expect(breakdown.respondents).toBe(12);
    const byValue = Object.fromEntries(breakdown.groups.map((g) => [g.value, g.count]));
    // 65+ is one person: hidden; and the next smallest with it, or 12 − 6 − 5 would tell.
    expect(byValue).toMatchObject({ '18_34': 6, '35_64': null, '65_plus': null, under_18: 0 });
    expect(byValue.unanswered).toBe(0);
    // Each option with its title, for a console or a report to show as people read it.
    const titles = Object.fromEntries(breakdown.groups.map((g) => [g.value, g.title?.en ?? null]));
    expect(titles).toMatchObject({ '18_34': '18–34', '65_plus': '65 or older', unanswered: null });
  });

  it('shows no breakdown of fewer than 5 people at all', async () => {
    const phaseId = await ideation('all');
    await takePart(phaseId, ['18_34', '18_34', '18_34', '35_64']);
    const breakdown = await admin.insights.demographics({ phaseId, questionKey: 'age_group' });
    expect(breakdown).toMatchObject({ respondents: null, groups: [] });
  });

  it('counts demographic-only contributions by their copied answers, anonymous ones as not collected', async () => {
    const demographics = await ideation('demographics');
    await takePart(demographics, Array<string>(5).fill('35_64'));
    const counted = await admin.insights.demographics({
      phaseId: demographics,
      questionKey: 'age_group',
    });
    // Five posts and one comment without their person: six contributions; the reaction names its
    // reactor, who is one of the five but cannot be matched to a post.
    expect(counted.groups.find((g) => g.value === '35_64')!.count).toBe(7);

    const anonymous = await ideation('anonymous');
    await takePart(anonymous, Array<string>(6).fill('18_34'));
    const blind = await admin.insights.demographics({
      phaseId: anonymous,
      questionKey: 'age_group',
    });
    const byValue = Object.fromEntries(blind.groups.map((g) => [g.value, g.count]));
    // Six posts and a comment not collected, and the reaction of one named reactor: 18–34 is a
    // group of one, hidden, and so is the only other group, or 8 − 7 would tell.
    expect(blind.respondents).toBe(8);
    expect(byValue).toMatchObject({ '18_34': null, not_collected: null, '35_64': 0 });
  });

  it('refuses a question that is not one to break down by, naming the field', async () => {
    const phaseId = await ideation('all');
    const missing = await errorOf(admin.insights.demographics({ phaseId, questionKey: 'nope' }));
    expect([missing.code, missing.field]).toEqual(['BAD_REQUEST', 'questionKey']);
  });
});
