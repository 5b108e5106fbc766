import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { inputImages, inputs } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

const base64 = (bytes: Buffer) => bytes.toString('base64');

/** A photo as phones take them: a JPEG that says who took it and where, turned by a note. */
async function cameraPhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Artist: 'Alice Resident', Copyright: 'Alice Resident' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Inputs' images (SPEC 4.1) through the router, on both engines. */
describe.each(testDatabaseKinds())('input images on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;
  let resident: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
    ({ caller: resident } = await f.resident());
  });
  afterAll(() => f?.close());

  const ideation = (dataCollection: 'all' | 'anonymous' = 'all') =>
    f.openPhase('ideation', { action: 'post', permittedBy: 'account', dataCollection });

  it('keeps a photo turned upright and scaled down, with nothing of its metadata', async () => {
    const { phaseId } = await ideation('anonymous');
    const png = await sharp({
      create: { width: 20, height: 10, channels: 4, background: '#fff0' },
    })
      .png()
      .toBuffer();
    const photo3000 = await cameraPhoto(3000, 1000);
    // What the upload says of its author, which the stored image must not.
    expect(photo3000.includes('Alice Resident')).toBe(true);
    expect((await sharp(photo3000).metadata()).orientation).toBe(6);
    const created = await resident.inputs.create({
      phaseId,
      title: 'A bench',
      body: 'By the water',
      images: [{ base64: base64(photo3000), alt: 'The shore' }, { base64: base64(png) }],
    });
    // Orientation 6 turns it a quarter: 1000 × 3000, scaled to fit 2048.
    expect(created.images.map(({ width, height, alt }) => [width, height, alt])).toEqual([
      [683, 2048, 'The shore'],
      [20, 10, ''],
    ]);
    expect(created.images.map((image) => image.path)).toEqual(
      created.images.map((image) => `/images/${image.id}`),
    );
    expect((await resident.inputs.get({ id: created.id })).images).toEqual(created.images);
    const listed = await resident.inputs.list({ phaseId });
    expect(listed.items[0]!.images).toEqual(created.images);

    const photo = await resident.inputs.image({ id: created.images[0]!.id });
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 683, height: 2048 });
    const stored = Buffer.from(photo.base64, 'base64');
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.exif, meta.orientation]).toEqual([
      683,
      2048,
      undefined,
      undefined,
    ]);
    expect(stored.includes('Alice')).toBe(false);
    expect((await resident.inputs.image({ id: created.images[1]!.id })).contentType).toBe(
      'image/png',
    );
  });

  it('refuses what is not a JPEG, PNG or WebP image, naming it, and writes nothing', async () => {
    const { phaseId } = await ideation();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" onload="alert(1)"/>',
    );
    const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const cases: [Buffer, string][] = [
      [Buffer.from('not an image at all'), 'not an image'],
      [svg, 'a JPEG, PNG or WebP image only'],
      [gif, 'a JPEG, PNG or WebP image only'],
    ];
    for (const [bytes, problem] of cases) {
      const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      const refused = await errorOf(
        resident.inputs.create({
          phaseId,
          title: 'Mine',
          body: 'Text',
          images: [{ base64: base64(png) }, { base64: base64(bytes) }],
        }),
      );
      expect([refused.code, refused.field, refused.message]).toEqual([
        'BAD_REQUEST',
        'images.1',
        `images.1: ${problem}`,
      ]);
    }
    const tooMany = await errorOf(
      resident.inputs.create({
        phaseId,
        title: 'Mine',
        body: 'Text',
        images: Array.from({ length: 5 }, () => ({ base64: 'AAAA' })),
      }),
    );
    expect([tooMany.code, tooMany.field]).toEqual(['BAD_REQUEST', 'images']);
    const rows = await f.connection.db.select().from(inputs).where(eq(inputs.phaseId, phaseId));
    expect(rows).toEqual([]);
  });

  it('lets its author keep, reorder, drop and add images while the phase is open', async () => {
    const { phaseId } = await ideation();
    const photo = async (background: string) =>
      base64(
        await sharp({ create: { width: 4, height: 4, channels: 3, background } })
          .png()
          .toBuffer(),
      );
    const created = await resident.inputs.create({
      phaseId,
      title: 'Before',
      body: 'Text',
      images: [{ base64: await photo('#f00') }, { base64: await photo('#0f0') }],
    });
    const [red, green] = created.images.map((image) => image.id);
    const changed = await resident.inputs.update({
      id: created.id,
      images: [{ id: green! }, { base64: await photo('#00f'), alt: 'Blue' }],
    });
    expect(changed.images.map((image) => [image.id === green, image.alt])).toEqual([
      [true, ''],
      [false, 'Blue'],
    ]);
    const stored = await f.connection.db
      .select({ id: inputImages.id, position: inputImages.position })
      .from(inputImages)
      .where(eq(inputImages.inputId, created.id))
      .orderBy(inputImages.position);
    expect(stored.map((row) => [row.id === red, row.position])).toEqual([
      [false, 0],
      [false, 1],
    ]);

    // Another input's image is not this one's to keep; nothing of the edit is made.
    const other = await resident.inputs.create({
      phaseId,
      title: 'Other',
      body: 'Text',
      images: [{ base64: await photo('#fff') }],
    });
    const refused = await errorOf(
      resident.inputs.update({
        id: created.id,
        title: 'After',
        images: [{ id: green! }, { id: other.images[0]!.id }],
      }),
    );
    expect([refused.code, refused.field]).toEqual(['BAD_REQUEST', 'images.1']);
    const unchanged = await resident.inputs.get({ id: created.id });
    expect([unchanged.title, unchanged.images]).toEqual(['Before', changed.images]);

    expect((await resident.inputs.update({ id: created.id, images: [] })).images).toEqual([]);
  });

  it('shows an image only to those who may read its input; it goes with its input', async () => {
    const { projectId, phaseId } = await ideation();
    const jpeg = await cameraPhoto(40, 30);
    const created = await resident.inputs.create({
      phaseId,
      title: 'Seen',
      body: 'Text',
      images: [{ base64: base64(jpeg) }],
    });
    const imageId = created.images[0]!.id;
    const visitor = await f.caller();
    expect((await visitor.inputs.image({ id: imageId })).contentType).toBe('image/jpeg');

    await admin.inputs.moderate({ id: created.id, hidden: true });
    expect((await errorOf(visitor.inputs.image({ id: imageId }))).code).toBe('NOT_FOUND');
    expect((await admin.inputs.image({ id: imageId })).contentType).toBe('image/jpeg');
    await admin.inputs.moderate({ id: created.id, hidden: false });

    await admin.projects.setStatus({ id: projectId, status: 'draft' });
    const hidden = await errorOf(visitor.inputs.image({ id: imageId }));
    const missing = await errorOf(visitor.inputs.image({ id: crypto.randomUUID() }));
    // An image of an invisible project answers as one that does not exist.
    expect([hidden.code, hidden.message]).toEqual([missing.code, missing.message]);
    await admin.projects.setStatus({ id: projectId, status: 'published' });

    await resident.inputs.delete({ id: created.id });
    const gone = await f.connection.db
      .select({ id: inputImages.id })
      .from(inputImages)
      .where(eq(inputImages.id, imageId));
    expect(gone).toEqual([]);
  });
});
