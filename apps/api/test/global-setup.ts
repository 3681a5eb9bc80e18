import type { TestProject } from 'vitest/node';
import { startTestPostgres, type TestDatabaseContext } from '../../../scripts/lib/test-postgres.js';
import { prepareDatabase } from '../src/cli/setup.js';
import { TEST_AS_OF, TEST_NOW } from './support/constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    database: TestDatabaseContext;
  }
}

export default async function setup(project: TestProject) {
  const { context, teardown } = await startTestPostgres(async (url) => {
    await prepareDatabase(url, { sampleAsOf: TEST_AS_OF, demoUsers: true, now: TEST_NOW, log: () => undefined });
  });
  project.provide('database', context);
  return teardown;
}
