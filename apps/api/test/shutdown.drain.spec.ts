import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { startSmtpReceiver, type SmtpReceiver } from './alerts.support.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';
import { sql } from './support/db.js';
import { until } from './support/wait.js';

/**
 * SIGTERM (a deployment, a restart) while an ETL job is loading and an e-mail is being sent:
 * the process stops taking new work, lets both finish and records them, then exits.
 */
describe('shutdown', () => {
  let databaseUrl: string;
  let smtp: SmtpReceiver;
  let api: ApiProcess;
  let inbox: string;
  /** The coal reporting system: answers only when released. */
  const coal = { requests: 0, waiting: [] as ServerResponse[], server: createServer() };

  beforeAll(async () => {
    databaseUrl = await freshDatabase(inject('database'));
    smtp = await startSmtpReceiver();
    inbox = mkdtempSync(path.join(tmpdir(), 'planwatch-shutdown-inbox-'));
    coal.server.on('request', (_request, response: ServerResponse) => {
      coal.requests += 1;
      coal.waiting.push(response);
    });
    await new Promise<void>((resolve) => coal.server.listen(0, '127.0.0.1', resolve));
    api = await startApiProcess({
      DATABASE_URL: databaseUrl,
      CRON_ENABLED: 'false',
      SMTP_URL: smtp.url,
      COAL_API_URL: `http://127.0.0.1:${(coal.server.address() as AddressInfo).port}/api/coal/production`,
      INBOX_DIR: inbox,
      SHUTDOWN_GRACE_SECONDS: '60',
    });
  });
  afterAll(async () => {
    // Ended by the test; killed here only if the test failed before that.
    api?.child.kill('SIGKILL');
    await smtp?.stop();
    coal.server.closeAllConnections();
    await new Promise<void>((resolve) => coal.server.close(() => resolve()));
    rmSync(inbox, { recursive: true, force: true });
  });

  it('finishes the load and the send under way before it exits, and takes no new work meanwhile', async () => {
    const admin = await api.login('admin');
    // An alert told to one e-mail channel: behind its target on the sample data.
    expect((await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'leaders_mail', kind: 'email', config: { to: ['leaders@shangdang.test'], grouping: false } } })).status).toBe(201);
    const rule = { code: 'drain_gap', type: 'target_gap', name: '停机测试', schedule: '0 8 * * *', scope: { indicators: ['intelligent_mines'], regions: ['140404'] } };
    expect((await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: rule })).status).toBe(201);
    expect((await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [rule.code] } })).body.rules[0]).toMatchObject({ fired: 1 });

    // The coal system does not answer; the mail server takes the message and does not answer
    // (each well within the client's own timeouts, 30 s).
    const load = api.request('/api/etl/jobs/coal-reporting-system/run', { method: 'POST', token: admin });
    await until('the ETL job to ask the coal system', () => coal.requests === 1);
    const release = smtp.hold();
    const delivery = api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    await until('the SMTP server to receive the message', () => smtp.messages.length === 1);

    api.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(api.child.exitCode, api.output()).toBeNull();
    // Draining: new work is refused, clearly.
    const refused = await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.body.message).toMatch(/服务正在停止/);

    release();
    for (const response of coal.waiting.splice(0)) {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          items: [{ indicator: 'coal_output', townCode: '140404201', month: '2026-10', basis: '当月', value: 77.7, unit: '万吨', updatedAt: '2026-11-05T08:00:00Z' }],
          nextPage: null,
        }),
      );
    }
    const [sent, loaded] = await Promise.all([delivery, load]);
    expect(sent).toMatchObject({ status: 200, body: { claimed: 1, sent: 1 } });
    expect(loaded).toMatchObject({ status: 200, body: { status: 'succeeded', rowsLoaded: 1 } });
    expect(await api.exited).toBe('SIGTERM');

    expect(await sql(databaseUrl, `SELECT status FROM notifications WHERE channel_code = 'leaders_mail'`)).toEqual([{ status: 'sent' }]);
    expect(await sql(databaseUrl, `SELECT status FROM etl_runs WHERE job = 'coal-reporting-system'`)).toEqual([{ status: 'succeeded' }]);
    expect(await sql(databaseUrl, `SELECT value::text FROM observations WHERE indicator_code = 'coal_output' AND region_code = '140404201' AND period = '2026-10' AND basis = 'month' AND status = 'approved'`)).toEqual([
      { value: '77.7' },
    ]);
    expect(smtp.messages).toHaveLength(1);
  });
});
