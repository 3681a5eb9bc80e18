import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { sql } from './support/db.js';

/** The key startTestApp signs with. */
const SECRET = 'test-secret-test-secret-test-secret-0123';

/** The parts of a PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash`, parameters in any order. */
function argon2Parts(hash: string) {
  const [, algorithm, version, params, salt, digest] = hash.split('$');
  return {
    algorithm,
    version,
    params: Object.fromEntries((params ?? '').split(',').map((p) => p.split('=') as [string, string])),
    saltBytes: Buffer.from(salt ?? '', 'base64').length,
    hashBytes: Buffer.from(digest ?? '', 'base64').length,
  };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A token signed with the API's own key, in the algorithm given. */
function signedWith(alg: 'HS256' | 'HS384' | 'HS512', claims: Record<string, unknown>): string {
  const head = `${base64url(JSON.stringify({ alg, typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  return `${head}.${createHmac(hash, SECRET).update(head).digest('base64url')}`;
}

describe('access tokens and password hashes', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api?.close());
  afterEach(() => vi.useRealTimers());

  it('accepts HS256 tokens only, even ones signed with its own key in another algorithm', async () => {
    const token = await api.login('energy');
    expect(claimsOf(token)).toMatchObject({ role: 'reporter' });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'))).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = claimsOf(token);
    expect((await api.request('/api/auth/me', { token: signedWith('HS256', claims) })).status).toBe(200);
    for (const alg of ['HS384', 'HS512'] as const) expect((await api.request('/api/auth/me', { token: signedWith(alg, claims) })).status, alg).toBe(401);
    const unsigned = `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
    expect((await api.request('/api/auth/me', { token: unsigned })).status).toBe(401);
  });

  it('lets an access token live 15 minutes, not a second more', async () => {
    const token = await api.login('stats');
    const claims = claimsOf(token) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(15 * 60);
    vi.useFakeTimers({ toFake: ['Date'], now: claims.iat * 1000 + (15 * 60 - 5) * 1000 });
    expect((await api.request('/api/auth/me', { token })).status).toBe(200);
    vi.setSystemTime(claims.iat * 1000 + (15 * 60 + 1) * 1000);
    const expired = await api.request('/api/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('登录已过期或令牌无效，请重新登录');
  });

  it('stores every password as argon2id with 64 MiB, 3 passes and 4 lanes, each with its own salt', async () => {
    const admin = await api.login('admin');
    const hashOf = async (username: string) => (await sql<{ h: string }>(api.databaseUrl, `SELECT password_hash AS h FROM users WHERE username = $1`, [username]))[0]!.h;
    for (const username of ['hash_probe', 'hash_twin']) {
      expect((await api.request('/api/users', { method: 'POST', token: admin, body: { username, displayName: '哈希', password: 'Probe2026pass', role: 'viewer' } })).status).toBe(201);
    }
    // The same password for two users: two salts, two hashes.
    expect(await hashOf('hash_probe')).not.toBe(await hashOf('hash_twin'));
    const probe = await api.login('hash_probe', 'Probe2026pass');
    expect((await api.request('/api/auth/password', { method: 'POST', token: probe, body: { currentPassword: 'Probe2026pass', newPassword: 'Probe2027pass' } })).status).toBe(204);
    // Created, changed or seeded: all alike.
    const rows = await sql<{ username: string; password_hash: string }>(api.databaseUrl, `SELECT username, password_hash FROM users ORDER BY username`);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(argon2Parts(row.password_hash), row.username).toEqual({ algorithm: 'argon2id', version: 'v=19', params: { m: '65536', t: '3', p: '4' }, saltBytes: 16, hashBytes: 32 });
    }
  });
});
