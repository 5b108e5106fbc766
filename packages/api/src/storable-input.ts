/**
 * PostgreSQL stores no NUL character in text and no unpaired UTF-16 surrogate in UTF-8: such a
 * string would fail deep in a write as a 500. Every input is checked before any schema, so no
 * procedure can forget it. Inputs nested deeper than any procedure takes are refused as well.
 */
const maxDepth = 32;

/** The path of the first unstorable string or key, with why; null when the input is fine. */
export function unstorableText(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string')
    return storable(value) ? null : at(path, 'contains a NUL character or an unpaired surrogate');
  if (typeof value !== 'object' || value === null) return null;
  if (path.length >= maxDepth) return at(path, 'nested too deeply');
  for (const [key, item] of Object.entries(value)) {
    if (!storable(key)) return at(path, 'has a key with a NUL character or an unpaired surrogate');
    const problem = unstorableText(item, [...path, key]);
    if (problem) return problem;
  }
  return null;
}

function storable(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

function at(path: string[], why: string): string {
  return `${path.length ? path.join('.') : 'input'}: ${why}`;
}
