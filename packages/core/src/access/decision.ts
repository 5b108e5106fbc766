/**
 * Every access decision is a value, never an exception: whether it is allowed, the one reason
 * the UI can act on, and the trace of grants and rules that produced it (SPEC 4.3, 7).
 */
export interface Decision<Reason extends string = string> {
  allowed: boolean;
  reason: Reason | null;
  trace: string[];
}

export const allow = (...trace: string[]): Decision<never> => ({
  allowed: true,
  reason: null,
  trace,
});
export const deny = <Reason extends string>(
  reason: Reason,
  ...trace: string[]
): Decision<Reason> => ({
  allowed: false,
  reason,
  trace,
});
