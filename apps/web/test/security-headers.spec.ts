import { describe, expect, it } from 'vitest';
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS, newNonce, pageContentSecurityPolicy } from '../lib/security-headers';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('the security headers', () => {
  it('let only scripts carrying the page nonce run, and no other site frame the pages', () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: 'abc123==', development: false, townshipGeoJsonUrl: null }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it("allow eval only in development, and the township GeoJSON's origin when one is configured", () => {
    expect(directives(pageContentSecurityPolicy({ nonce: 'n', development: true, townshipGeoJsonUrl: null })).get('script-src')).toContain("'unsafe-eval'");
    const withMap = directives(pageContentSecurityPolicy({ nonce: 'n', development: false, townshipGeoJsonUrl: 'https://gis.shangdang.gov.cn/towns.geojson?v=2' }));
    expect(withMap.get('connect-src')).toEqual(["'self'", 'https://gis.shangdang.gov.cn']);
    expect(directives(pageContentSecurityPolicy({ nonce: 'n', development: false, townshipGeoJsonUrl: 'not a url' })).get('connect-src')).toEqual(["'self'"]);
  });

  it('give each page its own unguessable nonce', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('send nosniff and a same-origin referrer everywhere, and let API answers run nothing', () => {
    expect(COMMON_SECURITY_HEADERS).toEqual([
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'same-origin' },
    ]);
    const api = directives(API_CONTENT_SECURITY_POLICY);
    expect(api.get('default-src')).toEqual(["'none'"]);
    expect(api.has('script-src')).toBe(false);
    expect(api.get('frame-ancestors')).toEqual(["'self'"]);
  });
});
