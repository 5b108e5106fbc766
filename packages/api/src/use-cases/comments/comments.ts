import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import {
  decide,
  type CreateCommentInput,
  type InputChange,
  type ListCommentsInput,
  type ModerateCommentInput,
  type UpdateCommentInput,
} from '@samrad/core';
import { comments, inputs, phases, projects, users } from '@samrad/db';
import { enforceInputChange } from '../../access/input-change-guard.js';
import { onInput, type GrantedInput } from '../../access/input-guard.js';
import type { Guard } from '../../access/guards.js';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import { projectFactsColumns } from '../../access/project-facts.js';
import type { Context } from '../../context.js';
import { AppError, notFound, unauthorized } from '../../errors.js';
import { contributionFields, countParticipation } from '../inputs/contribution.js';
import { settleReports } from '../inputs/reports.js';
import { afterCursor, toPage } from '../time-cursor.js';

export interface CommentView {
  id: string;
  inputId: string;
  parentId: string | null;
  body: string;
  /** Only under full data collection (SPEC 4.4). */
  author: { id: string; name: string } | null;
  hidden: boolean;
  createdAt: string;
}

const columns = {
  id: comments.id,
  inputId: comments.inputId,
  parentId: comments.parentId,
  body: comments.body,
  authorId: comments.authorId,
  authorName: users.name,
  dataCollection: comments.dataCollection,
  moderation: comments.moderation,
  createdAt: comments.createdAt,
  createdAtKey: sql<string>`${comments.createdAt}::text`,
};

type Row = {
  id: string;
  inputId: string;
  parentId: string | null;
  body: string;
  authorId: string | null;
  authorName: string | null;
  dataCollection: 'all' | 'demographics' | 'anonymous';
  moderation: 'visible' | 'hidden';
  createdAt: Date;
};

const toView = (row: Row): CommentView => ({
  id: row.id,
  inputId: row.inputId,
  parentId: row.parentId,
  body: row.body,
  author:
    row.dataCollection === 'all' && row.authorId && row.authorName
      ? { id: row.authorId, name: row.authorName }
      : null,
  hidden: row.moderation === 'hidden',
  createdAt: row.createdAt.toISOString(),
});

/**
 * The comments of an input the caller may read, oldest first (a conversation); hidden ones only
 * for those who moderate the project.
 */
export async function listComments(
  ctx: Context,
  input: ListCommentsInput,
  granted: GrantedInput,
): Promise<{ items: CommentView[]; nextCursor: string | null }> {
  const moderates = decide(await ctx.subject(), 'input.moderate', {
    type: 'project',
    project: granted.project,
  }).allowed;
  const conditions: (SQL | undefined)[] = [
    eq(comments.inputId, granted.id),
    moderates ? undefined : eq(comments.moderation, 'visible'),
  ];
  if (input.cursor) {
    conditions.push(afterCursor(comments.createdAt, comments.id, input.cursor, 'oldest first'));
  }
  const rows = await ctx.db
    .select(columns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(...conditions))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (row) => [row.createdAtKey, row.id], toView);
}

/** SPEC 4.1 *comment*: on an input, or in reply to one of its comments (one level deep). */
export async function createComment(
  ctx: Context,
  input: CreateCommentInput,
  granted: { input: GrantedInput; participation: PhaseParticipation; setting: StoredSetting },
): Promise<CommentView> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  if (input.parentId) {
    const [parent] = await ctx.db
      .select({ parentId: comments.parentId })
      .from(comments)
      .where(and(eq(comments.id, input.parentId), eq(comments.inputId, granted.input.id)));
    if (!parent) throw new AppError('BAD_REQUEST', 'parentId: not a comment on this input');
    if (parent.parentId) throw new AppError('BAD_REQUEST', 'parentId: replies are one level deep');
  }
  const fields = await contributionFields(ctx.db, user, granted.setting);
  const id = await ctx.db.transaction(async (tx) => {
    await countParticipation(tx, ctx, granted, 'comment');
    const [row] = await tx
      .insert(comments)
      .values({
        platformId: ctx.platform.id,
        inputId: granted.input.id,
        parentId: input.parentId ?? null,
        body: input.body,
        ...fields,
      })
      .returning({ id: comments.id });
    await tx
      .update(inputs)
      .set({ commentsCount: sql`${inputs.commentsCount} + 1` })
      .where(eq(inputs.id, granted.input.id));
    return row!.id;
  });
  return commentView(ctx, id);
}

/**
 * Changing a comment as an input is changed (`decideInputChange`): its author edits or deletes it
 * while the phase is open, those who moderate the project hide or delete any. A comment hidden,
 * or on a hidden input, is as invisible to others as a hidden input.
 */
export function onCommentChange(
  change: InputChange,
): Guard<{ id: string }, { commentId: string; inputId: string }> {
  return {
    access: `input.moderate or its author while the phase is open (${change} a comment)`,
    async check(ctx, input) {
      const [row] = await ctx.db
        .select({
          id: comments.id,
          inputId: comments.inputId,
          authorId: comments.authorId,
          moderation: sql<'visible' | 'hidden'>`case when ${inputs.moderation} = 'hidden'
            or ${comments.moderation} = 'hidden' then 'hidden' else 'visible' end`,
          startAt: phases.startAt,
          endAt: phases.endAt,
          ...projectFactsColumns,
        })
        .from(comments)
        .innerJoin(inputs, eq(inputs.id, comments.inputId))
        .innerJoin(phases, eq(phases.id, inputs.phaseId))
        .innerJoin(projects, eq(projects.id, inputs.projectId))
        .where(and(eq(comments.platformId, ctx.platform.id), eq(comments.id, input.id)));
      if (!row) throw notFound('Comment');
      await enforceInputChange(ctx, row, change, 'Comment');
      return { commentId: row.id, inputId: row.inputId };
    },
  };
}

/** A comment shown to residents, on an input the caller can read: else NOT_FOUND, as any. */
export function onShownComment(): Guard<{ id: string }, { commentId: string }> {
  return {
    access: 'input.read (on the comment’s input), the comment not hidden',
    async check(ctx, input) {
      const [row] = await ctx.db
        .select({ id: comments.id, inputId: comments.inputId, moderation: comments.moderation })
        .from(comments)
        .where(and(eq(comments.platformId, ctx.platform.id), eq(comments.id, input.id)));
      if (!row || row.moderation === 'hidden') throw notFound('Comment');
      await onInput<{ id: string }>('input.read', () => row.inputId).check(ctx, input);
      return { commentId: row.id };
    },
  };
}

async function commentView(ctx: Context, id: string): Promise<CommentView> {
  const [row] = await ctx.db
    .select(columns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, id));
  // Deleted since the guard found it.
  if (!row) throw notFound('Comment');
  return toView(row);
}

/** Its author's new words (the guard decided `edit`). */
export async function updateComment(ctx: Context, input: UpdateCommentInput): Promise<CommentView> {
  await ctx.db
    .update(comments)
    .set({ body: input.body, updatedAt: new Date() })
    .where(eq(comments.id, input.id));
  return commentView(ctx, input.id);
}

/**
 * Hidden from residents or shown again, with who did it (the guard decided `moderate`); the
 * decision settles the comment's open reports.
 */
export async function moderateComment(
  ctx: Context,
  input: ModerateCommentInput,
): Promise<CommentView> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(comments)
      .set({
        moderation: input.hidden ? 'hidden' : 'visible',
        moderatedBy: ctx.viewer.user?.id ?? null,
      })
      .where(eq(comments.id, input.id));
    await settleReports(tx, ctx, 'comment', input.id);
  });
  return commentView(ctx, input.id);
}

/** Gone, with its replies; the input's count follows. */
export async function deleteComment(
  ctx: Context,
  target: { commentId: string; inputId: string },
): Promise<{ id: string }> {
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(comments)
      .where(
        sql`${comments.id} = ${target.commentId} or ${comments.parentId} = ${target.commentId}`,
      )
      .returning({ id: comments.id });
    await tx
      .update(inputs)
      .set({ commentsCount: sql`greatest(${inputs.commentsCount} - ${removed.length}, 0)` })
      .where(eq(inputs.id, target.inputId));
  });
  return { id: target.commentId };
}
