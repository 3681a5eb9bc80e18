import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { inject } from 'vitest';
import { freshDatabase } from '../../../../scripts/lib/test-postgres.js';
import { createApp } from '../../src/app.factory.js';
import { DEMO_PASSWORD } from '../../src/modules/auth/demo-accounts.js';
import { parseEnv } from '../../src/config/env.js';
import { FixedClock } from '../../src/common/clock.js';
import { TEST_NOW } from './constants.js';
import { jsonRequester, type JsonRequest } from './http.js';

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  databaseUrl: string;
  close(): Promise<void>;
  /** fetch against the app; JSON bodies are sent and parsed for you. */
  request: JsonRequest;
  login(username: string, password?: string): Promise<string>;
}

/** Starts the real application on a fresh copy of the seeded template database. */
export async function startTestApp(overrides: Record<string, string> = {}, options: { now?: Date; databaseUrl?: string } = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await freshDatabase(inject('database')));
  const env = parseEnv({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    CRON_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    // The tests' receivers listen on 127.0.0.1, which webhooks may not reach otherwise.
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
    ...overrides,
  });
  const app = await createApp(env, { clock: new FixedClock(options.now ?? TEST_NOW) });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const request = jsonRequester(baseUrl);
  return {
    app,
    baseUrl,
    databaseUrl,
    request,
    close: () => app.close(),
    login: async (username, password = DEMO_PASSWORD) => {
      const response = await request('/api/auth/login', { method: 'POST', body: { username, password } });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
  };
}
