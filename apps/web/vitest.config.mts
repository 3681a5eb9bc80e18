import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests for the pure parts of the web app: chart options (ui/charts/*.option.spec.ts),
// server-rendered markup (renderToStaticMarkup)
// and helpers (test/*.spec.ts). No DOM, no network.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  // Next compiles JSX itself (tsconfig: preserve); render tests need it compiled here.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['ui/**/*.spec.ts', 'lib/**/*.spec.ts', 'test/**/*.spec.ts'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: '../../artifacts/test-results/web.json' }]],
  },
});
