import { defineConfig } from 'vitest/config';

// Browser tests start the built server (PGlite needs seconds on a new directory) and Chromium.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
