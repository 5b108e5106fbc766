import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { decideParticipation, type ProjectFacts } from '@samrad/core';
import { users } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { userIdOf } from '../testing/demo-ids.js';

const day = 86_400_000;

/**
 * SPEC 4.2 *verified*, from the stored account to the policy: the verification time that the
 * provider's flow stores (apps/server/e2e/verification.test.ts) reaches the subject the server
 * compiles, and a phase that requires a verified identity refuses without it (`not_verified`)
 * and after its re-verification period (`verification_expired`).
 */
describe.each(testDatabaseKinds())('verified participation on %s', (kind) => {
  let f: ApiFixture;
  let residentId: string;
  beforeAll(async () => {
    f = await createApiFixture(kind);
    residentId = await userIdOf(f.connection.db, 'resident');
  });
  afterAll(() => f?.close());

  const project: ProjectFacts = {
    id: '00000000-0000-4000-8000-000000000001',
    folderIds: [],
    status: 'published',
    everPublished: true,
    listed: true,
    visibleTo: 'everyone',
    visibleGroupIds: [],
    membersOnly: false,
    joinRequests: false,
    inDraftFolder: false,
  };

  async function decisionWhenVerified(verifiedAt: Date | null) {
    await f.connection.db
      .update(users)
      .set({ verifiedAt, verificationIdentityHash: verifiedAt ? `identity-${kind}` : null })
      .where(eq(users.id, residentId));
    await f.caches.feed.settled();
    const resident = await f.as('resident');
    const me = await resident.auth.me();
    const subject = await f.caches.subject(f.platform, me!.user);
    return {
      verified: me!.user.verified,
      decision: decideParticipation(subject, {
        project,
        phase: { startAt: new Date(Date.now() - day), endAt: null, reverificationDays: 30 },
        action: 'vote',
        setting: {
          enabled: true,
          permittedBy: 'verified',
          groupIds: [],
          requiredQuestionIds: [],
          maxPerPerson: null,
        },
        priorCount: 0,
        now: new Date(),
      }),
    };
  }

  it('refuses the unverified, allows the recently verified, and asks for renewal after the period', async () => {
    const never = await decisionWhenVerified(null);
    expect(never.verified).toBe(false);
    expect(never.decision).toMatchObject({ allowed: false, reason: 'not_verified' });

    const recently = await decisionWhenVerified(new Date(Date.now() - 2 * day));
    expect(recently.verified).toBe(true);
    expect(recently.decision.allowed).toBe(true);

    const longAgo = await decisionWhenVerified(new Date(Date.now() - 40 * day));
    expect(longAgo.decision).toMatchObject({ allowed: false, reason: 'verification_expired' });
  });
});
