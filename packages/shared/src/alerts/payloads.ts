/**
 * What each kind of webhook receives: plain JSON for the district's own systems, and the
 * markdown messages of the WeCom (企业微信) and DingTalk (钉钉) group robots, with the signing
 * each expects. HMAC itself is passed in (node:crypto in the API), so this stays pure.
 */
import type { AlertType, Period, Severity } from '../domain/types.js';
import { SEVERITY_LABELS, type AlertState, type AlertSubject, type MessageEvent } from './alert.types.js';
import type { DigestPayload } from './digest.js';
import { escapeRobotMarkdown } from './robot-markdown.js';

/** HMAC-SHA256 of `message` under `key`, in the two encodings the receivers use. */
export interface HmacSha256 {
  hex(key: string, message: string): string;
  base64(key: string, message: string): string;
}

/** What a 督办's message carries besides its text (stored on the outbox row when it is written). */
export interface SupervisionPayload {
  id: string;
  title: string;
  state: string;
  /** 'blue' | 'yellow' | 'red', or null once closed. */
  colour: 'blue' | 'yellow' | 'red' | null;
  deadline: string;
  deadlineEstimated: boolean;
  departmentCode: string;
  /** Absolute address of the 督办 page (PUBLIC_WEB_URL). */
  url: string;
  /** Mobile numbers of the people responsible, @-mentioned by the WeCom and DingTalk robots. */
  mentionMobiles: string[];
}

export interface OutgoingNotification {
  idempotencyKey: string;
  event: MessageEvent;
  title: string;
  body: string;
  /** The page the message leads to (the alert, the filtered alert list, the 督办), absolute. */
  link?: { label: string; url: string };
  /** Mobiles to @-mention (people the message asks to act). */
  mentionMobiles?: string[];
  /** Set for a 督办's message; then `alert` is absent. */
  supervision?: SupervisionPayload;
  /** Set for a digest of a group of alert notifications; then `alert` is absent. */
  digest?: DigestPayload;
  alert?: {
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
  const head = { idempotencyKey: n.idempotencyKey, event: n.event, title: n.title, text: n.body };
  if (n.supervision) return { ...head, supervision: n.supervision };
  if (n.digest) return { ...head, digest: n.digest };
  return { ...head, alert: n.alert, ...(n.link ? { url: n.link.url } : {}) };
}

/** The link a message carries: its own, or a 督办's page. */
export function messageLink(n: OutgoingNotification): { label: string; url: string } | null {
  return n.link ?? (n.supervision ? { label: '查看督办详情', url: n.supervision.url } : null);
}

/** The mobiles a message @-mentions: its own list, or a 督办's responsible people. */
export function messageMentions(n: OutgoingNotification): string[] {
  return n.mentionMobiles ?? n.supervision?.mentionMobiles ?? [];
}

/**
 * The last line of every robot message. It names the platform, so a DingTalk robot whose
 * security setting is 自定义关键词 "PlanWatch" accepts every message; it is never cut off.
 */
export const ROBOT_FOOTER = 'PlanWatch 上党区产业布局规划监测平台';

const SUPERVISION_COLOUR_TEXT = { blue: '蓝', yellow: '黄', red: '红' } as const;

/** The line under the title: the alert's level and month, or the 督办's colour and deadline. */
export function notificationFacts(n: OutgoingNotification, colour: (severity: Severity, text: string) => string = (_s, text) => text): string {
  if (n.digest) {
    const { number, total, red } = n.digest;
    const levels = [red > 0 ? colour('red', `红色${red}条`) : '', total - red > 0 ? colour('yellow', `黄色${total - red}条`) : ''].filter(Boolean).join('　');
    return `摘要编号：#${number}　${levels}`;
  }
  if (!n.alert && !n.supervision) return '通道测试';
  if (n.supervision) {
    const s = n.supervision;
    const level = s.colour ? `　督办等级：${colour(s.colour === 'red' ? 'red' : 'yellow', SUPERVISION_COLOUR_TEXT[s.colour])}` : '';
    return `办理期限：${s.deadline}${s.deadlineEstimated ? '（按周末推算，节假日安排未公布）' : ''}${level}`;
  }
  const a = n.alert!;
  return `级别：${colour(a.severity, SEVERITY_LABELS[a.severity])}　期别：${a.period ?? '—'}${a.sample ? '　（示例数据）' : ''}`;
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

/**
 * A robot's markdown: title, facts, the body quoted, the link, the mentions, the footer. Title
 * and body are escaped (they hold what people typed); only our own markup stays markup. The
 * text is cut to `maxBytes` before the footer, which always stays.
 */
function markdownText(n: OutgoingNotification, colour: (severity: Severity, text: string) => string, maxBytes: number): string {
  const body = escapeRobotMarkdown(n.body)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const link = messageLink(n);
  const mentions = messageMentions(n);
  const tail = [...(link ? [`[${link.label}](${link.url})`] : []), ...(mentions.length ? [mentions.map((m) => `@${m}`).join(' ')] : []), ROBOT_FOOTER].join('\n');
  return withTail([`### ${escapeRobotMarkdown(n.title)}`, notificationFacts(n, colour), body].join('\n'), tail, maxBytes);
}

/** `head`, cut so that it and the whole `tail` after it fit in `maxBytes` (UTF-8). */
function withTail(head: string, tail: string, maxBytes: number): string {
  return `${truncateUtf8(head, maxBytes - new TextEncoder().encode(`\n${tail}`).length)}\n${tail}`;
}

/** Plain text of a message (WeCom's text messages, which alone can @-mention by mobile). */
function plainText(n: OutgoingNotification, maxBytes: number): string {
  const link = messageLink(n);
  const tail = [...(link ? [`${link.label}：${link.url}`] : []), ROBOT_FOOTER].join('\n');
  return withTail([n.title, notificationFacts(n), n.body].join('\n'), tail, maxBytes);
}

/** WeCom group robot: `{msgtype:'markdown', markdown:{content}}`; colours via <font color="warning|info|comment">. */
export function wecomPayload(n: OutgoingNotification): { msgtype: 'markdown'; markdown: { content: string } } {
  const content = markdownText(n, (severity, text) => `<font color="${severity === 'red' ? 'warning' : 'comment'}">${text}</font>`, MARKDOWN_MAX_BYTES);
  return { msgtype: 'markdown', markdown: { content } };
}

/**
 * What a WeCom robot receives: markdown, except for a message that @-mentions people by mobile,
 * which is a text message (`text.mentioned_mobile_list`): WeCom markdown cannot mention by mobile.
 */
export function wecomMessage(
  n: OutgoingNotification,
): ReturnType<typeof wecomPayload> | { msgtype: 'text'; text: { content: string; mentioned_mobile_list: string[] } } {
  const mobiles = messageMentions(n);
  if (mobiles.length === 0) return wecomPayload(n);
  return { msgtype: 'text', text: { content: plainText(n, 2000), mentioned_mobile_list: [...mobiles] } };
}

/**
 * DingTalk group robot: `{msgtype:'markdown', markdown:{title, text}, at:{atMobiles}}`; the title is
 * what the preview shows; a mention shows only when the text also contains "@mobile".
 */
export function dingtalkPayload(n: OutgoingNotification): {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
  at?: { atMobiles: string[]; isAtAll: false };
} {
  const text = markdownText(n, (severity, label) => `<font color="${severity === 'red' ? '#d9363e' : '#d48806'}">${label}</font>`, MARKDOWN_MAX_BYTES);
  const mentions = messageMentions(n);
  return {
    msgtype: 'markdown',
    markdown: { title: truncateUtf8(n.title, 200), text },
    ...(mentions.length ? { at: { atMobiles: [...mentions], isAtAll: false as const } } : {}),
  };
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
