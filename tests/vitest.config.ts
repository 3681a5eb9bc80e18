import { defineConfig } from 'vitest/config';

// Three suites: cross-package integration tests (npm test), browser end-to-end tests (npm run test:e2e)
// and the production install on Debian's PostgreSQL and nginx (npm run test:prod); each script names
// its own JSON report for the CI summary.
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
      {
        test: {
          name: 'prod',
          include: ['prod/**/*.spec.ts'],
          globalSetup: ['prod/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
