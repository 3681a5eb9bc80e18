/**
 * bench:alerts — 150 and more alerts to one DingTalk robot, as after a first evaluation of the
 * sample (the shipped rules and copies of them), with two compiled API processes sending, the
 * plan file's digest settings (group_wait 30 s, group_interval 5 min) and the vendors' real
 * limits (20 a minute per robot, 10 minutes' block after 130101), against a local robot on
 * 127.0.0.1 that enforces the same. Measures how many messages reached the group, the most in
 * any minute, when the last arrived after the evaluation began, and how many alerts no delivered
 * message stood for. Same run, for comparison: what one message per alert would have needed at
 * 20 a minute.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startApiProcess, type ApiProcess } from '../../apps/api/test/support/api-process.js';
import { startRobotServer } from '../../apps/api/test/support/robot-server.js';
import { createDatabase, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.js';

const log = (line: string) => process.stdout.write(`[bench:alerts] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Copies of the shipped rules (the same conditions under other codes), evaluated one after the other until 150 alerts have fired. */
const COPIES: Record<string, string> = {
  gap_a: 'target_gap',
  gap_b: 'target_gap',
  shortfall_a: 'projected_shortfall',
  late_a: 'late_submission',
  anomaly_a: 'anomaly',
  stalled_a: 'stalled_project',
  shortfall_b: 'projected_shortfall',
  late_b: 'late_submission',
  anomaly_b: 'anomaly',
  stalled_b: 'stalled_project',
  gap_c: 'target_gap',
};
const ALERTS = 150;

const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `planwatch-bench-alerts-${process.pid}`), persistent: false, fast: true });
const robot = await startRobotServer({ limit: 20, windowMs: 60_000, blockMs: 600_000 });
const processes: ApiProcess[] = [];
let db: pg.Client | undefined;
try {
  await createDatabase(server.adminUrl, 'bench');
  const url = server.urlFor('bench');
  const { prepareDatabase } = await import('../../apps/api/dist/cli/setup.js');
  await prepareDatabase(url, { log: () => undefined });
  db = new pg.Client({ connectionString: url });
  await db.connect();
  const client = db;
  const count = async (text: string, params: unknown[] = []) => Number((await client.query(text, params)).rows[0].n);

  const env = { DATABASE_URL: url, CRON_ENABLED: 'true', DINGTALK_WEBHOOK_BASE: `${robot.url}/`, PUBLIC_WEB_URL: 'https://planwatch.bench', LOG_LEVEL: 'error' };
  processes.push(...(await Promise.all([startApiProcess(env), startApiProcess(env)])));
  const [a, b] = processes as [ApiProcess, ApiProcess];
  const admin = await a.login('admin');
  // The start-up evaluation of the shipped rules tells only the inbox: no robot yet.
  while ((await count(`SELECT count(*) AS n FROM job_runs WHERE job LIKE 'alerts.evaluate:%' AND status = 'succeeded'`)) < 5) await sleep(500);

  const channel = { code: 'leaders_ding', kind: 'dingtalk', config: { url: `${robot.url}/dingtalk/send?access_token=leaders`, secret: 'SECbench' } };
  if ((await a.request('/api/alerts/channels', { method: 'POST', token: admin, body: channel })).status !== 201) throw new Error('could not create the robot channel');
  const { body: shipped } = await a.request('/api/alerts/rules', { token: admin });
  for (const [code, type] of Object.entries(COPIES)) {
    const rule = (shipped as Array<Record<string, unknown>>).find((r) => r.type === type)!;
    const created = await b.request('/api/alerts/rules', {
      method: 'POST',
      token: admin,
      body: { code, type, name: `${String(rule.name)}（${code}）`, schedule: '0 8 1 1 *', params: rule.params, severity: rule.severity, scope: rule.scope },
    });
    if (created.status !== 201) throw new Error(`rule ${code}: ${created.status} ${JSON.stringify(created.body)}`);
  }

  const started = Date.now();
  let alerts = 0;
  for (const code of Object.keys(COPIES)) {
    if (alerts >= ALERTS) break;
    const evaluation = await a.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [code] } });
    alerts += (evaluation.body.rules as Array<{ fired: number }>)[0]!.fired;
  }
  log(`evaluation: ${alerts} alerts in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const open = `SELECT count(*) AS n FROM notifications WHERE channel_code = 'leaders_ding' AND status <> 'sent'`;
  const deadline = Date.now() + 15 * 60_000;
  while ((await count(open)) > 0 || (await count(`SELECT count(*) AS n FROM notifications WHERE channel_code = 'leaders_ding'`)) < alerts) {
    if (Date.now() > deadline) throw new Error(`not delivered after 15 minutes: ${await count(open)} open`);
    await sleep(1_000);
  }
  const delivered = robot.delivered();
  const lastDeliveredS = Math.round((Math.max(...delivered.map((m) => m.at)) - started) / 1000);
  // What the delivered messages stand for: each digest its total, each single its alert.
  const keys = new Set(delivered.map((m) => String(m.headers['idempotency-key'])));
  const rows = (await client.query(`SELECT n.idempotency_key AS key, n.event, n.payload, d.idempotency_key AS digest FROM notifications n LEFT JOIN notifications d ON d.id = n.digest_id WHERE n.channel_code = 'leaders_ding' AND n.alert_id IS NOT NULL`)).rows as Array<{ key: string; digest: string | null }>;
  const lost = rows.filter((r) => !keys.has(r.digest ?? r.key)).length + Math.max(0, alerts - rows.length);
  const digests = delivered.filter((m) => String(m.json?.markdown?.title ?? '').startsWith('【预警摘要')).length;

  log(`robot: ${delivered.length} messages (${digests} digests), ${robot.requests.filter((r) => r.errcode !== 0).length} refused; first after ${Math.round((Math.min(...delivered.map((m) => m.at)) - started) / 1000)} s`);
  log(`without digests: ${alerts} messages, at 20 a minute the last no sooner than ${Math.ceil(alerts / 20 - 1) * 60} s`);
  process.stdout.write(`bench alerts: alerts=${alerts} messages=${delivered.length} max_per_min=${robot.maxInWindow(60_000)} last_delivered_s=${lastDeliveredS} lost=${lost}\n`);
} finally {
  await db?.end();
  await Promise.all(processes.map((p) => p.stop()));
  await robot.close();
  await server.stop();
}
