/**
 * What a 督办 tells whom: the Chinese text of each event, and its fan-out to channels. The owner
 * department hears everything (its inbox and the channels bound to it); the departments named
 * as informed hear of the opening; the district leaders' channels hear of escalations.
 */
import { SUPERVISION_EVENT_LABELS, type ChannelDefinition, type NotificationDraft, type SupervisionEvent } from '../alerts/alert.types.js';
import { ESTIMATED_DEADLINE_NOTE, type IsoDate } from '../work-calendar/work-calendar.js';

export interface NotifiedSupervision {
  id: string;
  title: string;
  /** What is asked of the department. */
  request: string;
  departmentCode: string;
  departmentName: string;
  /** Other departments told of the opening. */
  informed: readonly string[];
  deadline: IsoDate;
  deadlineEstimated: boolean;
  openedByName: string;
}

export interface SupervisionEventContext {
  /** The opener's comment when returning a reply. */
  comment?: string | null;
}

function deadlineText(s: NotifiedSupervision): string {
  return `${s.deadline}${s.deadlineEstimated ? `（${ESTIMATED_DEADLINE_NOTE}）` : ''}`;
}

/** Title and body of one 督办 notification, in Chinese. */
export function supervisionNotificationText(event: SupervisionEvent, s: NotifiedSupervision, context: SupervisionEventContext = {}): { title: string; body: string } {
  const head = `【${SUPERVISION_EVENT_LABELS[event]}】${s.title}`;
  switch (event) {
    case 'supervision_opened':
      return { title: head, body: `${s.openedByName}督办${s.departmentName}：${s.request}\n请签收并于${deadlineText(s)}前反馈原因分析、整改措施和预计完成时间。` };
    case 'supervision_returned':
      return { title: head, body: `${s.departmentName}的反馈被退回${context.comment ? `，意见：${context.comment}` : ''}。\n请于${deadlineText(s)}前重新反馈。` };
    case 'supervision_reminder':
      return { title: head, body: `${s.departmentName}承办的督办将于${deadlineText(s)}到期，尚未反馈，请抓紧办理。\n督办事项：${s.request}` };
    case 'supervision_escalated':
      return { title: head, body: `${s.departmentName}承办的督办已超过办理期限${deadlineText(s)}，仍未反馈，已逾期升级至区领导。\n督办事项：${s.request}` };
  }
}

/**
 * The key a receiver deduplicates on. `occurrence` tells apart events that can happen more than
 * once (each 退回 is its own step); opening, reminder and escalation happen once per 督办.
 */
export function supervisionIdempotencyKey(supervisionId: string, event: SupervisionEvent, channelCode: string, departmentCode: string | null, occurrence?: string): string {
  return `supervision:${supervisionId}:${event}${occurrence ? `#${occurrence}` : ''}:${channelCode}${departmentCode ? `:${departmentCode}` : ''}`;
}

/** The departments an event is for: the owner; on opening also the informed ones. */
function audience(s: NotifiedSupervision, event: SupervisionEvent): string[] {
  return event === 'supervision_opened' ? [...new Set([s.departmentCode, ...s.informed])] : [s.departmentCode];
}

/**
 * One outbox row per channel (and, for the all-departments inbox, per department) that should
 * hear the event. A channel's `events` filter applies; its severity and rule-type filters speak
 * of alerts and do not.
 */
export function routeSupervisionNotification(
  s: NotifiedSupervision,
  event: SupervisionEvent,
  channels: readonly ChannelDefinition[],
  context: SupervisionEventContext & { occurrence?: string } = {},
): NotificationDraft[] {
  const text = supervisionNotificationText(event, s, context);
  const departments = audience(s, event);
  const drafts: NotificationDraft[] = [];
  for (const channel of channels) {
    if (!channel.enabled) continue;
    const { events } = channel.filter;
    if (events && events.length > 0 && !events.includes(event)) continue;
    let targets: Array<string | null>;
    if (channel.kind === 'in_app' && channel.departmentCode === null) targets = departments;
    else if (channel.departmentCode !== null && departments.includes(channel.departmentCode)) targets = [channel.departmentCode];
    else if (channel.leaders && event === 'supervision_escalated') targets = [null];
    else continue;
    for (const department of targets) {
      drafts.push({
        channelCode: channel.code,
        channelKind: channel.kind,
        departmentCode: department ?? s.departmentCode,
        event,
        idempotencyKey: supervisionIdempotencyKey(s.id, event, channel.code, channel.kind === 'in_app' ? department : null, context.occurrence),
        ...text,
      });
    }
  }
  return drafts;
}
