import type { TestProject } from 'vitest/node';
import { startSystem } from '../support/system.js';

declare module 'vitest' {
  export interface ProvidedContext {
    system: { databaseUrl: string; apiUrl: string; webUrl: string; robotUrl: string };
  }
}

export default async function setup(project: TestProject) {
  const system = await startSystem();
  project.provide('system', { databaseUrl: system.databaseUrl, apiUrl: system.apiUrl, webUrl: system.webUrl, robotUrl: system.robotUrl });
  return () => system.stop();
}
