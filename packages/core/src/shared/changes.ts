/**
 * An update input changes something: a field other than the id of what it updates, given a
 * value. `undefined` counts as absent — JSON never carries it, but in-process callers can pass it,
 * and an update with nothing to set must be a BAD_REQUEST, not a failing statement.
 */
export function changesSomething(input: object): boolean {
  return Object.entries(input).some(([key, value]) => key !== 'id' && value !== undefined);
}

/** The refinement every update schema ends with. */
export const nothingToChange = { message: 'nothing to change' } as const;
