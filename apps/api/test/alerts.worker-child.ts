/**
 * A delivery worker in its own process, for the crash and stall tests: boots the real
 * application on the given database (e-mail through SMTP_URL from the environment), then runs
 * one delivery pass, at once or when a line arrives on stdin ('on-signal').
 * Usage: node --import tsx test/alerts.worker-child.ts <DATABASE_URL> <leaseMs> [on-signal]
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { createApp } from '../src/app.factory.js';
import { parseEnv } from '../src/config/env.js';
import { DeliveryPolicy } from '../src/modules/notifications/delivery.policy.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';

const [databaseUrl, leaseMs, start] = process.argv.slice(2);
const env = parseEnv({
  DATABASE_URL: databaseUrl,
  JWT_SECRET: 'child-worker-secret-child-worker-secret',
  CRON_ENABLED: 'false',
  SMTP_URL: process.env.SMTP_URL,
  // The tests' receivers listen on 127.0.0.1.
  WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
  LOG_LEVEL: (process.env.CHILD_LOG_LEVEL ?? 'silent') as 'silent',
});
const app = await createApp(env);
await app.init();
const policy = app.get(DeliveryPolicy);
policy.leaseMs = Number(leaseMs);
policy.requestTimeoutMs = 600_000;
process.stdout.write('ready\n');
if (start === 'on-signal') {
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve) => lines.once('line', resolve));
  lines.close();
}
const summary = await app.get(NotificationsService).deliverDue();
process.stdout.write(`done ${JSON.stringify(summary)}\n`);
await app.close();
