/**
 * The API in its own process, so a test can read its memory (/proc/<pid>/status): boots the
 * real application on the given database at the tests' fixed time and prints its port.
 * Usage: node --import tsx test/upload-api-child.ts <DATABASE_URL>; UPLOAD_* settings from the environment.
 */
import 'reflect-metadata';
import { createApp } from '../src/app.factory.js';
import { FixedClock } from '../src/common/clock.js';
import { parseEnv } from '../src/config/env.js';
import { TEST_NOW } from './support/constants.js';

const [databaseUrl] = process.argv.slice(2);
const env = parseEnv({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('UPLOAD_'))),
  DATABASE_URL: databaseUrl,
  JWT_SECRET: 'upload-child-secret-upload-child-secret',
  CRON_ENABLED: 'false',
  LOG_LEVEL: 'silent',
});
const app = await createApp(env, { clock: new FixedClock(TEST_NOW) });
await app.listen(0, '127.0.0.1');
process.stdout.write(`listening ${(app.getHttpServer().address() as { port: number }).port}\n`);
