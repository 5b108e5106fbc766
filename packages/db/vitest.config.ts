import { defineConfig } from 'vitest/config';

// Each test file opens its own databases (PGlite from a migrated template, PostgreSQL by
// creating one); both take seconds, hence the generous hook timeout.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
