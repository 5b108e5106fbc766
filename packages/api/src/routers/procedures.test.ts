import { describe, expect, it } from 'vitest';
import { appRouter } from '../router.js';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation'; meta?: { access?: string } };
}
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).sort(([a], [b]) => a.localeCompare(b));

describe('the router’s procedures', () => {
  it('each states the access decision its builder runs before the resolver', () => {
    for (const [path, procedure] of procedures) {
      expect(procedure._def.meta?.access, path).toMatch(/\S/);
    }
  });

  it('are open without a decision on a target only where that is the point', () => {
    const open = procedures
      .filter(([, procedure]) => procedure._def.meta?.access?.startsWith('open:'))
      .map(([path]) => path);
    // Adding to this list is a security decision: say why in the guard's text.
    expect(open).toEqual([
      'access.matrix',
      'auth.me',
      'auth.signIn',
      'auth.signOut',
      'platform.get',
      'users.updateProfile',
    ]);
  });

  it('are documented for integrators with what each decides (PROCEDURES.md)', async () => {
    const rows = procedures.map(
      ([path, procedure]) =>
        `| \`${path}\` | ${procedure._def.type} | ${(procedure._def.meta?.access ?? '').replaceAll('|', '\\|')} |`,
    );
    const table = [
      '# Procedures and the access decision each makes',
      '',
      'Generated from the router (`pnpm --filter @samrad/api run procedures`); every procedure is',
      'declared with the guard that decides access before its resolver runs (packages/api/README.md).',
      '',
      '| procedure | kind | access decided |',
      '|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    await expect(table).toMatchFileSnapshot('../../../client/PROCEDURES.md');
  });
});
