import { z } from 'zod';
import { parseNetwork } from '../common/network.js';

const robotBase = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^https?:\/\/[^/]+\/.*$/.test(value) && value.endsWith('/'), 'must be an http(s) URL ending in "/", e.g. https://qyapi.weixin.qq.com/');

/** Every environment variable the API reads, parsed and validated once. README documents each. */
const schema = z.object({
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  API_HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(7 * 24 * 3600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(900),
  LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME: z.coerce.number().int().positive().default(10),
  LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  /** Express `trust proxy`: which proxies' X-Forwarded-For names the client (the web app on this host by default); `false` trusts none. */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((value): string | number | boolean => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  PLAN_FILE: z.string().default(''),
  INBOX_DIR: z.string().default(''),
  /** Folder of the ETL job declarations (*.job.yaml); '' = packages/etl/jobs in the repository. */
  ETL_JOBS_DIR: z.string().default(''),
  /** The coal-production reporting system polled by the coal-reporting-system job; '' leaves that job unconfigured. */
  COAL_API_URL: z.string().default(''),
  COAL_API_TOKEN: z.string().default(''),
  /** How often the data-version listener re-reads the versions on its own connection (and how long it waits for the answer). */
  DATA_VERSION_RECHECK_SECONDS: z.coerce.number().positive().default(30),
  /** On SIGTERM, how long running ETL jobs and notification sends may take to finish before the database closes. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().default(30),
  CRON_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Special-purpose networks (loopback, private, link-local …) webhooks may reach all the same, comma-separated CIDRs. */
  WEBHOOK_ALLOWED_NETWORKS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((cidr) => cidr.trim()).filter(Boolean))
    .refine((networks) => networks.every((cidr) => parseNetwork(cidr) !== null), 'expected comma-separated networks like 10.20.0.0/16 or fd00::/8'),
  WECOM_WEBHOOK_BASE: robotBase('https://qyapi.weixin.qq.com/'),
  DINGTALK_WEBHOOK_BASE: robotBase('https://oapi.dingtalk.com/'),
  SMTP_URL: z.string().default(''),
  MAIL_FROM: z.string().default('PlanWatch <planwatch@localhost>'),
  WEB_ORIGIN: z.string().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Injection token for the parsed configuration. */
export const ENV = Symbol('ENV');
