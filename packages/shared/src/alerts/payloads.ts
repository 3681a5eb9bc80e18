/**
 * What each kind of webhook receives: plain JSON for the district's own systems, and the
 * markdown messages of the WeCom (企业微信) and DingTalk (钉钉) group robots, with the signing
 * each expects. HMAC itself is passed in (node:crypto in the API), so this stays pure.
 */
import type { AlertType, Period, Severity } from '../domain/types.js';
import { SEVERITY_LABELS, type AlertState, type AlertSubject, type NotificationEvent } from './alert.types.js';

/** HMAC-SHA256 of `message` under `key`, in the two encodings the receivers use. */
export interface HmacSha256 {
  hex(key: string, message: string): string;
  base64(key: string, message: string): string;
}

export interface OutgoingNotification {
  idempotencyKey: string;
  event: NotificationEvent;
  title: string;
  body: string;
  alert: {
    id: string;
    fingerprint: string;
    ruleCode: string;
    type: AlertType;
    severity: Severity;
    state: AlertState;
    subject: AlertSubject;
    period: Period | null;
    departmentCode: string | null;
    departments: string[];
    firedAt: string;
    sample: boolean;
  };
}

/** Plain JSON: everything a program needs, the Chinese text included. */
export function jsonPayload(n: OutgoingNotification): Record<string, unknown> {
  return { idempotencyKey: n.idempotencyKey, event: n.event, title: n.title, text: n.body, alert: n.alert };
}

/** WeCom and DingTalk cap a markdown message at 4096 bytes (UTF-8); longer text is cut with an ellipsis. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let size = 0;
  const ellipsis = '…';
  const budget = maxBytes - encoder.encode(ellipsis).length;
  for (const char of text) {
    const n = encoder.encode(char).length;
    if (size + n > budget) break;
    out += char;
    size += n;
  }
  return out + ellipsis;
}

const MARKDOWN_MAX_BYTES = 4000;

function markdownLines(n: OutgoingNotification, colour: (severity: Severity, text: string) => string): string {
  const body = n.body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return [
    `### ${n.title}`,
    `级别：${colour(n.alert.severity, SEVERITY_LABELS[n.alert.severity])}　期别：${n.alert.period ?? '—'}${n.alert.sample ? '　（示例数据）' : ''}`,
    body,
  ].join('\n');
}

/** WeCom group robot: `{msgtype:'markdown', markdown:{content}}`; colours via <font color="warning|info|comment">. */
export function wecomPayload(n: OutgoingNotification): { msgtype: 'markdown'; markdown: { content: string } } {
  const content = markdownLines(n, (severity, text) => `<font color="${severity === 'red' ? 'warning' : 'comment'}">${text}</font>`);
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(content, MARKDOWN_MAX_BYTES) } };
}

/** DingTalk group robot: `{msgtype:'markdown', markdown:{title, text}}`; the title is what the preview shows. */
export function dingtalkPayload(n: OutgoingNotification): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  const text = markdownLines(n, (severity, label) => `<font color="${severity === 'red' ? '#d9363e' : '#d48806'}">${label}</font>`);
  return { msgtype: 'markdown', markdown: { title: truncateUtf8(n.title, 200), text: truncateUtf8(text, MARKDOWN_MAX_BYTES) } };
}

/**
 * DingTalk's signed robot URL: `timestamp` (ms) and `sign` = base64(HMAC-SHA256 of
 * "timestamp\nsecret" under the secret), URL-encoded, appended as query parameters.
 */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number, hmac: HmacSha256): string {
  const sign = hmac.base64(secret, `${timestampMs}\n${secret}`);
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}

/** Header a plain webhook receiver verifies: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'X-PlanWatch-Signature';

export function planwatchSignature(body: string, secret: string, timestampSeconds: number, hmac: HmacSha256): string {
  return `t=${timestampSeconds},v1=${hmac.hex(secret, `${timestampSeconds}.${body}`)}`;
}

/** Receiver side: whether a signature header matches the body (and is not older than `toleranceSeconds`). */
export function verifyPlanwatchSignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  hmac: HmacSha256,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  return hmac.hex(secret, `${t}.${body}`) === parts.v1;
}
