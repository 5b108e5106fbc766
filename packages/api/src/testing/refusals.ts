import { expect } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { auditLog, type Database } from '@samrad/db';

/*
 * What the router tests ask of every refused call: that it fails with a TRPCError, that it wrote
 * nothing (not even half of itself), and what it said — its code, the reason the access model
 * gave, and the field its message starts with ("title: …").
 */

export interface Refusal {
  code: TRPCError['code'];
  /** The access model's reason (`not_permitted`, `review_required`…), when the refusal has one. */
  reason: string | null;
  /** What the message names before its first colon: the field of a BAD_REQUEST. */
  field: string;
  message: string;
  error: TRPCError;
}

/** The row count of each table, in the order given. */
export async function rowCounts(db: Database, tables: readonly PgTable[]): Promise<number[]> {
  const result: number[] = [];
  for (const table of tables) result.push((await db.select({ n: count() }).from(table))[0]!.n);
  return result;
}

/** What a call expected to fail said; anything but a TRPCError fails the test. */
export async function errorOf(call: Promise<unknown>): Promise<Refusal> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const { code, cause, message } = error as TRPCError;
  return {
    code,
    reason: (cause as { reason?: string } | undefined)?.reason ?? null,
    field: message.split(':')[0]!,
    message,
    error: error as TRPCError,
  };
}

/**
 * What a call expected to be refused said, once checked that `state` (the rows the test watches)
 * reads the same after the call as before it.
 */
export async function refusalOf(
  call: () => Promise<unknown>,
  state: () => Promise<unknown>,
): Promise<Refusal> {
  const before = await state();
  const refusal = await errorOf(call());
  expect(await state()).toEqual(before);
  return refusal;
}

/** 'ok' when the call succeeds; else its code, once checked that the refusal left `state` alone. */
export async function outcomeOf(
  call: () => Promise<unknown>,
  state: () => Promise<unknown>,
): Promise<string> {
  const before = await state();
  return call().then(
    () => 'ok',
    async (error: unknown) => {
      expect(error).toBeInstanceOf(TRPCError);
      expect(await state()).toEqual(before);
      return (error as TRPCError).code;
    },
  );
}

/** `[code, reason]`, as tables of expected refusals write them. */
export const codeAndReason = ({ code, reason }: Refusal) => [code, reason];

/** `[code, field]`, as tables of expected refusals write them. */
export const codeAndField = ({ code, field }: Refusal) => [code, field];

/** The audit entries of an action on a target, oldest first. */
export const auditEntries = (db: Database, action: string, targetId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
    .orderBy(asc(auditLog.createdAt));
