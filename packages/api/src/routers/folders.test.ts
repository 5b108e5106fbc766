import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { localize } from '@samrad/core';
import { folders } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

describe.each(testDatabaseKinds())('folders.list and folders.get on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  const idOf = async (slug: string) =>
    (
      await fixture.connection.db
        .select({ id: folders.id })
        .from(folders)
        .where(eq(folders.slug, slug))
    )[0]!.id;
  const titles = (items: { title: Record<string, string | undefined> }[]) =>
    items.map((i) => localize(i.title, 'en')).sort();
  const signedIn = (email: string) => fixture.as(email);

  it('shows a visitor the published folders with something visible inside, never a draft folder (SPEC 3.2)', async () => {
    const visitor = await fixture.caller();
    // "Internal planning" holds only a draft and a managers-only project: hidden.
    expect(titles((await visitor.folders.list({})).items)).toEqual(['Urban development']);
    const urban = await idOf('urban-development');
    expect(titles((await visitor.folders.list({ parentId: urban })).items)).toEqual([
      'City centre',
      'Green spaces',
    ]);
    const error = await visitor.folders
      .get({ id: await idOf('schools-and-youth') })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
  });

  it('shows an admin every folder, drafts included', async () => {
    const admin = await signedIn('admin@demo.samrad.local');
    expect(titles((await admin.folders.list({})).items)).toEqual([
      'Internal planning',
      'Schools and youth',
      'Urban development',
    ]);
  });

  it('shows a project manager the folders above their project as names and path only (SPEC 1)', async () => {
    const { db } = fixture.connection;
    // Make the park's folder a draft: its project manager still finds the way to it.
    await db.update(folders).set({ status: 'draft' }).where(eq(folders.slug, 'green-spaces'));
    const manager = await signedIn('project.manager@demo.samrad.local');
    const green = await manager.folders.get({ id: await idOf('green-spaces') });
    expect(green).toMatchObject({ pathOnly: true });
    expect(green).not.toHaveProperty('description');
    const visitor = await fixture.caller();
    const hidden = await visitor.folders
      .get({ id: await idOf('green-spaces') })
      .catch((e: unknown) => e);
    expect((hidden as TRPCError).code).toBe('NOT_FOUND');
    await db.update(folders).set({ status: 'published' }).where(eq(folders.slug, 'green-spaces'));
  });
});
