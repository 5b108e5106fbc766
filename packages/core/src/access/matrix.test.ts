import { describe, expect, it } from 'vitest';
import { actions } from './actions.js';
import { permissionMatrix, permissionMatrixMarkdown } from './matrix.js';

describe('the permission table (SPEC 7)', () => {
  // `pnpm --filter @samrad/core run permissions` rewrites the file; under CI a difference fails.
  it('is the file in the repository, so documentation cannot drift from the policy', async () => {
    await expect(permissionMatrixMarkdown()).toMatchFileSnapshot('../../PERMISSIONS.md');
  });

  it('has a row for every action of the registry', () => {
    const rows = permissionMatrix().rows.map((row) => row.action.split(' ')[0]);
    expect(new Set(rows)).toEqual(new Set(actions));
  });

  it('gives a visitor nothing but reading', () => {
    const allowed = permissionMatrix()
      .rows.filter((row) => row.cells.visitor !== 'no')
      .map((row) => row.action);
    expect(allowed).toEqual([
      'folder.read',
      'folder.readPath',
      'project.read',
      'project.list',
      'project.readContent',
      // The inputs of a public project are its content (SPEC 3.5).
      'input.read',
    ]);
  });
});
