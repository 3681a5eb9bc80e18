/**
 * Alert digests, modelled on Alertmanager's grouping: a channel's notifications wait
 * `group_wait` after the first of a group arrives, so one evaluation (or a burst of them) goes
 * out as one message per channel (a department's channel: that department; a district-wide
 * channel such as the leaders' group: one digest naming each item's 责任单位), and after a
 * digest the next one waits `group_interval`. Unresolved alerts repeat at their rule's `remindEveryHours` (a reminder is
 * one more item of the next digest), and resolutions ride in the next digest. A rule may send
 * its red alerts singly (`notifyRedSingly`). Defaults come from the plan file (`notifications:`),
 * a channel's `grouping` overrides them or (`false`) turns grouping off.
 */
import { ALERT_TYPE_LABELS, type AlertType, type Severity } from '../domain/types.js';
import { NOTIFICATION_EVENT_LABELS, NOTIFICATION_EVENTS, SEVERITY_LABELS, type ChannelKind, type NotificationEvent } from './alert.types.js';

export interface NotificationGrouping {
  /** Alertmanager's group_wait: how long the first notification of a group waits for others. */
  waitSeconds: number;
  /** Alertmanager's group_interval: how long after a digest the next one of the same group waits. */
  intervalSeconds: number;
}

export const DEFAULT_NOTIFICATION_GROUPING: NotificationGrouping = { waitSeconds: 30, intervalSeconds: 300 };

/** Channels read by people are grouped; plain JSON webhooks (programs) and the inbox get each notification. */
export const GROUPED_CHANNEL_KINDS: readonly ChannelKind[] = ['wecom', 'dingtalk', 'email'];

/** Whether a channel's alert notifications are grouped into digests. */
export function isGroupedChannel(kind: ChannelKind, config: Record<string, unknown>): boolean {
  return GROUPED_CHANNEL_KINDS.includes(kind) && config.grouping !== false;
}

/** A channel's grouping: its config's `grouping` over the defaults; null when it sends every notification singly. */
export function channelGrouping(kind: ChannelKind, config: Record<string, unknown>, defaults: NotificationGrouping): NotificationGrouping | null {
  if (!isGroupedChannel(kind, config)) return null;
  const own = (config.grouping && typeof config.grouping === 'object' ? config.grouping : {}) as Partial<NotificationGrouping>;
  return { waitSeconds: own.waitSeconds ?? defaults.waitSeconds, intervalSeconds: own.intervalSeconds ?? defaults.intervalSeconds };
}

/** When a group's waiting notifications go out: group_wait after the first arrived, and not before group_interval after the last digest. */
export function digestDueAt(group: { firstQueuedAt: Date; lastDigestAt: Date | null }, grouping: NotificationGrouping): Date {
  const afterWait = group.firstQueuedAt.getTime() + grouping.waitSeconds * 1000;
  const afterInterval = group.lastDigestAt ? group.lastDigestAt.getTime() + grouping.intervalSeconds * 1000 : Number.NEGATIVE_INFINITY;
  return new Date(Math.max(afterWait, afterInterval));
}

/** One notification inside a digest. */
export interface DigestItem {
  alertId: string | null;
  event: NotificationEvent;
  severity: Severity;
  type: AlertType;
  /** The alert's own title (序时滞后：原煤产量（上党区）). */
  title: string;
  /** 责任单位: the owner department's name. */
  owner: string;
}

/** What a digest message carries besides its text (stored on its outbox row). */
export interface DigestPayload {
  /** Short number, counted per channel, so a resent digest is recognisable. */
  number: number;
  /** How many notifications it stands for, and how many of them are red. */
  total: number;
  red: number;
  /** Absolute address of the filtered alert list. */
  url: string;
  /** Mobiles @-mentioned: the responsible department's people. */
  mentionMobiles: string[];
}

/** How many items a digest lists by name; the rest are counted ("及其他N条"). */
export const DIGEST_TOP_ITEMS = 10;

const EVENT_ORDER: Record<NotificationEvent, number> = { escalated: 0, fired: 1, reminder: 2, resolved: 3 };

/** Most urgent first: red before yellow, then escalations, new alerts, reminders, resolutions. */
export function compareDigestItems(a: DigestItem, b: DigestItem): number {
  return (
    (a.severity === b.severity ? 0 : a.severity === 'red' ? -1 : 1) ||
    EVENT_ORDER[a.event] - EVENT_ORDER[b.event] ||
    a.title.localeCompare(b.title, 'zh-Hans-CN') ||
    (a.alertId ?? '').localeCompare(b.alertId ?? '')
  );
}

function countBy<K extends string>(items: readonly DigestItem[], key: (item: DigestItem) => K, order: readonly K[], label: (k: K) => string): string {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return order
    .filter((k) => counts.has(k))
    .map((k) => `${label(k)}${counts.get(k)}条`)
    .join('，');
}

/**
 * Title and body of a digest, in Chinese: counts by event, severity and type, the most urgent
 * items with their 责任单位, and "及其他N条" for the rest.
 */
export function digestText(items: readonly DigestItem[], context: { number: number; departmentName: string | null }): { title: string; body: string } {
  const sorted = [...items].sort(compareDigestItems);
  const events = countBy(sorted, (i) => i.event, NOTIFICATION_EVENTS, (e) => NOTIFICATION_EVENT_LABELS[e]);
  const severities = countBy(sorted, (i) => i.severity, ['red', 'yellow'] as const, (s) => SEVERITY_LABELS[s]);
  const types = countBy(sorted, (i) => i.type, Object.keys(ALERT_TYPE_LABELS) as AlertType[], (t) => ALERT_TYPE_LABELS[t]);
  const listed = sorted.slice(0, DIGEST_TOP_ITEMS).map((i, n) => `${n + 1}. 【${SEVERITY_LABELS[i.severity]}·${NOTIFICATION_EVENT_LABELS[i.event]}】${i.title}　责任单位：${i.owner}`);
  const rest = sorted.length - listed.length;
  return {
    title: `【预警摘要 #${context.number}】${context.departmentName ?? '全区'}：${events}`,
    body: [`共${sorted.length}条：${events}。`, `级别：${severities}。`, `类型：${types}。`, ...listed, ...(rest > 0 ? [`及其他${rest}条`] : [])].join('\n'),
  };
}
