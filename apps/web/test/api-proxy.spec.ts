import { describe, expect, it } from 'vitest';
import { isSameSiteRequest, requestHeadersFor, responseHeadersFrom, upstreamUrl } from '../lib/api-proxy';

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
