import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { AppError, toTRPCError, unauthorized } from './errors.js';

/*
 * ---------------------------------------------------------------------------------------------
 * Initialisation: one tRPC instance, plain JSON (dates travel as ISO strings).
 * ---------------------------------------------------------------------------------------------
 */
const t = initTRPC.context<Context>().create({
  // Stack traces never leave the server.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    if (cause instanceof ZodError) {
      return {
        ...shape,
        data: { ...shape.data, fields: cause.issues.map((i) => i.path.join('.')) },
      };
    }
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      // Database and library messages may reveal rows or schema: callers get a generic text.
      return { ...shape, message: 'Internal server error' };
    }
    return {
      ...shape,
      data: { ...shape.data, reason: cause instanceof AppError ? cause.reason : undefined },
    };
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

/**
 * Anyone, visitors included. Procedures on it decide access themselves through the policy
 * (`@samrad/core`) and its SQL twins (`@samrad/db` scopes): a visitor sees only what they may.
 */
export const publicProcedure = t.procedure.use(appErrors);

/** A signed-in, active user. Pending and blocked users are visitors (SPEC 2.4). */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = ctx.viewer.user;
  if (!user || user.status !== 'active') throw unauthorized();
  return next({ ctx: { ...ctx, user } });
});
