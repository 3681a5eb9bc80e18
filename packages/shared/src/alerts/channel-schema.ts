/**
 * Notification channels as administrators configure them. Each kind has its own config; every
 * kind takes an optional `filter` (minimum severity, rule types, events). Secrets are never
 * served back: `maskChannelConfig` replaces them.
 */
import { z } from 'zod';
import { ALERT_TYPES, SEVERITIES } from '../domain/types.js';
import { CHANNEL_KINDS, OUTBOX_EVENTS, type ChannelFilter, type ChannelKind } from './alert.types.js';
import type { RuleIssue } from './rule-schema.js';

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'expected an http:// or https:// URL');
const secret = z.string().min(1).max(500).optional();
const filter = z
  .strictObject({
    minSeverity: z.enum(SEVERITIES).optional(),
    types: z.array(z.enum(ALERT_TYPES)).optional(),
    events: z.array(z.enum(OUTBOX_EVENTS)).optional(),
  })
  .optional();
const email = z.string().email();
/** Marks the district leaders' group: overdue 督办 are escalated to it as well as to the department. */
const leaders = z.boolean().optional();
/** Digest timing over the plan file's defaults, or `false`: every alert notification singly (digest.ts). */
const grouping = z
  .union([
    z.literal(false),
    z.strictObject({ waitSeconds: z.number().int().min(0).max(3600).optional(), intervalSeconds: z.number().int().min(0).max(86_400).optional() }),
  ])
  .optional();

export const CHANNEL_CONFIG_SCHEMAS = {
  in_app: z.strictObject({ filter }),
  webhook: z.strictObject({
    url: httpUrl,
    /** Set: every request carries X-PlanWatch-Signature. */
    secret,
    /** Extra request headers (an API key of the receiving system). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(1000)).optional(),
    filter,
    leaders,
  }),
  // WeCom group robots have no signing: the key in the URL is the credential.
  wecom: z.strictObject({ url: httpUrl, filter, leaders, grouping }),
  /** `secret`: the robot's 加签 secret (SEC…), when its security setting is 加签. */
  dingtalk: z.strictObject({ url: httpUrl, secret, filter, leaders, grouping }),
  email: z.strictObject({
    to: z.array(email).min(1).max(50),
    cc: z.array(email).max(50).optional(),
    subjectPrefix: z.string().max(50).optional(),
    filter,
    leaders,
    grouping,
  }),
} as const;

export interface ChannelInput {
  code: string;
  kind: ChannelKind;
  departmentCode: string | null;
  enabled: boolean;
  config: Record<string, unknown>;
}

const base = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'expected a lower-case code like "energy_wecom"'),
  kind: z.enum(CHANNEL_KINDS),
  departmentCode: z.string().min(1).nullable().default(null),
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()).default({}),
});

export type ChannelValidation = { ok: true; channel: ChannelInput } | { ok: false; issues: RuleIssue[] };

/** Validates a whole channel (POST, or PATCH merged onto the stored one). */
export function validateChannel(input: unknown): ChannelValidation {
  const parsed = base.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(channel)', message: i.message })) };
  const config = CHANNEL_CONFIG_SCHEMAS[parsed.data.kind].safeParse(parsed.data.config);
  if (!config.success) {
    return { ok: false, issues: config.error.issues.map((i) => ({ path: ['config', ...i.path.map(String)].join('.'), message: i.message })) };
  }
  return { ok: true, channel: { ...parsed.data, config: JSON.parse(JSON.stringify(config.data)) as Record<string, unknown> } };
}

export const SECRET_MASK = '******';

/**
 * A webhook URL with the credentials it may carry masked: every query parameter's value (the
 * WeCom `key`, the DingTalk `access_token`) and a userinfo password. Scheme, host and path stay
 * readable so administrators can still tell channels apart.
 */
export function maskChannelUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return SECRET_MASK;
  }
  if (!parsed.search && !parsed.password) return url;
  if (parsed.password) parsed.password = SECRET_MASK;
  if (parsed.search) {
    // A parameter without "=" may itself be the token: masked whole.
    parsed.search = parsed.search
      .slice(1)
      .split('&')
      .map((param) => (param === '' ? param : param.includes('=') ? `${param.slice(0, param.indexOf('='))}=${SECRET_MASK}` : SECRET_MASK))
      .join('&');
  }
  return parsed.toString();
}

/** The configuration as served: secrets, extra headers' values and credentials in the URL masked. */
export function maskChannelConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  if (typeof out.url === 'string') out.url = maskChannelUrl(out.url);
  if (typeof out.secret === 'string') out.secret = SECRET_MASK;
  if (out.headers && typeof out.headers === 'object') {
    out.headers = Object.fromEntries(Object.keys(out.headers as object).map((k) => [k, SECRET_MASK]));
  }
  return out;
}

/** host:port of a URL; null when it is not one. */
function hostOf(url: unknown): string | null {
  try {
    return typeof url === 'string' ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/**
 * A PATCH that sends the mask back (or the masked URL unchanged) keeps the stored secret, as
 * long as the URL keeps its host: secrets and extra headers were given for that receiver, and
 * a new host gets only those given anew (a returned mask, or leaving them out, drops them).
 */
export function unmaskChannelConfig(patch: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  const out = { ...stored, ...patch };
  if (typeof stored.url === 'string' && patch.url === maskChannelUrl(stored.url)) out.url = stored.url;
  const sameHost = hostOf(out.url) !== null && hostOf(out.url) === hostOf(stored.url);
  if (patch.secret === SECRET_MASK || patch.secret === undefined) {
    if (sameHost && stored.secret !== undefined) out.secret = stored.secret;
    else delete out.secret;
  }
  const storedHeaders = sameHost && stored.headers && typeof stored.headers === 'object' ? (stored.headers as Record<string, unknown>) : {};
  if (patch.headers && typeof patch.headers === 'object') {
    out.headers = Object.fromEntries(
      Object.entries(patch.headers as Record<string, unknown>)
        .map(([k, v]) => [k, v === SECRET_MASK ? storedHeaders[k] : v])
        .filter(([, v]) => v !== undefined),
    );
  } else if (!sameHost) {
    delete out.headers;
  }
  return out;
}

export function channelFilterOf(config: Record<string, unknown>): ChannelFilter {
  return (config.filter as ChannelFilter | undefined) ?? {};
}

/** Whether the channel is the district leaders' group. */
export function isLeadersChannel(config: Record<string, unknown>): boolean {
  return config.leaders === true;
}
