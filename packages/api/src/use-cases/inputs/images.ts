import { and, eq, notInArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { maxImageUploadBytes, type ImageUpload } from '@samrad/core';
import { inputImages, maxImageBytes, type Database } from '@samrad/db';
import type { Context } from '../../context.js';
import { AppError, notFound } from '../../errors.js';

/** What is kept of an uploaded image: new bytes, nothing of the original file's metadata. */
export interface PreparedImage {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  alt: string;
  content: Uint8Array;
}

const contentTypes = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/** Larger photos are scaled down to fit: residents' phones take more than a page shows. */
const longestSide = 2048;
/** Decoding stops past this many pixels, so a small file cannot unpack into gigabytes. */
const maxInputPixels = 50_000_000;

function refuse(index: number, problem: string): AppError {
  return new AppError('BAD_REQUEST', `images.${index}: ${problem}`);
}

/**
 * One upload decoded and encoded anew in its own format (sharp drops all metadata unless asked
 * to keep it): a photo's place, time and camera never reach the database — under demographic or
 * anonymous collection they would tell who took it (SPEC 4.4). What the bytes are is read from
 * the bytes, never taken from the caller.
 */
async function prepareImage(upload: ImageUpload, index: number): Promise<PreparedImage> {
  const bytes = Buffer.from(upload.base64, 'base64');
  if (bytes.length === 0) throw refuse(index, 'empty');
  if (bytes.length > maxImageUploadBytes) {
    throw refuse(index, `larger than ${maxImageUploadBytes / 1024 / 1024} MB`);
  }
  const decoder = () => sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'error' });
  const format = await decoder()
    .metadata()
    .then((meta) => meta.format)
    .catch(() => undefined);
  if (format === undefined) throw refuse(index, 'not an image');
  if (!(format in contentTypes)) throw refuse(index, 'a JPEG, PNG or WebP image only');
  const kept = format as keyof typeof contentTypes;
  const { data, info } = await decoder()
    // Turned as the camera's orientation says, before that note goes with the rest.
    .rotate()
    .resize({ width: longestSide, height: longestSide, fit: 'inside', withoutEnlargement: true })
    .toFormat(kept)
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw refuse(index, 'the image could not be read');
    });
  if (data.length > maxImageBytes) throw refuse(index, 'too large, even scaled down');
  return {
    contentType: contentTypes[kept],
    width: info.width,
    height: info.height,
    alt: upload.alt ?? '',
    content: new Uint8Array(data),
  };
}

/** An input's uploads, prepared before its transaction opens (decoding takes a while). */
export function prepareImages(
  uploads: readonly ImageUpload[] | undefined,
): Promise<PreparedImage[]> {
  return Promise.all((uploads ?? []).map(prepareImage));
}

/** An image an input keeps (by id), or a new one, as an edit lists them. */
export type ImageChange = { keep: string } | PreparedImage;

/** An edit's list of images, new ones prepared before its transaction opens. */
export function prepareUploads(
  list: readonly ({ id: string } | ImageUpload)[],
): Promise<ImageChange[]> {
  return Promise.all(
    list.map((item, index) =>
      'id' in item ? Promise.resolve({ keep: item.id }) : prepareImage(item, index),
    ),
  );
}

/**
 * The input's images become the list: those kept move to their new places, the others go, new
 * ones come. A kept id must be one of this input's images.
 */
export async function replaceImages(
  tx: Database,
  ctx: Context,
  inputId: string,
  list: readonly ImageChange[],
): Promise<void> {
  const mine = eq(inputImages.inputId, inputId);
  const current = await tx
    .select({ id: inputImages.id })
    .from(inputImages)
    .where(mine)
    .for('update');
  const ids = new Set(current.map((row) => row.id));
  const kept: string[] = [];
  for (const [index, item] of list.entries()) {
    if (!('keep' in item)) continue;
    if (!ids.has(item.keep) || kept.includes(item.keep)) {
      throw refuse(index, 'not an image of this input, or listed twice');
    }
    kept.push(item.keep);
  }
  await tx
    .delete(inputImages)
    .where(kept.length > 0 ? and(mine, notInArray(inputImages.id, kept)) : mine);
  // Out of the way first: an input's positions are unique at every row changed.
  await tx
    .update(inputImages)
    .set({ position: sql`-1 - ${inputImages.position}` })
    .where(mine);
  for (const [position, item] of list.entries()) {
    if ('keep' in item) {
      await tx.update(inputImages).set({ position }).where(eq(inputImages.id, item.keep));
    } else {
      await tx
        .insert(inputImages)
        .values({ platformId: ctx.platform.id, inputId, position, ...item });
    }
  }
}

/** Keeps an input's prepared images, in their order, in the input's transaction. */
export async function storeImages(
  tx: Database,
  ctx: Context,
  inputId: string,
  images: readonly PreparedImage[],
): Promise<void> {
  if (images.length === 0) return;
  await tx.insert(inputImages).values(
    images.map((image, position) => ({
      platformId: ctx.platform.id,
      inputId,
      position,
      ...image,
    })),
  );
}

/** An image's bytes (base64, as JSON carries them), once the guard decided its input is readable. */
export async function readImage(
  ctx: Context,
  id: string,
): Promise<{ contentType: string; width: number; height: number; base64: string }> {
  const [image] = await ctx.db
    .select({
      contentType: inputImages.contentType,
      width: inputImages.width,
      height: inputImages.height,
      content: inputImages.content,
    })
    .from(inputImages)
    .where(eq(inputImages.id, id));
  // Deleted with its input since the guard found it.
  if (!image) throw notFound('Image');
  const { content, ...rest } = image;
  return { ...rest, base64: Buffer.from(content).toString('base64') };
}
