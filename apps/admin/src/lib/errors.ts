import { TRPCClientError } from '@trpc/client';

/** The tRPC error code of a failed call, or null when no answer came from the server. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  if (
    typeof data === 'object' &&
    data !== null &&
    'code' in data &&
    typeof data.code === 'string'
  ) {
    return data.code;
  }
  return null;
}

/** A message for people: the server's own words when it answered, else a connection hint. */
export function describeError(error: unknown): string {
  if (errorCode(error) !== null && error instanceof Error) return error.message;
  return 'The server could not be reached. Check your connection and try again.';
}
