import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { sql } from './support/db.js';

const MAX_FAILURES = 5;
const PER_ADDRESS = 8;

/** Account lockout and login limits hold under parallel attempts and across many accounts. */
describe('login lockout and limits', () => {
  let api: TestApp;
  /** The same with locks that last only two seconds. */
  let shortLocks: TestApp;
  let address = 0;
  /** Each call from its own client address (documentation range), as a distributed burst would come. */
  const login = (username: string, password: string, from = `198.51.100.${++address}`, app = api) =>
    app.request('/api/auth/login', { method: 'POST', body: { username, password }, headers: { 'x-forwarded-for': from } });
  const failuresOf = async (username: string, app = api) =>
    (await sql<{ failed_logins: number; locked: boolean }>(app.databaseUrl, `SELECT failed_logins, coalesce(locked_until > now(), false) AS locked FROM users WHERE username = $1`, [username]))[0]!;
  const failedAudits = async (username: string) =>
    (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id::text = a.entity_id WHERE u.username = $1 AND a.action = 'login_failed'`, [username]))[0]!.n;

  beforeAll(async () => {
    const limits = { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME: '1000', LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS: String(PER_ADDRESS) };
    api = await startTestApp(limits);
    shortLocks = await startTestApp({ ...limits, LOGIN_LOCKOUT_SECONDS: '8' });
  });
  afterAll(async () => {
    await api?.close();
    await shortLocks?.close();
  });

  it('locks after exactly N failures however many wrong passwords arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => login('industry', 'wrong-password-1')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(401));
    // Exactly N attempts had their password checked and counted; the rest met the lock.
    expect(await failuresOf('industry')).toEqual({ failed_logins: MAX_FAILURES, locked: true });
    expect(await failedAudits('industry')).toBe(MAX_FAILURES);
  });

  it('lets a lock expire, and counts afresh after it', async () => {
    const attempt = (password: string) => login('xihuo', password, undefined, shortLocks);
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt('wrong-password-1')).status).toBe(401);
    expect(await failuresOf('xihuo', shortLocks)).toEqual({ failed_logins: MAX_FAILURES, locked: true });
    expect((await attempt('planwatch2026')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 8_200));
    // One more wrong password after the lock ran out is the first of a new count, not a new lock …
    expect((await attempt('wrong-password-1')).status).toBe(401);
    expect(await failuresOf('xihuo', shortLocks)).toEqual({ failed_logins: 1, locked: false });
    // … and the right one signs in and clears it.
    expect((await attempt('planwatch2026')).status).toBe(200);
    expect(await failuresOf('xihuo', shortLocks)).toEqual({ failed_logins: 0, locked: false });
  });

  it('limits attempts per client address across accounts, in the database', async () => {
    const from = '203.0.113.9';
    for (let i = 0; i < PER_ADDRESS; i++) expect((await login(`nobody_${i}`, 'wrong-password-1', from)).status).toBe(401);
    const limited = await login('nobody_x', 'wrong-password-1', from);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('登录尝试过于频繁，请稍后再试');
    // Even the right password of a real account waits from that address; other addresses do not.
    expect((await login('energy', 'planwatch2026', from)).status).toBe(429);
    expect((await login('energy', 'planwatch2026', '203.0.113.10')).status).toBe(200);
    // Shared by every process: the count lives in PostgreSQL.
    const [row] = await sql<{ attempts: number }>(api.databaseUrl, `SELECT attempts FROM login_throttle WHERE key = $1`, [`ip:${from}`]);
    expect(row!.attempts).toBe(PER_ADDRESS + 2);
  });
});
