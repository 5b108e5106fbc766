import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRPCError } from '@trpc/server';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import {
  auditLog,
  emailOutbox,
  folders,
  invitations,
  joinRequests,
  projectMembers,
  projects,
  roleAssignments,
  type users,
} from '@samrad/db';
import { insertPlatform, insertProject, insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { hashToken } from '../auth/tokens.js';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { codeAndReason, refusalOf, rowCounts } from '../testing/refusals.js';

/** membership.* through the router, on both engines (SPEC 3.5). */
describe.each(testDatabaseKinds())('membership on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  const db = () => fixture.connection.db;
  const as = (who: string | null) => fixture.as(who);

  /**
   * A members-only project taking join requests, of its own for each test, in the branch the
   * demo folder manager manages (Urban development); admins manage it too.
   */
  const closedProject = async (values: Partial<typeof projects.$inferInsert> = {}) => {
    const [urban] = await db().select().from(folders).where(eq(folders.slug, 'urban-development'));
    const project = await insertProject(db(), fixture.platform.id, {
      folderId: urban!.id,
      status: 'published',
      membersOnly: true,
      joinRequests: true,
      ...values,
    });
    return project.id;
  };
  const projectBySlug = async (slug: string) =>
    (await db().select().from(projects).where(eq(projects.slug, slug)))[0]!.id;
  /** A fresh resident, signed in. */
  const person = async (values: Partial<typeof users.$inferInsert> = {}) => {
    const user = await insertUser(db(), fixture.platform.id, {
      emailConfirmedAt: new Date(),
      ...values,
    });
    return {
      id: user.id,
      email: user.email,
      api: await fixture.caller(await openSessionForTest(db(), user)),
    };
  };
  /** A fresh user holding a project role on the project, signed in. */
  const staff = async (
    projectId: string,
    role: 'project_manager' | 'project_moderator' | 'project_reviewer',
  ) => {
    const user = await person();
    await db().insert(roleAssignments).values({
      platformId: fixture.platform.id,
      userId: user.id,
      role,
      scopeType: 'project',
      projectId,
    });
    return user;
  };
  const addMemberRow = (projectId: string, userId: string) =>
    db()
      .insert(projectMembers)
      .values({ platformId: fixture.platform.id, projectId, userId, source: 'added' });
  const membership = async (projectId: string, userId: string) =>
    (
      await db()
        .select()
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    )[0];
  /** What the policy says about the person and the project's content, asked the way staff do. */
  const readsContent = async (userId: string, projectId: string) =>
    (
      await (
        await as('admin')
      ).access.explain({
        userId,
        action: 'project.readContent',
        target: { type: 'project', id: projectId },
      })
    ).allowed;
  const auditOf = (action: string, projectId: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.projectId, projectId)));
  /** The secret of the newest invitation link e-mailed to the address. */
  const linkSentTo = async (email: string) => {
    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.to, email))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    return /\/invitations\/([\w-]+)/.exec(mail?.text ?? '')?.[1] ?? 'no link';
  };

  const counts = () =>
    rowCounts(db(), [joinRequests, projectMembers, invitations, emailOutbox, auditLog]);
  /** `[code, reason]` of a refused call, after checking that it wrote nothing at all. */
  const refusal = async (call: () => Promise<unknown>) =>
    codeAndReason(await refusalOf(call, counts));

  it('takes a join request to a member who reads the content (SPEC 3.5)', async () => {
    const projectId = await closedProject();
    const rita = await person();
    expect(await readsContent(rita.id, projectId)).toBe(false);

    const request = await rita.api.membership.requestJoin({
      projectId,
      message: 'I live on the street',
    });
    expect(request).toMatchObject({ projectId, status: 'pending' });
    const manager = await as('folder.manager');
    const listed = await manager.membership.requests({ projectId });
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: request.id,
        // A folder manager reads no personal data of someone who never took part in their branch.
        user: { id: rita.id, name: 'Test user', email: null },
        message: 'I live on the street',
        status: 'pending',
      }),
    ]);
    // Admins read everyone's.
    const forAdmin = await (await as('admin')).membership.requests({ projectId });
    expect(forAdmin.items[0]?.user.email).toBe(rita.email);

    expect(await manager.membership.decide({ requestId: request.id, decision: 'accept' })).toEqual({
      id: request.id,
      status: 'approved',
    });
    expect(await membership(projectId, rita.id)).toMatchObject({ source: 'request' });
    expect(await readsContent(rita.id, projectId)).toBe(true);
    const [entry] = await auditOf('membership.decide', projectId);
    expect(entry).toMatchObject({
      targetType: 'user',
      targetId: rita.id,
      before: { requestId: request.id, status: 'pending' },
      after: { requestId: request.id, status: 'approved' },
    });
    expect(entry?.actorLabel).toContain('folder.manager@demo.samrad.local');
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, rita.email));
    expect(mail?.subject).toMatch(/^Welcome to “Project”/);
    expect((await manager.membership.members({ projectId })).items).toEqual([
      expect.objectContaining({
        user: { id: rita.id, name: 'Test user', email: null },
        source: 'request',
      }),
    ]);

    // Decided once: a second decision, either way, changes nothing.
    for (const decision of ['accept', 'reject'] as const) {
      expect(
        await refusal(() => manager.membership.decide({ requestId: request.id, decision })),
      ).toEqual(['CONFLICT', null]);
    }
    // A member does not ask again (a new request: the subject is loaded once per request).
    const again = await fixture.caller(
      await openSessionForTest(db(), { id: rita.id, platformId: fixture.platform.id }),
    );
    expect(await refusal(() => again.membership.requestJoin({ projectId }))).toEqual([
      'CONFLICT',
      null,
    ]);
  });

  it('rejects a request: no member, the requester told, free to ask again', async () => {
    const projectId = await closedProject();
    const rita = await person();
    const first = await rita.api.membership.requestJoin({ projectId });
    const admin = await as('admin');
    expect(await admin.membership.decide({ requestId: first.id, decision: 'reject' })).toEqual({
      id: first.id,
      status: 'rejected',
    });
    expect(await membership(projectId, rita.id)).toBeUndefined();
    expect(await readsContent(rita.id, projectId)).toBe(false);
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, rita.email));
    expect(mail?.text).toMatch(/was declined/);
    expect((await auditOf('membership.decide', projectId))[0]?.after).toMatchObject({
      status: 'rejected',
    });
    const second = await rita.api.membership.requestJoin({ projectId });
    expect(second.id).not.toBe(first.id);
  });

  it('refuses join requests with the codes of API.md, writing nothing', async () => {
    const closed = await closedProject();
    const draft = await closedProject({ status: 'draft' });
    const staffOnly = await closedProject({ visibleTo: 'managers' });
    const inviteOnly = await closedProject({ joinRequests: false });
    const open = await projectBySlug('budget-2027-your-priorities');
    const ostra = await projectBySlug('neighbourhood-association-ostra');
    const newcomer = await person();
    const pending = await person({ status: 'pending' });
    await newcomer.api.membership.requestJoin({ projectId: closed });
    const cases: [string, () => Promise<unknown>, [string, string | null]][] = [
      [
        'a visitor',
        async () => (await as(null)).membership.requestJoin({ projectId: closed }),
        ['UNAUTHORIZED', null],
      ],
      [
        'a pending account (SPEC 2.4)',
        () => pending.api.membership.requestJoin({ projectId: closed }),
        ['UNAUTHORIZED', null],
      ],
      [
        'a draft',
        () => newcomer.api.membership.requestJoin({ projectId: draft }),
        ['NOT_FOUND', null],
      ],
      [
        'a project for managers only',
        () => newcomer.api.membership.requestJoin({ projectId: staffOnly }),
        ['NOT_FOUND', null],
      ],
      [
        'a project that does not exist',
        () =>
          newcomer.api.membership.requestJoin({
            projectId: '00000000-0000-4000-8000-000000000000',
          }),
        ['NOT_FOUND', null],
      ],
      [
        'a project open to all',
        () => newcomer.api.membership.requestJoin({ projectId: open }),
        ['FORBIDDEN', 'not_members_only'],
      ],
      [
        'a project taking members by invitation only',
        () => newcomer.api.membership.requestJoin({ projectId: inviteOnly }),
        ['FORBIDDEN', 'join_requests_off'],
      ],
      [
        'a second pending request',
        () => newcomer.api.membership.requestJoin({ projectId: closed, message: 'again' }),
        ['CONFLICT', null],
      ],
      [
        'a member',
        async () => (await as('resident')).membership.requestJoin({ projectId: ostra }),
        ['CONFLICT', null],
      ],
      [
        'a malformed id',
        () => newcomer.api.membership.requestJoin({ projectId: 'ostra' }),
        ['BAD_REQUEST', null],
      ],
    ];
    for (const [who, call, expected] of cases) {
      expect(await refusal(call), who).toEqual(expected);
    }
  });

  it('keeps one pending request per person even when two arrive at once', async () => {
    const projectId = await closedProject();
    const rita = await person();
    const outcomes = await Promise.allSettled([
      rita.api.membership.requestJoin({ projectId }),
      rita.api.membership.requestJoin({ projectId }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((failed?.reason as TRPCError).code).toBe('CONFLICT');
    const rows = await db()
      .select()
      .from(joinRequests)
      .where(eq(joinRequests.projectId, projectId));
    expect(rows).toHaveLength(1);
  });

  it('shows and decides requests for those who manage the project only', async () => {
    const projectId = await closedProject();
    const requester = await person();
    const { id: requestId } = await requester.api.membership.requestJoin({ projectId });
    const moderator = await staff(projectId, 'project_moderator');
    const reviewer = await staff(projectId, 'project_reviewer');
    const manager = await staff(projectId, 'project_manager');
    const elsewhere = await as('project.manager');
    const denied: [string, () => Promise<unknown>, [string, string | null]][] = [
      [
        'a visitor',
        async () => (await as(null)).membership.requests({ projectId }),
        ['UNAUTHORIZED', null],
      ],
      [
        'the requester',
        () => requester.api.membership.requests({ projectId }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a moderator',
        () => moderator.api.membership.requests({ projectId }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a reviewer',
        () => reviewer.api.membership.requests({ projectId }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a manager of another project',
        () => elsewhere.membership.requests({ projectId }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'the requester deciding',
        () => requester.api.membership.decide({ requestId, decision: 'accept' }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a moderator deciding',
        () => moderator.api.membership.decide({ requestId, decision: 'accept' }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a visitor deciding',
        async () => (await as(null)).membership.decide({ requestId, decision: 'reject' }),
        ['UNAUTHORIZED', null],
      ],
      [
        'an unknown request',
        async () =>
          (await as('admin')).membership.decide({
            requestId: '00000000-0000-4000-8000-000000000000',
            decision: 'accept',
          }),
        ['NOT_FOUND', null],
      ],
      [
        'a decision that is neither',
        async () =>
          (await as('admin')).membership.decide({
            requestId,
            decision: 'maybe' as 'accept',
          }),
        ['BAD_REQUEST', null],
      ],
    ];
    for (const [who, call, expected] of denied) {
      expect(await refusal(call), who).toEqual(expected);
    }
    // The project's own manager decides.
    expect((await manager.api.membership.requests({ projectId })).items).toHaveLength(1);
    await manager.api.membership.decide({ requestId, decision: 'accept' });
    expect(await membership(projectId, requester.id)).toBeDefined();
  });

  it('answers NOT_FOUND for requests on projects the caller cannot see, or of another platform', async () => {
    // A request made before the project was hidden from residents.
    const hidden = await closedProject({ visibleTo: 'managers' });
    const requester = await person();
    const [request] = await db()
      .insert(joinRequests)
      .values({ platformId: fixture.platform.id, projectId: hidden, userId: requester.id })
      .returning();
    const outsider = await person();
    const draft = await closedProject({ status: 'draft' });
    expect(
      await refusal(() =>
        outsider.api.membership.decide({ requestId: request!.id, decision: 'accept' }),
      ),
    ).toEqual(['NOT_FOUND', null]);
    expect(
      await refusal(async () =>
        (await as('project.manager')).membership.decide({
          requestId: request!.id,
          decision: 'accept',
        }),
      ),
    ).toEqual(['NOT_FOUND', null]);
    for (const call of [
      () => outsider.api.membership.requests({ projectId: hidden }),
      () => outsider.api.membership.members({ projectId: draft }),
      () => outsider.api.membership.invite({ projectId: draft, emails: ['x@example.org'] }),
      () => outsider.api.membership.remove({ projectId: draft, userId: outsider.id }),
    ]) {
      expect(await refusal(call)).toEqual(['NOT_FOUND', null]);
    }

    const other = await insertPlatform(db());
    const [foreignProject] = await db()
      .insert(projects)
      .values({
        platformId: other.id,
        slug: 'elsewhere',
        title: { en: 'Elsewhere' },
        status: 'published',
        firstPublishedAt: new Date(),
        membersOnly: true,
        joinRequests: true,
      })
      .returning();
    const foreigner = await insertUser(db(), other.id);
    const [foreign] = await db()
      .insert(joinRequests)
      .values({ platformId: other.id, projectId: foreignProject!.id, userId: foreigner.id })
      .returning();
    const admin = await as('admin');
    expect(
      await refusal(() => admin.membership.decide({ requestId: foreign!.id, decision: 'accept' })),
    ).toEqual(['NOT_FOUND', null]);
    expect(
      await refusal(() => admin.membership.requests({ projectId: foreignProject!.id })),
    ).toEqual(['NOT_FOUND', null]);

    // Those who manage the hidden project decide on it.
    await (
      await as('folder.manager')
    ).membership.decide({
      requestId: request!.id,
      decision: 'reject',
    });
  });

  it('pages through requests newest first, filtered by status', async () => {
    const projectId = await closedProject();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await (await person()).api.membership.requestJoin({ projectId })).id);
    }
    const admin = await as('admin');
    const first = await admin.membership.requests({ projectId, limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await admin.membership.requests({
      projectId,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(ids.reverse());
    await admin.membership.decide({ requestId: ids[0]!, decision: 'reject' });
    expect((await admin.membership.requests({ projectId, status: 'pending' })).items).toHaveLength(
      2,
    );
    expect(
      (await admin.membership.requests({ projectId, status: 'rejected' })).items.map((i) => i.id),
    ).toEqual([ids[0]]);
    expect(
      await refusal(() => admin.membership.requests({ projectId, cursor: 'not-a-cursor' })),
    ).toEqual(['BAD_REQUEST', null]);
  });

  it('invites registered and unregistered people; the link carries a secret the database only hashes', async () => {
    const projectId = await closedProject();
    const registered = await person();
    const member = await person();
    await addMemberRow(projectId, member.id);
    const newcomerEmail = `new.neighbour.${kind}@example.org`;
    const manager = await as('folder.manager');
    const result = await manager.membership.invite({
      projectId,
      emails: [registered.email.toUpperCase(), newcomerEmail, member.email, newcomerEmail],
      message: 'We would love to have you.',
    });
    // Registered or not, the answer is the same: nobody learns who has an account.
    expect(result).toEqual({
      invited: [registered.email, newcomerEmail],
      alreadyMembers: [member.email],
    });

    const rows = await db().select().from(invitations).where(eq(invitations.projectId, projectId));
    expect(rows.map((row) => [row.email, row.userId, row.status]).sort()).toEqual(
      [
        [newcomerEmail, null, 'pending'],
        [registered.email, registered.id, 'pending'],
      ].sort(),
    );
    const lifetime = rows[0]!.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(13 * 86_400_000);
    expect(lifetime).toBeLessThanOrEqual(14 * 86_400_000);
    const tokens = {
      registered: await linkSentTo(registered.email),
      newcomer: await linkSentTo(newcomerEmail),
    };
    for (const [email, token] of [
      [registered.email, tokens.registered],
      [newcomerEmail, tokens.newcomer],
    ] as const) {
      const row = rows.find((r) => r.email === email)!;
      expect(token).toMatch(/^[\w-]{40,}$/);
      expect(row.tokenHash).toBe(hashToken(token));
      // The secret itself is nowhere in the table.
      expect(JSON.stringify(row)).not.toContain(token);
    }
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, newcomerEmail));
    expect(mail).toMatchObject({
      platformId: fixture.platform.id,
      subject: 'Invitation to join “Project”',
      sentAt: null,
    });
    expect(mail?.text).toContain('Folke Folder invites you');
    expect(mail?.text).toContain('We would love to have you.');
    expect(mail?.text).toContain(`/invitations/${tokens.newcomer}`);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.to, member.email))).toEqual(
      [],
    );
    const [entry] = await auditOf('membership.invite', projectId);
    expect(entry).toMatchObject({
      targetType: 'project',
      targetId: projectId,
      after: { invited: [registered.email, newcomerEmail] },
    });

    // The registered person accepts.
    expect(await registered.api.membership.acceptInvitation({ token: tokens.registered })).toEqual({
      projectId,
    });
    expect(await membership(projectId, registered.id)).toMatchObject({ source: 'invitation' });
    expect(await readsContent(registered.id, projectId)).toBe(true);
    expect((await auditOf('membership.acceptInvitation', projectId))[0]).toMatchObject({
      targetId: registered.id,
      after: { status: 'accepted' },
    });
    // The other signs up with the invited address (the accounts procedures), then accepts.
    const signedUp = await person({ email: newcomerEmail });
    await signedUp.api.membership.acceptInvitation({ token: tokens.newcomer });
    expect(await membership(projectId, signedUp.id)).toMatchObject({ source: 'invitation' });
    const [accepted] = await db()
      .select()
      .from(invitations)
      .where(and(eq(invitations.projectId, projectId), eq(invitations.email, newcomerEmail)));
    expect(accepted).toMatchObject({ status: 'accepted', userId: signedUp.id });
    expect(accepted?.respondedAt).toBeInstanceOf(Date);
  });

  it('renews a pending invitation instead of doubling it: the old link dies', async () => {
    const projectId = await closedProject();
    const invitee = await person();
    const admin = await as('admin');
    await admin.membership.invite({ projectId, emails: [invitee.email] });
    const old = await linkSentTo(invitee.email);
    await admin.membership.invite({ projectId, emails: [invitee.email] });
    const renewed = await linkSentTo(invitee.email);
    expect(renewed).not.toBe(old);
    const rows = await db().select().from(invitations).where(eq(invitations.projectId, projectId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(renewed));
    expect(await refusal(() => invitee.api.membership.acceptInvitation({ token: old }))).toEqual([
      'NOT_FOUND',
      null,
    ]);
    await invitee.api.membership.acceptInvitation({ token: renewed });
    expect(await membership(projectId, invitee.id)).toBeDefined();
  });

  it('refuses foreign, expired, used and made-up invitation links alike, writing nothing', async () => {
    const projectId = await closedProject();
    const anna = await person();
    const bo = await person();
    const admin = await as('admin');
    await admin.membership.invite({ projectId, emails: [anna.email, bo.email] });
    const annas = await linkSentTo(anna.email);
    const bos = await linkSentTo(bo.email);
    await db()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, bo.email));
    const cases: [string, () => Promise<unknown>, [string, string | null]][] = [
      [
        'someone else’s link',
        () => bo.api.membership.acceptInvitation({ token: annas }),
        ['NOT_FOUND', null],
      ],
      [
        'an expired link',
        () => bo.api.membership.acceptInvitation({ token: bos }),
        ['NOT_FOUND', null],
      ],
      [
        'a made-up link',
        () => anna.api.membership.acceptInvitation({ token: 'made-up' }),
        ['NOT_FOUND', null],
      ],
      [
        'a visitor',
        async () => (await as(null)).membership.acceptInvitation({ token: annas }),
        ['UNAUTHORIZED', null],
      ],
      [
        'an admin holding the link',
        () => admin.membership.acceptInvitation({ token: annas }),
        ['NOT_FOUND', null],
      ],
    ];
    for (const [what, call, expected] of cases) {
      expect(await refusal(call), what).toEqual(expected);
    }
    await anna.api.membership.acceptInvitation({ token: annas });
    expect(
      await refusal(() => anna.api.membership.acceptInvitation({ token: annas })),
      'a used link',
    ).toEqual(['NOT_FOUND', null]);
    expect(await membership(projectId, bo.id)).toBeUndefined();
  });

  it('lets only those who manage the project invite, and validates the addresses', async () => {
    const projectId = await closedProject();
    const open = await projectBySlug('budget-2027-your-priorities');
    const resident = await person();
    const moderator = await staff(projectId, 'project_moderator');
    const emails = ['someone@example.org'];
    const cases: [string, () => Promise<unknown>, [string, string | null]][] = [
      [
        'a visitor',
        async () => (await as(null)).membership.invite({ projectId, emails }),
        ['UNAUTHORIZED', null],
      ],
      [
        'a resident',
        () => resident.api.membership.invite({ projectId, emails }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a moderator',
        () => moderator.api.membership.invite({ projectId, emails }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a manager of another project',
        async () => (await as('project.manager')).membership.invite({ projectId, emails }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a project open to all',
        async () => (await as('admin')).membership.invite({ projectId: open, emails }),
        ['FORBIDDEN', 'not_members_only'],
      ],
    ];
    for (const [who, call, expected] of cases) {
      expect(await refusal(call), who).toEqual(expected);
    }
    const admin = await as('admin');
    for (const [list, field] of [
      [[], 'emails'],
      [Array.from({ length: 101 }, (_, i) => `person${i}@example.org`), 'emails'],
      [['someone@example.org', 'not an address'], 'emails.1'],
    ] as const) {
      const error = await refusalOf(
        () => admin.membership.invite({ projectId, emails: [...list] }),
        counts,
      );
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.field).toBe(field);
    }
  });

  it('lets members leave and managers list and remove members, audited', async () => {
    const projectId = await closedProject();
    const [leaver, removed, stays] = [await person(), await person(), await person()];
    for (const member of [leaver, removed, stays]) await addMemberRow(projectId, member.id);
    const manager = await as('folder.manager');
    const first = await manager.membership.members({ projectId, limit: 2 });
    const rest = await manager.membership.members({
      projectId,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect([...first.items, ...rest.items].map((item) => item.user.id).sort()).toEqual(
      [leaver.id, removed.id, stays.id].sort(),
    );
    expect(rest.nextCursor).toBeNull();

    expect(await leaver.api.membership.leave({ projectId })).toEqual({ ok: true });
    expect(await membership(projectId, leaver.id)).toBeUndefined();
    expect(await readsContent(leaver.id, projectId)).toBe(false);
    expect((await auditOf('membership.leave', projectId))[0]).toMatchObject({
      targetId: leaver.id,
      before: { member: true, source: 'added' },
      after: { member: false },
    });

    expect(await manager.membership.remove({ projectId, userId: removed.id })).toEqual({
      ok: true,
    });
    expect(await membership(projectId, removed.id)).toBeUndefined();
    const [entry] = await auditOf('membership.remove', projectId);
    expect(entry).toMatchObject({ targetId: removed.id, before: { source: 'added' } });
    expect(entry?.actorLabel).toContain('folder.manager@demo.samrad.local');

    const cases: [string, () => Promise<unknown>, [string, string | null]][] = [
      ['leaving twice', () => leaver.api.membership.leave({ projectId }), ['NOT_FOUND', null]],
      [
        'a visitor leaving',
        async () => (await as(null)).membership.leave({ projectId }),
        ['UNAUTHORIZED', null],
      ],
      [
        'removing a non-member',
        () => manager.membership.remove({ projectId, userId: removed.id }),
        ['NOT_FOUND', null],
      ],
      [
        'a member removing another',
        () => stays.api.membership.remove({ projectId, userId: leaver.id }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a member listing members',
        () => stays.api.membership.members({ projectId }),
        ['FORBIDDEN', 'not_permitted'],
      ],
      [
        'a manager of another project removing',
        async () =>
          (await as('project.manager')).membership.remove({ projectId, userId: stays.id }),
        ['FORBIDDEN', 'not_permitted'],
      ],
    ];
    for (const [what, call, expected] of cases) {
      expect(await refusal(call), what).toEqual(expected);
    }

    // A member of a project since hidden from them may still leave it.
    await db().update(projects).set({ visibleTo: 'managers' }).where(eq(projects.id, projectId));
    await stays.api.membership.leave({ projectId });
    expect(await membership(projectId, stays.id)).toBeUndefined();
  });

  it('closes the other ways in once someone is a member: no stale request, no old link', async () => {
    const projectId = await closedProject();
    const admin = await as('admin');
    // Invited, asked to join too, and let in through the request.
    const eva = await person();
    await admin.membership.invite({ projectId, emails: [eva.email] });
    const evasLink = await linkSentTo(eva.email);
    const { id: evasRequest } = await eva.api.membership.requestJoin({ projectId });
    await admin.membership.decide({ requestId: evasRequest, decision: 'accept' });
    const [evasInvitation] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.email, eva.email));
    expect(evasInvitation?.status).toBe('revoked');
    // Removed later, the old link does not let her back in.
    await admin.membership.remove({ projectId, userId: eva.id });
    expect(await refusal(() => eva.api.membership.acceptInvitation({ token: evasLink }))).toEqual([
      'NOT_FOUND',
      null,
    ]);

    // Asked to join, then accepted an invitation: the request is withdrawn, not left pending.
    const olle = await person();
    const { id: ollesRequest } = await olle.api.membership.requestJoin({ projectId });
    await admin.membership.invite({ projectId, emails: [olle.email] });
    await olle.api.membership.acceptInvitation({ token: await linkSentTo(olle.email) });
    const [request] = await db()
      .select()
      .from(joinRequests)
      .where(eq(joinRequests.id, ollesRequest));
    expect(request?.status).toBe('withdrawn');
    expect((await admin.membership.requests({ projectId, status: 'pending' })).items).toEqual([]);
    expect(
      await refusal(() => admin.membership.decide({ requestId: ollesRequest, decision: 'accept' })),
    ).toEqual(['CONFLICT', null]);
  });

  it('queues e-mail only when the change commits', async () => {
    const projectId = await closedProject();
    const before = await db().select({ n: count() }).from(emailOutbox);
    // The audit insert fails inside the transaction: the invitation and its e-mail go with it.
    await db().execute(
      sql`alter table audit_log add constraint audit_fails check (action <> 'membership.invite') not valid`,
    );
    try {
      await expect(
        (await as('admin')).membership.invite({ projectId, emails: ['rollback@example.org'] }),
      ).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      await db().execute(sql`alter table audit_log drop constraint audit_fails`);
    }
    expect(await db().select({ n: count() }).from(emailOutbox)).toEqual(before);
    expect(
      await db().select().from(invitations).where(eq(invitations.projectId, projectId)),
    ).toEqual([]);
  });
});
