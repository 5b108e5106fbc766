import { defineConfig } from 'vitest/config';

// Browser tests start the built server (PGlite needs seconds on a new directory) and Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: false,
  },
});
