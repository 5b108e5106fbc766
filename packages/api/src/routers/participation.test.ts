import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { DataCollection } from '@samrad/core';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { userIdOf } from '../testing/demo-ids.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Participation in a phase (SPEC 4) through the router, on both engines. */
describe.each(testDatabaseKinds())('participation on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;
  let resident: Caller;
  let residentId: string;
  let projectId: string;

  /** The open ideation phase of a new published project, its posting set as given. */
  async function phaseWith(
    dataCollection: DataCollection,
    extra: { maxPerPerson?: number; permittedBy?: 'account' | 'confirmed_email' | 'verified' } = {},
  ) {
    const project = await admin.projects.create({ title: `Participation ${Math.random()}` });
    await admin.projects.setStatus({ id: project.id, status: 'published' });
    projectId = project.id;
    const phase = await admin.phases.create({
      projectId,
      title: `Ideas (${dataCollection} ${Math.random()})`,
      method: 'ideation',
      startAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: phase.id,
      action: 'post',
      enabled: true,
      permittedBy: extra.permittedBy ?? 'account',
      dataCollection,
      ...(extra.maxPerPerson ? { maxPerPerson: extra.maxPerPerson } : {}),
    });
    return phase.id;
  }

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
    resident = await f.as('resident');
    residentId = await userIdOf(f.connection.db, 'resident');
    // An account answers the platform's required question before taking part (SPEC 4.5).
    await resident.users.updateProfile({ answers: { age_group: '35_64' } });
  });
  afterAll(() => f?.close());

  it('tells every action with whether it is allowed and why not (SPEC 4.3)', async () => {
    const phaseId = await phaseWith('all');
    const mine = await resident.participation.abilities({ phaseId });
    expect(mine.post, JSON.stringify(mine.post)).toEqual({ allowed: true });
    expect(mine.vote).toMatchObject({ allowed: false, reason: 'action_not_enabled' });
    const visitor = await (await f.caller()).participation.abilities({ phaseId });
    expect(visitor.post).toMatchObject({ allowed: false, reason: 'not_signed_in' });
    // The mutation decides the same way, and carries the reason.
    const refused = await errorOf(
      (await f.caller()).inputs.create({ phaseId, title: 'Mine', body: 'Text' }),
    );
    expect([refused.code, refused.reason]).toEqual(['UNAUTHORIZED', 'not_signed_in']);
    const notEnabled = await errorOf(
      resident.inputs.create({
        phaseId: await phaseWith('all').then(async (id) => {
          await admin.phases.setParticipation({
            phaseId: id,
            action: 'post',
            enabled: false,
            permittedBy: 'account',
          });
          return id;
        }),
        title: 'Mine',
        body: 'Text',
      }),
    );
    expect([notEnabled.code, notEnabled.reason]).toEqual(['FORBIDDEN', 'action_not_enabled']);
  });

  it('posts an input with its author under full data collection, listed and read back', async () => {
    const phaseId = await phaseWith('all');
    const created = await resident.inputs.create({
      phaseId,
      title: ' A bench by the pond ',
      body: 'So the elderly can rest.',
      location: { latitude: 59.33, longitude: 18.06, address: 'Dammen' },
    });
    expect(created).toMatchObject({
      title: 'A bench by the pond',
      author: { id: residentId },
      dataCollection: 'all',
      hidden: false,
      location: { latitude: 59.33, longitude: 18.06, address: 'Dammen' },
    });
    const { items } = await (await f.caller()).inputs.list({ phaseId });
    expect(items.map((i) => i.id)).toEqual([created.id]);
    expect((await (await f.caller()).inputs.get({ id: created.id })).title).toBe(created.title);
  });

  it('keeps nothing that leads back to the person under demographics only or full anonymity (SPEC 4.4)', async () => {
    const { db } = f.connection;
    const [person] = rowsOf<{ id: string; email: string; name: string }>(
      await db.execute(sql`select id, email, name from users where id = ${residentId}`),
    );
    const answers = rowsOf<{ key: string; value: unknown }>(
      await db.execute(sql`select q.key, a.value from registration_answers a
        join registration_questions q on q.id = a.question_id where a.user_id = ${residentId}`),
    );
    const demographicPhase = await phaseWith('demographics');
    const anonymousPhase = await phaseWith('anonymous');
    const demographic = await resident.inputs.create({
      phaseId: demographicPhase,
      title: 'D',
      body: 'Demographic',
    });
    // A photo from the person's phone, that says who took it and where.
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .withExif({
        IFD0: { Artist: person!.name, Copyright: person!.email },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 0/1' },
      })
      .toBuffer();
    expect(photo.includes(person!.name)).toBe(true);
    const anonymous = await resident.inputs.create({
      phaseId: anonymousPhase,
      title: 'A',
      body: 'Anonymous',
      images: [{ base64: photo.toString('base64') }],
    });
    expect(demographic.author).toBeNull();
    expect(anonymous.author).toBeNull();

    // Everything the database holds of the two inputs and of the markers of their phases.
    const stored = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select * from inputs where id in (${demographic.id}, ${anonymous.id})`),
    );
    const markers = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select * from participation_markers
        where phase_id in (${demographicPhase}, ${anonymousPhase})`),
    );
    const images = rowsOf<{ content: Uint8Array | string }>(
      await db.execute(sql`select encode(content, 'base64') as content from input_images
        where input_id = ${anonymous.id}`),
    ).map((row) => Buffer.from(String(row.content), 'base64'));
    expect(stored).toHaveLength(2);
    expect(markers).toHaveLength(2);
    expect(images).toHaveLength(1);
    for (const value of [person!.name, person!.email, 'GPS']) {
      expect(images[0]!.includes(value), value).toBe(false);
    }
    // Plain hashes anyone could recompute from what the database holds.
    const guessable = [person!.id, person!.email, person!.name].flatMap((value) => [
      value,
      ...['sha256', 'md5', 'sha1'].flatMap((algorithm) =>
        [demographicPhase, anonymousPhase, ''].map((phase) =>
          createHash(algorithm).update(`${value}${phase}`).digest('hex'),
        ),
      ),
    ]);
    const text = JSON.stringify([stored, markers]);
    for (const value of guessable) expect(text).not.toContain(value);
    for (const row of stored) {
      expect(row.author_id).toBeNull();
      const created = new Date(row.created_at as string);
      expect(created.getTime() % 86_400_000, 'day-coarsened').toBe(0);
      expect(new Date(row.updated_at as string).getTime() % 86_400_000).toBe(0);
      expect(row.moderated_by).toBeNull();
    }
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(byId.get(anonymous.id)!.demographics).toBeNull();
    const kept = byId.get(demographic.id)!.demographics as Record<string, unknown>;
    expect(kept).toEqual(Object.fromEntries(answers.map((a) => [a.key, a.value])));
    // Markers hold the phase, the action, a keyed hash and a count: no time, no contribution.
    for (const marker of markers) {
      expect(Object.keys(marker).sort()).toEqual([
        'action',
        'count',
        'phase_id',
        'platform_id',
        'subject_hash',
      ]);
    }
    // Rows written in one transaction carry its id (xmin): with each contribution, only the
    // contribution itself and its phase's keyed-hash marker were written — no row naming the person.
    const tables = rowsOf<{ name: string }>(
      await db.execute(sql`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`),
    );
    for (const [contribution, alsoWritten] of [
      [demographic, []],
      [anonymous, ['input_images: 1']],
    ] as const) {
      const [{ xmin } = { xmin: '' }] = rowsOf<{ xmin: string }>(
        await db.execute(sql`select xmin::text as xmin from inputs where id = ${contribution.id}`),
      );
      const written: string[] = [];
      for (const { name } of tables) {
        const [row] = rowsOf<{ n: number }>(
          await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}
            where xmin::text = ${xmin}`),
        );
        if (row!.n > 0) written.push(`${name}: ${row!.n}`);
      }
      expect(written.sort()).toEqual([...alsoWritten, 'inputs: 1', 'participation_markers: 1']);
    }
    // Ids are random, not a sequence that orders them.
    expect(demographic.id).toMatch(/^[0-9a-f-]{36}$/);

    // A participant cannot find their own anonymous contribution among others later.
    const other = await f.caller(
      await openSessionForTest(db, {
        id: await userIdOf(db, 'moderator'),
        platformId: f.platform.id,
      }),
    );
    await other.users.updateProfile({ answers: { age_group: '18_34' } });
    await other.inputs.create({ phaseId: anonymousPhase, title: 'B', body: 'Another' });
    const listed = await resident.inputs.list({ phaseId: anonymousPhase });
    expect(listed.items.every((item) => item.author === null)).toBe(true);
  });

  it('holds the cap per person, even for calls racing each other', async () => {
    const phaseId = await phaseWith('anonymous', { maxPerPerson: 2 });
    const attempts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        resident.inputs.create({ phaseId, title: `Idea ${n}`, body: 'Text' }).then(
          () => 'ok',
          (error: { cause?: { reason?: string } }) => error.cause?.reason ?? 'error',
        ),
      ),
    );
    expect(attempts.filter((a) => a === 'ok')).toHaveLength(2);
    expect(attempts.filter((a) => a !== 'ok').every((a) => a === 'limit_reached')).toBe(true);
    expect((await resident.participation.abilities({ phaseId })).post).toMatchObject({
      allowed: false,
      reason: 'limit_reached',
    });
    const { items } = await admin.inputs.list({ phaseId });
    expect(items).toHaveLength(2);
  });

  it('lets managers test a phase without counting or capping them (SPEC 2.3)', async () => {
    const phaseId = await phaseWith('all', { maxPerPerson: 1 });
    await admin.inputs.create({ phaseId, title: 'Test 1', body: 'Text' });
    await admin.inputs.create({ phaseId, title: 'Test 2', body: 'Text' });
    const markers = rowsOf<{ n: number }>(
      await f.connection.db.execute(
        sql`select count(*)::int as n from participation_markers where phase_id = ${phaseId}`,
      ),
    );
    expect(markers[0]!.n).toBe(0);
  });

  it('hides an input of a project the caller cannot see (NOT_FOUND)', async () => {
    const phaseId = await phaseWith('all');
    const created = await resident.inputs.create({ phaseId, title: 'Soon hidden', body: 'Text' });
    await admin.projects.setAccess({ id: projectId, visibleTo: 'managers' });
    try {
      const visitor = await f.caller();
      expect((await errorOf(visitor.inputs.get({ id: created.id }))).code).toBe('NOT_FOUND');
      expect((await errorOf(visitor.inputs.list({ phaseId }))).code).toBe('NOT_FOUND');
      expect((await errorOf(visitor.participation.abilities({ phaseId }))).code).toBe('NOT_FOUND');
      expect((await errorOf(resident.inputs.create({ phaseId, title: 'X', body: 'Y' }))).code).toBe(
        'NOT_FOUND',
      );
    } finally {
      await admin.projects.setAccess({ id: projectId, visibleTo: 'everyone' });
    }
  });

  it('lets authors edit and delete their own while the phase is open, and moderators hide or delete any', async () => {
    const phaseId = await phaseWith('all', { maxPerPerson: 1 });
    const mine = await resident.inputs.create({ phaseId, title: 'First words', body: 'Text' });
    expect((await resident.inputs.update({ id: mine.id, title: 'Better words' })).title).toBe(
      'Better words',
    );
    // Not their words to rewrite.
    expect((await errorOf(admin.inputs.update({ id: mine.id, body: 'Edited' }))).reason).toBe(
      'not_permitted',
    );
    const other = await f.as('folder.manager');
    expect((await errorOf(other.inputs.delete({ id: mine.id }))).code).not.toBe(
      'INTERNAL_SERVER_ERROR',
    );

    // Hidden: gone from residents' listings, kept in the managers' (SPEC 4, moderation).
    const hidden = await admin.inputs.moderate({ id: mine.id, hidden: true, reason: 'Off topic' });
    expect(hidden.hidden).toBe(true);
    expect((await (await f.caller()).inputs.list({ phaseId })).items).toEqual([]);
    expect((await admin.inputs.list({ phaseId })).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await errorOf((await f.caller()).inputs.get({ id: mine.id }))).code).toBe('NOT_FOUND');
    expect((await errorOf(resident.inputs.moderate({ id: mine.id, hidden: false }))).code).toBe(
      'NOT_FOUND',
    );
    await admin.inputs.moderate({ id: mine.id, hidden: false });

    // The author deletes it: the cap of one frees again.
    expect((await resident.participation.abilities({ phaseId })).post.reason).toBe('limit_reached');
    await resident.inputs.delete({ id: mine.id });
    expect((await resident.participation.abilities({ phaseId })).post).toEqual({ allowed: true });
    const second = await resident.inputs.create({ phaseId, title: 'Again', body: 'Text' });
    await admin.inputs.delete({ id: second.id });
    expect((await errorOf(resident.inputs.get({ id: second.id }))).code).toBe('NOT_FOUND');
    // A moderator's deletion does not give the post back.
    expect((await resident.participation.abilities({ phaseId })).post.reason).toBe('limit_reached');
  });

  it('keeps an author’s input as it was once the phase is over', async () => {
    const phaseId = await phaseWith('all');
    const mine = await resident.inputs.create({ phaseId, title: 'Before the end', body: 'Text' });
    await admin.phases.update({ id: phaseId, endAt: new Date(Date.now() - 1000).toISOString() });
    const refused = await errorOf(resident.inputs.update({ id: mine.id, title: 'After' }));
    expect([refused.code, refused.reason]).toEqual(['FORBIDDEN', 'phase_not_active']);
    expect((await errorOf(resident.inputs.delete({ id: mine.id }))).reason).toBe(
      'phase_not_active',
    );
  });

  it('takes comments and one level of replies, counted on the input, deleted with their replies', async () => {
    const phaseId = await phaseWith('all');
    await admin.phases.setParticipation({
      phaseId,
      action: 'comment',
      enabled: true,
      permittedBy: 'account',
    });
    const idea = await resident.inputs.create({ phaseId, title: 'Talk about it', body: 'Text' });
    const visitor = await f.caller();
    const refused = await errorOf(visitor.comments.create({ inputId: idea.id, body: 'Hi' }));
    expect([refused.code, refused.reason]).toEqual(['UNAUTHORIZED', 'not_signed_in']);
    const first = await resident.comments.create({ inputId: idea.id, body: 'A first thought' });
    const reply = await admin.comments.create({
      inputId: idea.id,
      body: 'Thanks',
      parentId: first.id,
    });
    const deeper = await errorOf(
      resident.comments.create({ inputId: idea.id, body: 'Deeper', parentId: reply.id }),
    );
    expect([deeper.code, deeper.field]).toEqual(['BAD_REQUEST', 'parentId']);
    const { items } = await visitor.comments.list({ inputId: idea.id });
    expect(items.map((c) => [c.body, c.parentId])).toEqual([
      ['A first thought', null],
      ['Thanks', first.id],
    ]);
    expect((await visitor.inputs.get({ id: idea.id })).comments).toBe(2);
    // Someone else's comment is not theirs to delete; its author's is.
    expect(
      (await errorOf((await f.as('folder.manager')).comments.delete({ id: first.id }))).code,
    ).toBe('FORBIDDEN');
    await resident.comments.delete({ id: first.id });
    expect((await visitor.comments.list({ inputId: idea.id })).items).toEqual([]);
    expect((await visitor.inputs.get({ id: idea.id })).comments).toBe(0);
  });

  it('lets authors edit their comments while the phase is open, and moderators hide any', async () => {
    const phaseId = await phaseWith('all');
    await admin.phases.setParticipation({
      phaseId,
      action: 'comment',
      enabled: true,
      permittedBy: 'account',
    });
    const idea = await resident.inputs.create({ phaseId, title: 'Discuss', body: 'Text' });
    const mine = await resident.comments.create({ inputId: idea.id, body: 'Frist' });
    expect((await resident.comments.update({ id: mine.id, body: 'First' })).body).toBe('First');
    // Nobody rewrites someone else's words, not even a moderator.
    const { caller: neighbour } = await f.resident();
    for (const other of [neighbour, admin]) {
      const refused = await errorOf(other.comments.update({ id: mine.id, body: 'Mine now' }));
      expect([refused.code, refused.reason]).toEqual(['FORBIDDEN', 'not_permitted']);
    }
    expect((await errorOf(resident.comments.moderate({ id: mine.id, hidden: true }))).code).toBe(
      'FORBIDDEN',
    );

    expect((await admin.comments.moderate({ id: mine.id, hidden: true })).hidden).toBe(true);
    const visitor = await f.caller();
    expect((await visitor.comments.list({ inputId: idea.id })).items).toEqual([]);
    expect((await admin.comments.list({ inputId: idea.id })).items.map((c) => c.hidden)).toEqual([
      true,
    ]);
    // Hidden, it is as gone for its author as for anyone.
    const gone = await errorOf(resident.comments.update({ id: mine.id, body: 'Again' }));
    expect(gone.code).toBe('NOT_FOUND');
    await admin.comments.moderate({ id: mine.id, hidden: false });
    expect((await visitor.comments.list({ inputId: idea.id })).items.map((c) => c.body)).toEqual([
      'First',
    ]);

    await admin.phases.update({ id: phaseId, endAt: new Date(Date.now() - 1000).toISOString() });
    const late = await errorOf(resident.comments.update({ id: mine.id, body: 'Later' }));
    expect([late.code, late.reason]).toEqual(['FORBIDDEN', 'phase_not_active']);
  });
});
