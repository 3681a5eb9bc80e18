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
    // The old refresh token was used up.
    const reused = await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: login.body.refreshToken } });
    expect(reused.status).toBe(401);
    // Logging out revokes the new one too.
    expect((await api.request('/api/auth/logout', { method: 'POST', token: refreshed.body.accessToken })).status).toBe(204);
    expect((await api.request('/api/auth/refresh', { method: 'POST', body: { refreshToken: refreshed.body.refreshToken } })).status).toBe(401);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await api.request('/api/auth/login', { method: 'POST', body: { username: 'xihuo', password: 'wrong-password-1' } })).status).toBe(401);
    }
    const locked = await api.request('/api/auth/login', { method: 'POST', body: { username: 'xihuo', password: 'planwatch2026' } });
    expect(locked.status).toBe(401);
    expect(locked.body.message).toContain('锁定');
  });

  it('rejects a tampered token and an unknown user the same way', async () => {
    expect((await api.request('/api/auth/me', { token: 'not.a.token' })).status).toBe(401);
    const unknown = await api.request('/api/auth/login', { method: 'POST', body: { username: 'nobody', password: 'planwatch2026' } });
    const wrong = await api.request('/api/auth/login', { method: 'POST', body: { username: 'energy', password: 'nope-nope-1' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });
});
