/**
 * The settings a change really changes, before and after, for its audit entry (SPEC 7): those
 * given with their current value are left out. Texts compare whatever the order of their languages.
 */
export function changedFields<T extends object>(
  current: T,
  next: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const value = next[key];
    if (value === undefined || canonical(value) === canonical(current[key])) continue;
    before[key] = current[key];
    after[key] = value;
  }
  return { before, after };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
