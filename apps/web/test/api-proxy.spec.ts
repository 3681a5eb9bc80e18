import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSameSiteRequest, proxyToApi, requestHeadersFor, responseHeadersFrom, upstreamUrl } from '../lib/api-proxy';

describe('the /api proxy', () => {
  it('targets the API path segment by segment, keeping the query', () => {
    expect(upstreamUrl('http://api:3001', ['reporting', 'template'], '?period=2026-10')).toBe('http://api:3001/api/reporting/template?period=2026-10');
    expect(upstreamUrl('http://api:3001', ['projects', 'a/b'], '')).toBe('http://api:3001/api/projects/a%2Fb');
    expect(upstreamUrl('http://api:3001', ['..', 'health'], '')).toBe('http://api:3001/api/health');
  });

  it('forwards authorization and content headers, never cookies, and asks for unencoded bytes', () => {
    const incoming = new Headers({
      authorization: 'Bearer own',
      'content-type': 'multipart/form-data; boundary=x',
      cookie: 'pw_at=secret',
      host: 'web:3000',
      'accept-encoding': 'gzip',
      'x-request-id': 'r1',
    });
    const out = requestHeadersFor(incoming, null);
    expect(out.get('authorization')).toBe('Bearer own');
    expect(out.get('content-type')).toBe('multipart/form-data; boundary=x');
    expect(out.get('x-request-id')).toBe('r1');
    expect(out.has('cookie')).toBe(false);
    expect(out.has('host')).toBe(false);
    expect(out.get('accept-encoding')).toBe('identity');
    expect(requestHeadersFor(new Headers(), 'from-cookie').get('authorization')).toBe('Bearer from-cookie');
  });

  it('passes downloads through with their name and type, without hop-by-hop headers or API cookies', () => {
    const upstream = new Headers({
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': "attachment; filename*=UTF-8''%E6%A8%A1%E6%9D%BF.xlsx",
      'content-length': '9192',
      connection: 'keep-alive',
      'set-cookie': 'x=1',
      'x-powered-by': 'Express',
    });
    const out = responseHeadersFrom(upstream);
    expect(out.get('content-disposition')).toContain('filename*=');
    expect(out.get('content-length')).toBe('9192');
    expect(out.has('connection')).toBe(false);
    expect(out.has('set-cookie')).toBe(false);
    expect(out.has('x-powered-by')).toBe(false);
    // A body the fetch decoded must not keep its encoding or length.
    const encoded = responseHeadersFrom(new Headers({ 'content-encoding': 'gzip', 'content-length': '10' }));
    expect(encoded.has('content-encoding')).toBe(false);
    expect(encoded.has('content-length')).toBe(false);
  });

  it('accepts cookie-authenticated writes only from pages of this site', () => {
    expect(isSameSiteRequest(new Headers({ 'sec-fetch-site': 'same-origin' }), 'web:3000')).toBe(true);
    expect(isSameSiteRequest(new Headers({ 'sec-fetch-site': 'cross-site', origin: 'http://web:3000' }), 'web:3000')).toBe(false);
    expect(isSameSiteRequest(new Headers({ 'sec-fetch-site': 'same-site' }), 'web:3000')).toBe(false);
    expect(isSameSiteRequest(new Headers({ origin: 'http://web:3000' }), 'web:3000')).toBe(true);
    expect(isSameSiteRequest(new Headers({ origin: 'http://evil.example' }), 'web:3000')).toBe(false);
    expect(isSameSiteRequest(new Headers(), 'web:3000')).toBe(false);
  });
});

/**
 * The proxy against a stand-in for the API on 127.0.0.1: what happens to the session cookies
 * when refreshing the access token fails.
 */
describe('the /api proxy when a refresh fails', () => {
  let server: Server;
  /** Status of the next POST /api/auth/refresh answers, in order (then 401). */
  const refreshAnswers: number[] = [];
  const pair = { accessToken: 'at-new', refreshToken: 'rt-new', expiresIn: 900, principal: { userId: 'u', username: 'energy', role: 'reporter', departmentCode: null, regionCode: null, departmentKind: null } };

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/api/auth/refresh') {
        const status = refreshAnswers.shift() ?? 401;
        response.statusCode = status;
        return response.end(JSON.stringify(status === 200 ? pair : { statusCode: status, message: status === 401 ? '刷新令牌无效或已过期，请重新登录' : 'connect ECONNREFUSED (PostgreSQL)' }));
      }
      const signedIn = request.headers.authorization === 'Bearer at-new';
      response.statusCode = signedIn ? 200 : 401;
      response.end(JSON.stringify(signedIn ? { username: 'energy' } : { statusCode: 401, message: '请先登录' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.PLANWATCH_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A page's request whose access token has run out: the proxy must refresh first. */
  const expiredSession = () =>
    proxyToApi(new NextRequest('http://web.test/api/auth/me', { headers: { cookie: `pw_rt=rt-old-${Math.random()}; pw_exp=0; pw_sid=sid-1; pw_user=x` } }), ['auth', 'me']);
  const setCookies = (response: Response) => response.headers.getSetCookie();

  it('keeps the session when the API fails (a database restart signs nobody out), and says so', async () => {
    refreshAnswers.push(500);
    const failed = await expiredSession();
    expect(failed.status).toBe(503);
    expect(setCookies(failed)).toEqual([]);
    expect(((await failed.json()) as { message: string }).message).toMatch(/^登录状态暂时无法刷新，请稍后重试/);
    // Once the API is back, the same cookies carry on.
    refreshAnswers.push(200);
    const back = await expiredSession();
    expect(back.status).toBe(200);
    expect(setCookies(back).some((c) => c.startsWith('pw_rt=rt-new;'))).toBe(true);
  });

  it('ends the session when the API refuses the refresh token (401)', async () => {
    refreshAnswers.push(401);
    const refused = await expiredSession();
    expect(refused.status).toBe(401);
    expect(setCookies(refused).filter((c) => c.includes('Max-Age=0')).map((c) => c.split('=')[0]).sort()).toEqual(['pw_at', 'pw_exp', 'pw_rt', 'pw_sid', 'pw_user']);
  });
});
