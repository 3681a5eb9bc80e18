/**
 * A delivery worker in its own process, for the crash test: boots the real application on the
 * given database, then runs one delivery pass. The test kills it with SIGKILL mid-send.
 * Usage: node --import tsx test/alerts.worker-child.ts <DATABASE_URL> <leaseMs>
 */
import 'reflect-metadata';
import { createApp } from '../src/app.factory.js';
import { parseEnv } from '../src/config/env.js';
import { DeliveryPolicy } from '../src/modules/notifications/delivery.policy.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';

const [databaseUrl, leaseMs] = process.argv.slice(2);
const env = parseEnv({ DATABASE_URL: databaseUrl, JWT_SECRET: 'child-worker-secret-child-worker-secret', CRON_ENABLED: 'false', LOG_LEVEL: (process.env.CHILD_LOG_LEVEL ?? 'silent') as 'silent' });
const app = await createApp(env);
await app.init();
const policy = app.get(DeliveryPolicy);
policy.leaseMs = Number(leaseMs);
policy.requestTimeoutMs = 600_000;
process.stdout.write('ready\n');
const summary = await app.get(NotificationsService).deliverDue();
process.stdout.write(`done ${JSON.stringify(summary)}\n`);
await app.close();
