import { z } from 'zod';
import { parseNetwork } from '../common/network.js';

const robotBase = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^https?:\/\/[^/]+\/.*$/.test(value) && value.endsWith('/'), 'must be an http(s) URL ending in "/", e.g. https://qyapi.weixin.qq.com/');

const port = (name: string) =>
  z.coerce.number({ message: `${name} must be a port number (1–65535)` }).int(`${name} must be a port number (1–65535)`).min(1, `${name} must be a port number (1–65535)`).max(65535, `${name} must be a port number (1–65535)`);
const positiveInteger = (name: string) =>
  z.coerce.number({ message: `${name} must be a whole number above 0` }).int(`${name} must be a whole number above 0`).positive(`${name} must be a whole number above 0`);
const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { message: `${name} must be one of ${values.join(', ')}` });

/** Every environment variable the API reads, parsed and validated once. README documents each. */
const schema = z
  .object({
    /** `production` turns on the checks of a real install (see productionProblems). */
    NODE_ENV: oneOf('NODE_ENV', ['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string({ message: 'DATABASE_URL is not set: a postgres://user:password@host:5432/database URL' }).regex(/^postgres(ql)?:\/\/./, 'DATABASE_URL must be a postgres://user:password@host:5432/database URL'),
    API_PORT: port('API_PORT').default(3001),
    API_HOST: z.string().min(1, 'API_HOST must be an address to listen on, e.g. 127.0.0.1').default('127.0.0.1'),
    /** Which proxies' X-Forwarded-For is believed (Express `trust proxy`): the client's address in logs. */
    TRUST_PROXY: z.string().min(1, 'TRUST_PROXY must name the proxies to trust, e.g. loopback').default('loopback'),
    JWT_SECRET: z.string({ message: 'JWT_SECRET is not set: a random string of at least 32 characters' }).min(32, 'JWT_SECRET must be at least 32 characters'),
    ACCESS_TOKEN_TTL_SECONDS: positiveInteger('ACCESS_TOKEN_TTL_SECONDS').default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInteger('REFRESH_TOKEN_TTL_SECONDS').default(7 * 24 * 3600),
    LOGIN_MAX_FAILURES: positiveInteger('LOGIN_MAX_FAILURES').default(5),
    LOGIN_LOCKOUT_SECONDS: positiveInteger('LOGIN_LOCKOUT_SECONDS').default(900),
    LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME: positiveInteger('LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME').default(10),
    LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS: positiveInteger('LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS').default(100),
    UPLOAD_MAX_BYTES: positiveInteger('UPLOAD_MAX_BYTES').default(20 * 1024 * 1024),
    /** What an uploaded XLSX may inflate to, declared and actually (the ETL's own limit is 200 MB). */
    UPLOAD_MAX_UNCOMPRESSED_BYTES: positiveInteger('UPLOAD_MAX_UNCOMPRESSED_BYTES').default(64 * 1024 * 1024),
    /** Uploads read and parsed at once in this process, and how many more may wait for a turn. */
    UPLOAD_PARSE_CONCURRENCY: positiveInteger('UPLOAD_PARSE_CONCURRENCY').default(2),
    UPLOAD_PARSE_QUEUE: z.coerce.number({ message: 'UPLOAD_PARSE_QUEUE must be a whole number (0 or more)' }).int('UPLOAD_PARSE_QUEUE must be a whole number (0 or more)').min(0, 'UPLOAD_PARSE_QUEUE must be a whole number (0 or more)').default(4),
    PLAN_FILE: z.string().default(''),
    INBOX_DIR: z.string().default(''),
    /** Folder of the ETL job declarations (*.job.yaml); '' = packages/etl/jobs in the repository. */
    ETL_JOBS_DIR: z.string().default(''),
    /** The coal-production reporting system polled by the coal-reporting-system job; '' leaves that job unconfigured. */
    COAL_API_URL: z.string().default(''),
    COAL_API_TOKEN: z.string().default(''),
    /** How often the data-version listener re-reads the versions on its own connection (and how long it waits for the answer). */
    DATA_VERSION_RECHECK_SECONDS: z.coerce.number({ message: 'DATA_VERSION_RECHECK_SECONDS must be a number of seconds above 0' }).positive('DATA_VERSION_RECHECK_SECONDS must be a number of seconds above 0').default(30),
    /** On SIGTERM, how long running ETL jobs and notification sends may take to finish before the database closes. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number({ message: 'SHUTDOWN_GRACE_SECONDS must be a number of seconds above 0' }).positive('SHUTDOWN_GRACE_SECONDS must be a number of seconds above 0').default(30),
    CRON_ENABLED: oneOf('CRON_ENABLED', ['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /** Special-purpose networks (loopback, private, link-local …) webhooks may reach all the same, comma-separated CIDRs. */
    WEBHOOK_ALLOWED_NETWORKS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((cidr) => cidr.trim()).filter(Boolean))
      .refine((networks) => networks.every((cidr) => parseNetwork(cidr) !== null), 'WEBHOOK_ALLOWED_NETWORKS must be comma-separated networks like 10.20.0.0/16 or fd00::/8'),
    WECOM_WEBHOOK_BASE: robotBase('https://qyapi.weixin.qq.com/'),
    DINGTALK_WEBHOOK_BASE: robotBase('https://oapi.dingtalk.com/'),
    /** Sends per robot URL (WeCom, DingTalk) in ROBOT_RATE_WINDOW_SECONDS, counted across every API process. */
    ROBOT_RATE_LIMIT: positiveInteger('ROBOT_RATE_LIMIT').default(20),
    ROBOT_RATE_WINDOW_SECONDS: positiveInteger('ROBOT_RATE_WINDOW_SECONDS').default(60),
    /** How long a channel pauses after a robot answers that it is over the rate (DingTalk 130101 blocks 10 minutes; WeCom 45009 the rest of the minute). */
    DINGTALK_BLOCK_SECONDS: positiveInteger('DINGTALK_BLOCK_SECONDS').default(600),
    WECOM_BLOCK_SECONDS: positiveInteger('WECOM_BLOCK_SECONDS').default(60),
    /** After a send timed out (it may have been posted all the same), wait at least this long before sending again. */
    NOTIFICATION_TIMEOUT_RETRY_SECONDS: positiveInteger('NOTIFICATION_TIMEOUT_RETRY_SECONDS').default(600),
    SMTP_URL: z.string().regex(/^(smtps?:\/\/.+)?$/, 'SMTP_URL must be an smtp:// or smtps:// URL').default(''),
    MAIL_FROM: z.string().default('PlanWatch <planwatch@localhost>'),
    WEB_ORIGIN: z.string().default('http://localhost:3000'),
    /** The web app's public address, for absolute links in messages (e.g. to a 督办 page). */
    PUBLIC_WEB_URL: z
      .string()
      .url({ message: 'PUBLIC_WEB_URL must be an http(s) URL like https://planwatch.example.gov.cn' })
      .default('http://localhost:3000')
      .transform((url) => url.replace(/\/+$/, '')),
    /** The working-day calendar (holidays and 调休); '' = plan/work-calendar.yaml in the repository. */
    WORK_CALENDAR_FILE: z.string().default(''),
    /** Bearer token Prometheus sends to /api/metrics; '' leaves the endpoint open (development only). */
    METRICS_TOKEN: z.string().default(''),
    LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The monthly briefing's 公文 parts (GB/T 9704-2012): 发文机关标志, 发文字号 ({year}, {month}), 主送, 署名, 抄送, 印发机关. */
    BRIEFING_ISSUER: z.string().default('上党区产业布局规划实施监测工作专班'),
    BRIEFING_DOCUMENT_NUMBER: z.string().default('上党产监〔{year}〕{month}号'),
    BRIEFING_RECIPIENTS: z.string().default('各乡镇人民政府、街道办事处，各园区管委会，区直有关单位'),
    BRIEFING_SIGNATURE: z.string().default('上党区产业布局规划实施监测工作专班'),
    BRIEFING_COPY_TO: z.string().default('区委办公室，区人大常委会办公室，区政协办公室'),
    BRIEFING_PRINTED_BY: z.string().default('上党区人民政府办公室'),
  });

export type Env = z.infer<typeof schema> & {
  /** Whether PUBLIC_WEB_URL was given (else links in messages point at the development default, and the channel page warns). */
  PUBLIC_WEB_URL_CONFIGURED: boolean;
};

/** What a production install needs on top of a valid configuration: one problem per variable. */
function productionProblems(env: Record<string, string | undefined>): Array<[keyof Env, string]> {
  if (env.NODE_ENV !== 'production') return [];
  const problems: Array<[keyof Env, string]> = [];
  const origins = (env.WEB_ORIGIN ?? '').split(',').map((origin) => origin.trim());
  if (!origins.every((origin) => /^https:\/\/[^/\s]+$/.test(origin))) {
    problems.push(['WEB_ORIGIN', 'WEB_ORIGIN must be the site\'s https:// origin in production (e.g. https://planwatch.example.gov.cn), without a path']);
  }
  if ((env.METRICS_TOKEN ?? '').length < 24) {
    problems.push(['METRICS_TOKEN', 'METRICS_TOKEN must be set in production (at least 24 characters): Prometheus sends it as a bearer token to /api/metrics']);
  }
  return problems;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

/** Parses the configuration; an EnvError names every wrong variable, one line each. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable is an unset one (an EnvironmentFile line `SMTP_URL=` means "none").
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(given);
  const problems = new Map<string, string>();
  for (const issue of result.error?.issues ?? []) {
    const variable = String(issue.path[0]);
    if (!problems.has(variable)) problems.set(variable, issue.message);
  }
  for (const [variable, message] of productionProblems(given)) if (!problems.has(variable)) problems.set(variable, message);
  if (problems.size > 0 || !result.success) {
    throw new EnvError([...problems].map(([variable, message]) => `${variable}: ${message}`));
  }
  return { ...result.data, PUBLIC_WEB_URL_CONFIGURED: given.PUBLIC_WEB_URL !== undefined };
}

/** Injection token for the parsed configuration. */
export const ENV = Symbol('ENV');
