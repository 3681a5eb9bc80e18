import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // Some specs write and read real workbooks of a few hundred thousand rows.
    testTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '../../artifacts/test-results/etl.json' }]],
  },
});
