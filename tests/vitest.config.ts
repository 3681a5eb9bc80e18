import { defineConfig } from 'vitest/config';

// Two suites: cross-package integration tests (npm test) and browser end-to-end tests (npm run test:e2e);
// each script names its own JSON report for the CI summary.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'integration',
          include: ['integration/**/*.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
