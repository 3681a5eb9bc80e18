import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';
import { sql } from './support/db.js';
import { startRobotServer, type RobotServer } from './support/robot-server.js';
import { until } from './support/wait.js';

/**
 * The first "done when": 150 and more alerts to one DingTalk robot, with two compiled
 * API processes sending (each its own scheduler, on the real clock), against a local robot that
 * takes 20 messages per window and then answers 130101 and blocks. The window and the block
 * are shortened by configuration (10 s each; DingTalk's are a minute and ten minutes). The
 * alerts arrive as a handful of digests (and, for the rules that say so, red alerts singly),
 * none is lost, no attempt is spent inside the block, and the robot never sees more than 20 in
 * a window.
 */
describe('150 alerts to one robot, two API processes', () => {
  const WINDOW_MS = 10_000;
  let databaseUrl: string;
  let robot: RobotServer;
  let processes: ApiProcess[] = [];
  let admin: string;
  const copies = ['gap_a', 'gap_b', 'shortfall_a', 'late_a', 'late_b', 'anomaly_a', 'anomaly_b', 'stalled_a'];

  beforeAll(async () => {
    databaseUrl = await freshDatabase(inject('database'));
    robot = await startRobotServer({ limit: 20, windowMs: WINDOW_MS, blockMs: 10_000 });
    const env = {
      DATABASE_URL: databaseUrl,
      CRON_ENABLED: 'true',
      DINGTALK_WEBHOOK_BASE: `${robot.url}/`,
      PUBLIC_WEB_URL: 'https://planwatch.test',
      ROBOT_RATE_LIMIT: '20',
      ROBOT_RATE_WINDOW_SECONDS: '10',
      DINGTALK_BLOCK_SECONDS: '10',
    };
    processes = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    admin = await processes[0]!.login('admin');
    // The start-up evaluation of the shipped rules (told to the inbox only) is over before the robot's channel exists.
    await until('the start-up evaluation', async () => (await sql(databaseUrl, `SELECT 1 FROM job_runs WHERE job LIKE 'alerts.evaluate:%' AND status = 'succeeded'`)).length >= 5, 60_000);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await robot?.close();
  });

  it('arrive as a handful of digests and singles, none lost, never over the rate, no retry spent in the block', async () => {
    const [a, b] = processes as [ApiProcess, ApiProcess];
    // 工信局's reporter gets a mobile: the messages about its alerts @-mention it.
    const industry = (await a.request('/api/users', { token: admin })).body.find((u: any) => u.username === 'industry');
    expect((await a.request(`/api/users/${industry.id}`, { method: 'PATCH', token: admin, body: { mobile: '13800000002' } })).status).toBe(204);

    const channel = {
      code: 'leaders_ding',
      kind: 'dingtalk',
      config: { url: `${robot.url}/dingtalk/send?access_token=leaders`, secret: 'SECleaders', leaders: true, grouping: { waitSeconds: 5, intervalSeconds: 10 } },
    };
    expect((await a.request('/api/alerts/channels', { method: 'POST', token: admin, body: channel })).status).toBe(201);

    // Copies of the shipped rules, so that this evaluation fires 150 and more alerts; two of
    // them send their red alerts singly.
    const { body: shipped } = await a.request('/api/alerts/rules', { token: admin });
    const source = (type: string) => shipped.find((r: any) => r.type === type);
    const types: Record<string, string> = {
      gap_a: 'target_gap',
      gap_b: 'target_gap',
      shortfall_a: 'projected_shortfall',
      late_a: 'late_submission',
      late_b: 'late_submission',
      anomaly_a: 'anomaly',
      anomaly_b: 'anomaly',
      stalled_a: 'stalled_project',
    };
    for (const code of copies) {
      const rule = source(types[code]!);
      const params = { ...rule.params, ...(code === 'gap_a' || code === 'shortfall_a' ? { notifyRedSingly: true } : {}) };
      const created = await b.request('/api/alerts/rules', { method: 'POST', token: admin, body: { code, type: rule.type, name: `${rule.name}（${code}）`, schedule: '0 8 1 1 *', params, severity: rule.severity, scope: rule.scope } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }

    // Another system has just used up the robot's window: our first send meets 130101.
    robot.occupy(20);
    const started = Date.now();
    const evaluation = await a.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: copies } });
    expect(evaluation.status).toBe(200);
    const fired = evaluation.body.rules.reduce((n: number, r: any) => n + r.fired, 0);
    expect(fired).toBeGreaterThanOrEqual(150);

    const rows = () =>
      sql<{ id: string; event: string; status: string; attempts: number; digest_id: string | null; alert_id: string | null; payload: any; idempotency_key: string; severity: string | null }>(
        databaseUrl,
        `SELECT n.id::text, n.event, n.status, n.attempts, n.digest_id::text, n.alert_id::text, n.payload, n.idempotency_key, a.severity
           FROM notifications n LEFT JOIN alerts a ON a.id = n.alert_id WHERE n.channel_code = 'leaders_ding'`,
      );
    await until(
      'every notification to the robot delivered',
      async () => {
        const now = await rows();
        return now.length > fired && now.every((r) => r.status === 'sent');
      },
      150_000,
    );
    const finished = Date.now();

    const all = await rows();
    const alertRows = all.filter((r) => r.alert_id !== null);
    const digests = all.filter((r) => r.event === 'digest');
    const singles = alertRows.filter((r) => r.digest_id === null);
    // One notification per alert, none lost: each went out singly or inside a delivered digest.
    expect(alertRows).toHaveLength(fired);
    expect(new Set(alertRows.map((r) => r.alert_id)).size).toBe(fired);
    expect(singles.every((r) => r.severity === 'red')).toBe(true);
    expect(singles.length).toBeGreaterThan(10);
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(digests.length).toBeLessThanOrEqual(6);
    expect(digests.reduce((n, d) => n + d.payload.total, 0) + singles.length).toBe(fired);
    const delivered = robot.delivered();
    const deliveredKeys = delivered.map((r) => r.headers['idempotency-key']);
    for (const row of [...digests, ...singles]) expect(deliveredKeys.filter((k) => k === row.idempotency_key), row.idempotency_key).toHaveLength(1);
    // The leaders' group also hears of overdue 督办 (the sample has some), through the same limit.
    const supervision = all.filter((r) => r.alert_id === null && r.event !== 'digest');
    expect(delivered).toHaveLength(digests.length + singles.length + supervision.length);

    // The vendor's "too fast" cost no attempt: every message went on its first counted one.
    const refused = robot.requests.filter((r) => r.errcode === 130101);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect([...digests, ...singles, ...supervision].every((r) => r.attempts === 1)).toBe(true);
    // All refusals came in the first moments (before the channel paused), none after the block.
    expect(Math.max(...refused.map((r) => r.at)) - Math.min(...refused.map((r) => r.at))).toBeLessThan(3_000);
    expect(robot.requests.filter((r) => r.at > refused[0]!.at + 10_000).every((r) => r.errcode === 0)).toBe(true);
    // Never over the rate, across both processes.
    expect(robot.maxInWindow(WINDOW_MS)).toBeLessThanOrEqual(20);
    // Both processes sent.
    const senders = await sql<{ claimed_by: string }>(databaseUrl, `SELECT DISTINCT split_part(claimed_by, ':', 2) AS claimed_by FROM notifications WHERE channel_code = 'leaders_ding' AND claimed_by IS NOT NULL`);
    expect(senders.length).toBe(2);
    console.log(`digests two processes: alerts=${fired} messages=${delivered.length} (digests ${digests.length}, red singles ${singles.length}, 督办 ${supervision.length}) refused=${refused.length} max_per_window=${robot.maxInWindow(WINDOW_MS)} last_delivered_s=${Math.round((finished - started) / 1000)}`);

    // What reached the group: DingTalk markdown with @-mentions in at.atMobiles and the text, absolute links, the digest's number.
    const digestMessage = delivered.find((r) => r.json.markdown.title.startsWith('【预警摘要 #'))!;
    expect(digestMessage.json.markdown.text).toMatch(/摘要编号：#\d+/);
    expect(digestMessage.json.markdown.text).toContain('[查看预警列表](https://planwatch.test/alerts)');
    expect(digestMessage.json.markdown.text).toMatch(/责任单位：/);
    // A red alert sent singly (the overdue 督办 above mention the same person, through the same mechanism).
    const industrySingle = delivered.find((r) => r.json.markdown.title.startsWith('【红色预警】') && r.json.at?.atMobiles?.includes('13800000002'))!;
    expect(industrySingle.json.at).toEqual({ atMobiles: ['13800000002'], isAtAll: false });
    expect(industrySingle.json.markdown.text).toContain('@13800000002');
    expect(industrySingle.json.markdown.text).toMatch(/\[查看预警详情\]\(https:\/\/planwatch\.test\/alerts\/\d+\)/);
    // 加签 on every request.
    expect(delivered.every((r) => /[?&]timestamp=\d+&sign=/.test(r.url))).toBe(true);
  }, 240_000);
});
