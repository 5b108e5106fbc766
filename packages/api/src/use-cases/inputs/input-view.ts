import { sql } from 'drizzle-orm';
import type { DataCollection } from '@samrad/core';
import { inputImages, inputs, users } from '@samrad/db';
import { outer } from '../phases/phase-view.js';

/** An image of an input; its bytes at `path` on the Samrad server (`inputs.image` by `id`). */
export interface InputImageView {
  id: string;
  path: string;
  width: number;
  height: number;
  alt: string;
}

/** The path an image is served at: readable by whoever may read its input. */
export const imagePath = (id: string) => `/images/${id}`;

/** What a listing or a reader sees of an input. */
export interface InputView {
  id: string;
  phaseId: string;
  title: string;
  body: string;
  location: { latitude: number; longitude: number; address: string | null } | null;
  images: InputImageView[];
  /** Only under full data collection (SPEC 4.4); never for demographic or anonymous inputs. */
  author: { id: string; name: string } | null;
  dataCollection: DataCollection;
  hidden: boolean;
  reactions: { up: number; down: number };
  comments: number;
  /** Day-coarsened under demographic and anonymous collection (SPEC 4.4). */
  createdAt: string;
}

/** The columns an input view needs, the author's name from a left join on `users`. */
export const inputViewColumns = {
  id: inputs.id,
  phaseId: inputs.phaseId,
  title: inputs.title,
  body: inputs.body,
  latitude: inputs.latitude,
  longitude: inputs.longitude,
  address: inputs.address,
  images: sql<Omit<InputImageView, 'path'>[]>`(select coalesce(json_agg(json_build_object(
      'id', ${inputImages.id}, 'width', ${inputImages.width}, 'height', ${inputImages.height},
      'alt', ${inputImages.alt}) order by ${inputImages.position}), '[]')
    from ${inputImages} where ${inputImages.inputId} = ${outer(inputs, inputs.id)})`,
  authorId: inputs.authorId,
  authorName: users.name,
  dataCollection: inputs.dataCollection,
  moderation: inputs.moderation,
  reactionsUp: inputs.reactionsUp,
  reactionsDown: inputs.reactionsDown,
  commentsCount: inputs.commentsCount,
  createdAt: inputs.createdAt,
  createdAtKey: sql<string>`${inputs.createdAt}::text`,
};

interface InputRow {
  id: string;
  phaseId: string;
  title: string;
  body: string;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  images: Omit<InputImageView, 'path'>[];
  authorId: string | null;
  authorName: string | null;
  dataCollection: DataCollection;
  moderation: 'visible' | 'hidden';
  reactionsUp: number;
  reactionsDown: number;
  commentsCount: number;
  createdAt: Date;
}

export function toInputView(row: InputRow): InputView {
  return {
    id: row.id,
    phaseId: row.phaseId,
    title: row.title,
    body: row.body,
    location:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude, address: row.address }
        : null,
    images: row.images.map((image) => ({ ...image, path: imagePath(image.id) })),
    author:
      row.dataCollection === 'all' && row.authorId && row.authorName
        ? { id: row.authorId, name: row.authorName }
        : null,
    dataCollection: row.dataCollection,
    hidden: row.moderation === 'hidden',
    reactions: { up: row.reactionsUp, down: row.reactionsDown },
    comments: row.commentsCount,
    createdAt: row.createdAt.toISOString(),
  };
}
