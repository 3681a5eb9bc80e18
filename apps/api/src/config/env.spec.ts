import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

const valid = { DATABASE_URL: 'postgres://planwatch:secret@db.internal:5432/planwatch', JWT_SECRET: 'x'.repeat(32) };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration at start', () => {
  it('names every wrong variable once, with what it must be', () => {
    expect(problems({ DATABASE_URL: 'mysql://x', API_PORT: 'eighty', JWT_SECRET: 'short', CRON_ENABLED: 'yes', LOGIN_MAX_FAILURES: '-1', SMTP_URL: 'mail.example' })).toEqual([
      'DATABASE_URL: DATABASE_URL must be a postgres://user:password@host:5432/database URL',
      'API_PORT: API_PORT must be a port number (1–65535)',
      'JWT_SECRET: JWT_SECRET must be at least 32 characters',
      'LOGIN_MAX_FAILURES: LOGIN_MAX_FAILURES must be a whole number above 0',
      'CRON_ENABLED: CRON_ENABLED must be one of true, false',
      'SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL',
    ]);
    expect(problems({})).toEqual([
      'DATABASE_URL: DATABASE_URL is not set: a postgres://user:password@host:5432/database URL',
      'JWT_SECRET: JWT_SECRET is not set: a random string of at least 32 characters',
    ]);
  });

  it('reads an empty variable as unset, so its default applies', () => {
    expect(parseEnv({ ...valid, API_PORT: '', SMTP_URL: '', CRON_ENABLED: '' })).toMatchObject({ API_PORT: 3001, SMTP_URL: '', CRON_ENABLED: true, NODE_ENV: 'development' });
  });

  it('asks more of production: the https origin and a metrics token, together with any other problem', () => {
    expect(parseEnv({ ...valid }).METRICS_TOKEN).toBe('');
    expect(problems({ ...valid, NODE_ENV: 'production', API_PORT: '0' })).toEqual([
      'API_PORT: API_PORT must be a port number (1–65535)',
      "WEB_ORIGIN: WEB_ORIGIN must be the site's https:// origin in production (e.g. https://planwatch.example.gov.cn), without a path",
      'METRICS_TOKEN: METRICS_TOKEN must be set in production (at least 24 characters): Prometheus sends it as a bearer token to /api/metrics',
    ]);
    expect(parseEnv({ ...valid, NODE_ENV: 'production', WEB_ORIGIN: 'https://planwatch.example.gov.cn', METRICS_TOKEN: 'm'.repeat(24) })).toMatchObject({ NODE_ENV: 'production' });
  });
});
