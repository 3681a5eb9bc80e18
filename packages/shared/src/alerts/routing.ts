/**
 * Who is told what: the text of each notification event, and the fan-out of one event to the
 * channels that want it, each outbox row with an idempotency key that stays the same through
 * every retry (so a receiver can drop duplicates).
 */
import type { AlertType, Severity } from '../domain/types.js';
import { NOTIFICATION_EVENT_LABELS, SEVERITY_LABELS, type ChannelDefinition, type NotificationDraft, type NotificationEvent } from './alert.types.js';
import { severityRank } from './evaluate.js';

export interface NotifiedAlert {
  fingerprint: string;
  /** The alert's event counter after this event (1 for the first). */
  eventSeq: number;
  type: AlertType;
  severity: Severity;
  /** Owner first, then every other department told. */
  departments: readonly string[];
  title: string;
  message: string;
  /** China-time text of when the current episode fired, for reminders. */
  firedAtText?: string;
}

export interface EventContext {
  /** Latest word on the subject when an alert resolves by itself. */
  note?: string | null;
  /** Set when a person resolved it. */
  resolvedBy?: string | null;
  comment?: string | null;
  ruleName?: string;
  /** The rule sends its red alerts singly (`notifyRedSingly`), not in digests. */
  redSingly?: boolean;
}

/** Title and body of one notification, in Chinese. */
export function notificationText(event: NotificationEvent, alert: NotifiedAlert, context: EventContext = {}): { title: string; body: string } {
  const rule = context.ruleName ? `\n预警规则：${context.ruleName}` : '';
  switch (event) {
    case 'fired':
      return { title: `【${SEVERITY_LABELS[alert.severity]}预警】${alert.title}`, body: `${alert.message}${rule}` };
    case 'escalated':
      return { title: `【预警升级·${SEVERITY_LABELS[alert.severity]}】${alert.title}`, body: `预警已由黄色升级为红色。${alert.message}${rule}` };
    case 'reminder':
      return {
        title: `【${NOTIFICATION_EVENT_LABELS.reminder}】${alert.title}`,
        body: `该预警${alert.firedAtText ? `自${alert.firedAtText}起` : ''}仍未处理，请尽快核实并确认。${alert.message}${rule}`,
      };
    case 'resolved': {
      const how = context.resolvedBy
        ? `已由${context.resolvedBy}手动解除${context.comment ? `，说明：${context.comment}` : ''}。`
        : `预警条件已不再满足，自动解除。${context.note ? `最新情况：${context.note}` : ''}`;
      return { title: `【${NOTIFICATION_EVENT_LABELS.resolved}】${alert.title}`, body: `${how}\n原预警内容：${alert.message}${rule}` };
    }
  }
}

/** The key a receiver deduplicates on: the same for every retry of the same notification. */
export function idempotencyKey(alert: Pick<NotifiedAlert, 'fingerprint' | 'eventSeq'>, event: NotificationEvent, channelCode: string, departmentCode?: string | null): string {
  return `${alert.fingerprint}#${alert.eventSeq}:${event}:${channelCode}${departmentCode ? `:${departmentCode}` : ''}`;
}

function wants(channel: ChannelDefinition, alert: NotifiedAlert, event: NotificationEvent): boolean {
  if (!channel.enabled) return false;
  if (channel.departmentCode !== null && !alert.departments.includes(channel.departmentCode)) return false;
  const { minSeverity, types, events } = channel.filter;
  if (minSeverity && severityRank(alert.severity) < severityRank(minSeverity)) return false;
  if (types && types.length > 0 && !types.includes(alert.type)) return false;
  if (events && events.length > 0 && !events.includes(event)) return false;
  return true;
}

/**
 * One outbox row per channel that wants the event. An in-app channel for every department
 * (departmentCode null) puts one row in the inbox of each department told; a channel bound to
 * a department gets the alerts that department is told of.
 */
export function routeNotification(
  alert: NotifiedAlert,
  event: NotificationEvent,
  channels: readonly ChannelDefinition[],
  context: EventContext = {},
): NotificationDraft[] {
  const text = notificationText(event, alert, context);
  const singly = context.redSingly === true && alert.severity === 'red';
  const drafts: NotificationDraft[] = [];
  for (const channel of channels) {
    if (!wants(channel, alert, event)) continue;
    const departments = channel.kind === 'in_app' && channel.departmentCode === null ? [...new Set(alert.departments)] : [channel.departmentCode ?? alert.departments[0] ?? null];
    for (const department of departments) {
      drafts.push({
        channelCode: channel.code,
        channelKind: channel.kind,
        departmentCode: department,
        event,
        idempotencyKey: idempotencyKey(alert, event, channel.code, channel.kind === 'in_app' ? department : null),
        ...text,
        ...(channel.grouped && !singly ? { digestGroup: channel.departmentCode ?? '' } : {}),
      });
    }
  }
  return drafts;
}
