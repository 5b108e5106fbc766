import { TRPCError } from '@trpc/server';

/**
 * The application's own errors. Use cases throw these; `toTRPCError` is the one mapping to tRPC
 * codes (documenso's pattern), so a denial is never a 500.
 */
export type AppErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  /** A service Samrad depends on (the verification provider) did not answer. */
  | 'BAD_GATEWAY';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** A SPEC 4.3 reason for participation refusals, sent as `error.data.reason`. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const unauthorized = (message = 'Sign in first') => new AppError('UNAUTHORIZED', message);
export const forbidden = (message: string, reason?: string) =>
  new AppError('FORBIDDEN', message, reason);

export function toTRPCError(error: AppError): TRPCError {
  // Missing and invisible must read the same whichever path refused: one text for every
  // NOT_FOUND, so no message can tell a hidden project from a missing one.
  const message = error.code === 'NOT_FOUND' ? 'Not found' : error.message;
  return new TRPCError({ code: error.code, message, cause: error });
}
