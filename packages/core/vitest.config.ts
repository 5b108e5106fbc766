import { defineConfig } from 'vitest/config';

// Property tests over random cities take seconds, more on a loaded CI machine.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 } });
