// Regenerates PERMISSIONS.md from the built policy (run after `pnpm build`).
import { writeFileSync } from 'node:fs';
import { permissionMatrixMarkdown } from '../dist/index.js';

writeFileSync(new URL('../PERMISSIONS.md', import.meta.url), permissionMatrixMarkdown());
