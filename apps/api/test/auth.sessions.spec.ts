import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

describe('sign-in, refresh and lockout', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => api.close());

  it('exchanges a refresh token once for a new pair that works', async () => {
    const login = await api.request('/api/auth/login', { method: 'POST', body: { username: 'energy', password: 'planwatch2026' } });
    expect(login.status).toBe(200);
    expect(login.body.principal).toMatchObject({ username: 'energy', role: 'reporter', departmentCode: 'energy' });
    const refreshed = await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: login.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await api.request('/api/auth/me', { token: refreshed.body.accessToken })).body.username).toBe('energy');
    // Logging out revokes the new one too, and the access tokens issued so far stop working at once.
    expect((await api.request('/api/auth/logout', { method: 'POST', token: refreshed.body.accessToken })).status).toBe(204);
    expect((await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: refreshed.body.refreshToken } })).status).toBe(401);
    expect((await api.request('/api/auth/me', { token: refreshed.body.accessToken })).status).toBe(401);
    expect((await api.request('/api/auth/me', { token: login.body.accessToken })).status).toBe(401);
    // Signing in again, even within the same second, works.
    const again = await api.request('/api/auth/login', { method: 'POST', body: { username: 'energy', password: 'planwatch2026' } });
    expect((await api.request('/api/auth/me', { token: again.body.accessToken })).body.username).toBe('energy');
  });

  it('a spent refresh token replayed ends every session of its user (a stolen token is worth nothing)', async () => {
    const login = await api.request('/api/auth/login', { method: 'POST', body: { username: 'industry', password: 'planwatch2026' } });
    const first = await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: login.body.refreshToken } });
    expect(first.status).toBe(200);
    // The old token again: refused, and the chain that grew from it is cut.
    expect((await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: login.body.refreshToken } })).status).toBe(401);
    expect((await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: first.body.refreshToken } })).status).toBe(401);
    // Another session of someone else is untouched; the user can sign in again.
    const other = await api.request('/api/auth/login', { method: 'POST', body: { username: 'stats', password: 'planwatch2026' } });
    expect((await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: other.body.refreshToken } })).status).toBe(200);
    const again = await api.request('/api/auth/login', { method: 'POST', body: { username: 'industry', password: 'planwatch2026' } });
    expect((await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: again.body.refreshToken } })).status).toBe(200);
    const admin = await api.login('admin');
    const audit = await api.request(`/api/audit?entity=user&entityId=${login.body.principal.userId}`, { token: admin });
    expect(audit.body.map((a: { action: string }) => a.action)).toContain('refresh_token_reused');
  });

  it('locks an account after repeated failures, even for the right password, without telling it exists', async () => {
    const login = (username: string, password: string) => api.request('/api/auth/login', { method: 'POST', body: { username, password } });
    const answer = ({ status, body }: { status: number; body: unknown }) => ({ status, body });
    // LOGIN_MAX_FAILURES is 3 here.
    for (let i = 0; i < 3; i += 1) {
      expect((await login('xihuo', 'wrong-password-1')).status).toBe(401);
      expect((await login('no_such_user', 'wrong-password-1')).status).toBe(401);
    }
    const unknown = answer(await login('no_such_user', 'wrong-password-1'));
    expect(unknown).toEqual({ status: 401, body: expect.objectContaining({ message: '用户名或密码错误' }) });
    expect(answer(await login('xihuo', 'wrong-password-1'))).toEqual(unknown);
    // Still locked: the right password is refused, and answered the same way.
    expect(answer(await login('xihuo', 'planwatch2026'))).toEqual(unknown);
    expect(answer(await login('no_such_user', 'planwatch2026'))).toEqual(unknown);
  });

  it('rejects a tampered token and an unknown user the same way', async () => {
    expect((await api.request('/api/auth/me', { token: 'not.a.token' })).status).toBe(401);
    const unknown = await api.request('/api/auth/login', { method: 'POST', body: { username: 'nobody', password: 'planwatch2026' } });
    const wrong = await api.request('/api/auth/login', { method: 'POST', body: { username: 'energy', password: 'nope-nope-1' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });
});
