import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  compositeGroupMembers,
  groupIdsOfUser,
  groupMemberships,
  inputs,
  phases,
  projects,
  registrationAnswers,
  registrationQuestions,
  userGroups,
  users,
} from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { loadSubject } from './load-subject.js';
import { loadPlannedSmartGroups } from './smart-groups.js';

/**
 * The subject's groups are evaluated in memory from facts loaded with it; "which groups is this
 * user in" in SQL (`groupIdsOfUser`) must give the same answer for every user.
 */
describe.each(testDatabaseKinds())('the subject’s groups on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  it('equal the SQL membership for every user, whatever the kind of group', async () => {
    const { db } = fixture.connection;
    const platformId = fixture.platform.id;
    const [park] = await db
      .select()
      .from(projects)
      .where(eq(projects.slug, 'a-new-park-by-the-harbour'));
    const [phase] = await db.select().from(phases).where(eq(phases.projectId, park!.id));
    const [resident] = await db
      .select()
      .from(users)
      .where(eq(users.email, 'resident@demo.samrad.local'));
    const [manager] = await db
      .select()
      .from(users)
      .where(eq(users.email, 'project.manager@demo.samrad.local'));
    const [age] = await db
      .select()
      .from(registrationQuestions)
      .where(eq(registrationQuestions.key, 'age_group'));
    const now = new Date();
    await db.insert(inputs).values({
      platformId,
      projectId: park!.id,
      phaseId: phase!.id,
      authorId: resident!.id,
      title: 'Benches',
      body: 'More benches',
      dataCollection: 'all',
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insert(registrationAnswers)
      .values({ platformId, userId: manager!.id, questionId: age!.id, value: '35_64' });
    const smart = (name: string, rules: object) => ({
      platformId,
      name,
      kind: 'smart' as const,
      rules: rules as never,
    });
    const [manual, composite] = await db
      .insert(userGroups)
      .values([
        { platformId, name: 'Hand-picked', kind: 'manual' },
        { platformId, name: 'Combined', kind: 'composite' },
        smart('Demo addresses', {
          match: 'all',
          rules: [{ field: 'email', op: 'endsWith', value: '@demo.samrad.local' }],
        }),
        smart('Park participants', {
          match: 'any',
          rules: [{ field: 'participatedIn', op: 'equals', value: park!.id }],
        }),
        smart('Middle aged', {
          match: 'all',
          rules: [{ field: 'answer:age_group', op: 'equals', value: '35_64' }],
        }),
        smart('Managers', {
          match: 'all',
          rules: [{ field: 'role', op: 'equals', value: 'project_manager' }],
        }),
      ])
      .returning();
    await db
      .insert(groupMemberships)
      .values({ platformId, groupId: manual!.id, groupKind: 'manual', userId: manager!.id });
    await db
      .insert(compositeGroupMembers)
      .values({ platformId, compositeGroupId: composite!.id, memberGroupId: manual!.id });

    const everyone = await db.select().from(users).where(eq(users.platformId, platformId));
    const planned = await loadPlannedSmartGroups(db, platformId);
    let memberships = 0;
    for (const person of everyone) {
      const subject = await loadSubject(db, fixture.platform, { ...person, verified: false }, () =>
        Promise.resolve(planned),
      );
      const expected =
        person.status === 'active' ? await groupIdsOfUser(db, platformId, person.id) : [];
      expect([...subject.groupIds].sort(), person.email).toEqual([...expected].sort());
      memberships += expected.length;
    }
    // The groups above really have members: the comparison is not between two empty lists.
    expect(memberships).toBeGreaterThan(everyone.length);
  });
});
