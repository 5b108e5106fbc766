import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRPCError } from '@trpc/server';
import { count, eq } from 'drizzle-orm';
import { auditLog, projects, roleAssignments } from '@samrad/db';
import { insertProject, insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { hashToken } from '../auth/tokens.js';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { folderIdOf, userIdOf } from '../testing/demo-ids.js';
import { codeAndReason, refusalOf } from '../testing/refusals.js';

/**
 * Review before the first publication (SPEC 2.3) and preview links of drafts (SPEC 3.1), through
 * the typed caller on both engines. Who may call each procedure is in projects-manage.test.ts's
 * grid; here, what the calls do.
 */
describe.each(testDatabaseKinds())('reviews and preview links on %s', (kind) => {
  let fixture: ApiFixture;
  let otherBranchToken: string;
  const db = () => fixture.connection.db;
  const folderId = (slug: string) => folderIdOf(db(), slug);
  const userId = (who: string) => userIdOf(db(), who);
  const row = async (id: string) =>
    (await db().select().from(projects).where(eq(projects.id, id)))[0]!;
  const auditCount = async () => (await db().select({ n: count() }).from(auditLog))[0]!.n;

  beforeAll(async () => {
    fixture = await createApiFixture(kind);
    const other = await insertUser(db(), fixture.platform.id);
    await db()
      .insert(roleAssignments)
      .values({
        platformId: fixture.platform.id,
        userId: other.id,
        role: 'folder_manager',
        scopeType: 'folder',
        folderId: await folderId('internal-planning'),
      });
    otherBranchToken = await openSessionForTest(db(), other);
  });
  afterAll(() => fixture?.close());

  /** A draft in Green spaces (Urban development's branch) run by the demo project manager. */
  const draftOfProjectManager = async (values: Partial<typeof projects.$inferInsert> = {}) => {
    const project = await insertProject(db(), fixture.platform.id, {
      folderId: await folderId('green-spaces'),
      title: { en: 'Playground' },
      ...values,
    });
    await db()
      .insert(roleAssignments)
      .values({
        platformId: fixture.platform.id,
        userId: await userId('project.manager'),
        role: 'project_manager',
        scopeType: 'project',
        projectId: project.id,
      });
    return project.id;
  };

  /** A refused call's `[code, reason]`, once checked that it changed neither the project nor the audit. */
  const refusal = async (id: string, call: () => Promise<unknown>) =>
    codeAndReason(await refusalOf(call, async () => [await auditCount(), await row(id)]));

  it('takes a project manager’s draft through review to its first publication (SPEC 2.3)', async () => {
    const id = await draftOfProjectManager();
    const pm = await fixture.as('project.manager');
    const fm = await fixture.as('folder.manager');
    expect(await refusal(id, () => pm.projects.setStatus({ id, status: 'published' }))).toEqual([
      'FORBIDDEN',
      'review_required',
    ]);

    const requested = await pm.projects.requestReview({ id, message: 'Ready for the spring' });
    expect(requested).toMatchObject({
      status: 'draft',
      management: { reviewStatus: 'requested', reviewComment: 'Ready for the spring' },
    });
    expect(await refusal(id, () => pm.projects.requestReview({ id }))).toEqual(['CONFLICT', null]);

    // Its manager does not approve their own; a folder manager of another branch cannot see it.
    expect(await refusal(id, () => pm.projects.decideReview({ id, decision: 'approve' }))).toEqual([
      'FORBIDDEN',
      'not_permitted',
    ]);
    const outsider = await fixture.caller(otherBranchToken);
    expect(
      await refusal(id, () => outsider.projects.decideReview({ id, decision: 'approve' })),
    ).toEqual(['NOT_FOUND', null]);

    // The folder manager above sends it back, saying what to change.
    const noComment = await fm.projects
      .decideReview({ id, decision: 'return' })
      .catch((e: unknown) => e as TRPCError);
    expect(noComment).toMatchObject({ code: 'BAD_REQUEST' });
    expect((noComment as TRPCError).message).toMatch(/^comment:/);
    const returned = await fm.projects.decideReview({
      id,
      decision: 'return',
      comment: 'Add the opening date',
    });
    expect(returned).toMatchObject({
      status: 'draft',
      management: { reviewStatus: 'returned', reviewComment: 'Add the opening date' },
    });
    expect(await refusal(id, () => fm.projects.decideReview({ id, decision: 'approve' }))).toEqual([
      'CONFLICT',
      null,
    ]);

    // Asked again, approved: published for the first time.
    await pm.projects.requestReview({ id });
    const approved = await fm.projects.decideReview({ id, decision: 'approve' });
    expect(approved).toMatchObject({
      status: 'published',
      management: { reviewStatus: 'approved' },
    });
    const stored = await row(id);
    expect(stored.firstPublishedAt).not.toBeNull();
    expect(stored.publishedAt).toEqual(stored.firstPublishedAt);

    // Published once, its manager archives and republishes without review, and asks no more.
    expect(await refusal(id, () => pm.projects.requestReview({ id }))).toEqual([
      'FORBIDDEN',
      'already_published',
    ]);
    await pm.projects.setStatus({ id, status: 'archived' });
    expect((await pm.projects.setStatus({ id, status: 'published' })).status).toBe('published');

    const entries = await db()
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.targetId, id))
      .orderBy(auditLog.createdAt);
    expect(entries).toMatchObject([
      {
        action: 'project.requestReview',
        before: { reviewStatus: 'none' },
        after: { reviewStatus: 'requested', reviewComment: 'Ready for the spring' },
      },
      {
        action: 'project.decideReview',
        before: { reviewStatus: 'requested', status: 'draft' },
        after: {
          decision: 'return',
          reviewStatus: 'returned',
          reviewComment: 'Add the opening date',
        },
      },
      { action: 'project.requestReview', before: { reviewStatus: 'returned' } },
      {
        action: 'project.decideReview',
        after: { decision: 'approve', reviewStatus: 'approved', status: 'published' },
      },
      { action: 'project.setStatus', after: { status: 'archived' } },
      { action: 'project.setStatus', after: { status: 'published' } },
    ]);
  });

  it('lets an admin approve a review anywhere', async () => {
    const id = await draftOfProjectManager({ folderId: null, reviewStatus: 'requested' });
    const approved = await (
      await fixture.as('admin')
    ).projects.decideReview({ id, decision: 'approve', comment: 'Fine' });
    expect(approved).toMatchObject({
      status: 'published',
      management: { reviewStatus: 'approved', reviewComment: 'Fine' },
    });
  });

  it('answers CONFLICT to a decision on a project whose review nobody requested', async () => {
    const id = await draftOfProjectManager();
    const fm = await fixture.as('folder.manager');
    for (const decision of ['approve', 'return'] as const) {
      expect(
        await refusal(id, () => fm.projects.decideReview({ id, decision, comment: 'Why?' })),
      ).toEqual(['CONFLICT', null]);
    }
  });

  it('settles a waiting review when the folder manager publishes the draft directly', async () => {
    const id = await draftOfProjectManager({ reviewStatus: 'requested' });
    const published = await (
      await fixture.as('folder.manager')
    ).projects.setStatus({ id, status: 'published' });
    expect(published).toMatchObject({
      status: 'published',
      management: { reviewStatus: 'approved' },
    });
  });

  it('opens a draft by its current preview link only, and only that project (SPEC 3.1)', async () => {
    const a = await draftOfProjectManager();
    const b = await draftOfProjectManager();
    const pm = await fixture.as('project.manager');
    const visitor = await fixture.caller();
    const code = (call: Promise<unknown>) =>
      call.then(
        () => 'ok',
        (e: unknown) => (e as TRPCError).code,
      );

    expect(await code(visitor.projects.get({ id: a }))).toBe('NOT_FOUND');
    const { token: first } = await pm.projects.renewPreviewLink({ id: a });
    // Only the secret's hash is stored.
    expect((await row(a)).previewTokenHash).toBe(hashToken(first));
    const seen = await visitor.projects.get({ id: a, previewToken: first });
    expect(seen).toMatchObject({ id: a, status: 'draft' });
    // The visitor sees the card, not what its managers see.
    expect(seen).not.toHaveProperty('management');
    expect(await code(visitor.projects.get({ id: a, previewToken: 'wrong' }))).toBe('NOT_FOUND');

    // A link of one project opens no other.
    const { token: ofB } = await pm.projects.renewPreviewLink({ id: b });
    expect(await code(visitor.projects.get({ id: a, previewToken: ofB }))).toBe('NOT_FOUND');
    expect(await code(visitor.projects.get({ id: b, previewToken: first }))).toBe('NOT_FOUND');
    expect(await code(visitor.projects.get({ id: b, previewToken: ofB }))).toBe('ok');

    // Renewing revokes the links shared before.
    const { token: second } = await pm.projects.renewPreviewLink({ id: a });
    expect(second).not.toBe(first);
    expect(await code(visitor.projects.get({ id: a, previewToken: first }))).toBe('NOT_FOUND');
    expect(await code(visitor.projects.get({ id: a, previewToken: second }))).toBe('ok');

    // The managers see that a link exists, never its secret or hash.
    const managed = await pm.projects.get({ id: a });
    expect(managed.management?.hasPreviewLink).toBe(true);
    expect(JSON.stringify(managed)).not.toContain((await row(a)).previewTokenHash!);

    expect(await pm.projects.revokePreviewLink({ id: a })).toEqual({ ok: true });
    expect(await code(visitor.projects.get({ id: a, previewToken: second }))).toBe('NOT_FOUND');
    expect((await row(a)).previewTokenHash).toBeNull();
    expect((await pm.projects.get({ id: a })).management?.hasPreviewLink).toBe(false);

    // Audited as visibility changes, without the secret or its hash.
    const entries = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, a))
      .orderBy(auditLog.createdAt);
    expect(entries.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['project.renewPreviewLink', { hasPreviewLink: false }, { hasPreviewLink: true }],
      ['project.renewPreviewLink', { hasPreviewLink: true }, { hasPreviewLink: true }],
      ['project.revokePreviewLink', { hasPreviewLink: true }, { hasPreviewLink: false }],
    ]);
    for (const secret of [first, second, hashToken(first), hashToken(second)]) {
      expect(JSON.stringify(entries)).not.toContain(secret);
    }
    // Revoking what is already revoked changes nothing and writes nothing.
    const audits = await auditCount();
    await pm.projects.revokePreviewLink({ id: a });
    expect(await auditCount()).toBe(audits);
  });

  it('shows what managers see (preview link, review) to its managers only, not to its moderator', async () => {
    const [cycle] = await db()
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.slug, 'cycle-lanes-on-storgatan'));
    const id = cycle!.id;
    expect(await (await fixture.as('moderator')).projects.get({ id })).not.toHaveProperty(
      'management',
    );
    expect(await (await fixture.as('resident')).projects.get({ id })).not.toHaveProperty(
      'management',
    );
    expect((await (await fixture.as('folder.manager')).projects.get({ id })).management).toEqual({
      folderId: await folderId('storgatan'),
      reviewStatus: 'none',
      reviewComment: null,
      firstPublishedAt: expect.any(String) as string,
      joinRequests: false,
      groupIds: [],
      hasPreviewLink: false,
    });
  });

  it('does not open by preview link a draft visible to managers only', async () => {
    const id = await draftOfProjectManager({ visibleTo: 'managers' });
    const { token } = await (await fixture.as('project.manager')).projects.renewPreviewLink({ id });
    const visitor = await fixture.caller();
    expect(
      await visitor.projects.get({ id, previewToken: token }).catch((e: unknown) => e),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
