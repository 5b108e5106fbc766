import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Guard } from './access/guards.js';
import type { Context } from './context.js';
import { AppError, toTRPCError, unauthorized } from './errors.js';
import { unstorableText } from './storable-input.js';

/*
 * ---------------------------------------------------------------------------------------------
 * Initialisation: one tRPC instance, plain JSON (dates travel as ISO strings).
 * ---------------------------------------------------------------------------------------------
 */
/**
 * Every procedure states what it decides access on (`access`) and who may call it at all
 * (`caller`: anyone, a widget's participation token included, or a signed-in user with a full
 * session), read by tests and docs.
 */
export interface ProcedureMeta {
  access: string;
  caller: 'anyone' | 'full session';
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Stack traces never leave the server.
    isDev: false,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      // Every error carries the same keys, so callers read `data.reason` and `data.fields` alike.
      const reason: string | undefined = cause instanceof AppError ? cause.reason : undefined;
      if (cause instanceof ZodError) {
        return {
          ...shape,
          data: { ...shape.data, reason, fields: cause.issues.map((i) => i.path.join('.')) },
        };
      }
      // Database and library messages may reveal rows or schema: callers get a generic text.
      const message =
        error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
      return { ...shape, message, data: { ...shape.data, reason, fields: [] as string[] } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/*
 * ---------------------------------------------------------------------------------------------
 * The closed set of base procedures. Every procedure of the router is built from one of these.
 * ---------------------------------------------------------------------------------------------
 */

/**
 * Maps the application's errors to tRPC codes in one place, and gives validation errors a
 * message that names the field ("title: Too small: expected string to have >=1 characters").
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw toTRPCError(cause);
  if (cause instanceof ZodError) {
    const message = cause.issues
      .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
      .join('; ');
    throw new TRPCError({ code: 'BAD_REQUEST', message, cause });
  }
  return result;
});

/** Refuses what PostgreSQL cannot store, before any schema or resolver sees it. */
const storableInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = unstorableText(await getRawInput());
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
  return next();
});

/**
 * A mutation answers once this process's caches have heard of what it changed (the database
 * announces every change; ./cache), so its caller's next read never meets the state before it.
 */
const changesSettled = t.middleware(async ({ type, ctx, next }) => {
  const result = await next();
  if (type === 'mutation') await ctx.changesSettled();
  return result;
});

const anyone = t.procedure.use(appErrors).use(storableInput).use(changesSettled);

/**
 * A signed-in, active user with a full session. Pending and blocked users are visitors (SPEC
 * 2.4); a widget's participation token is never enough for these procedures.
 */
const signedIn = anyone.use(({ ctx, next }) => {
  const user = ctx.viewer.user;
  if (!user || user.status !== 'active' || ctx.viewer.session?.kind !== 'session')
    throw unauthorized();
  return next({ ctx: { ...ctx, user } });
});

/*
 * ---------------------------------------------------------------------------------------------
 * The procedure builders: the only way to declare a procedure. Each takes the input schema and
 * the guard that finds the target and asks the policy; the resolver runs only once the guard
 * allowed the call, and receives what it decided on as `ctx.granted`.
 * ---------------------------------------------------------------------------------------------
 */

/** Open to visitors: the guard decides (and a visitor is refused what needs an account). */
export function forAnyone<TSchema extends z.ZodType, TGranted>(
  input: TSchema,
  guard: Guard<z.output<TSchema>, TGranted>,
) {
  return anyone
    .meta({ access: guard.access, caller: 'anyone' })
    .input(input)
    .use(async ({ ctx, input, next }) =>
      next({ ctx: { ...ctx, granted: await guard.check(ctx, input as z.output<TSchema>) } }),
    );
}

/** Only for a signed-in, active user (`ctx.user`); then the guard decides. */
export function forSignedIn<TSchema extends z.ZodType, TGranted>(
  input: TSchema,
  guard: Guard<z.output<TSchema>, TGranted>,
) {
  return signedIn
    .meta({ access: guard.access, caller: 'full session' })
    .input(input)
    .use(async ({ ctx, input, next }) =>
      next({ ctx: { ...ctx, granted: await guard.check(ctx, input as z.output<TSchema>) } }),
    );
}

/** The input of a procedure that takes none (an absent input; `{}` is accepted too). */
export const noInput = z.object({}).strict().optional();
