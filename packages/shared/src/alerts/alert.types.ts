/**
 * The vocabulary of alerting (预警): rules, the alerts they raise, silences, channels and the
 * notifications that carry a change of state to a department. DOMAIN.md "Alerts the district
 * wants on a schedule" is the specification; everything here is data, no I/O and no clock.
 */
import type { AlertType, Period, Severity } from '../domain/types.js';

export const ALERT_STATES = ['firing', 'acknowledged', 'resolved'] as const;
/** firing → acknowledged (with a comment) → resolved; resolves by itself when the condition clears. */
export type AlertState = (typeof ALERT_STATES)[number];
export const ALERT_STATE_LABELS: Record<AlertState, string> = { firing: '预警中', acknowledged: '已确认', resolved: '已解除' };
export const SEVERITY_LABELS: Record<Severity, string> = { yellow: '黄色', red: '红色' };

/** What a notification tells: a new alert, a yellow alert turned red, a resolution, a reminder. */
export const NOTIFICATION_EVENTS = ['fired', 'escalated', 'resolved', 'reminder'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  fired: '新预警',
  escalated: '预警升级',
  resolved: '预警解除',
  reminder: '预警提醒',
};

/** What the outbox tells about a 督办: opened, a reply returned, the deadline near (yellow), overdue (red). */
export const SUPERVISION_EVENTS = ['supervision_opened', 'supervision_returned', 'supervision_reminder', 'supervision_escalated'] as const;
export type SupervisionEvent = (typeof SUPERVISION_EVENTS)[number];
export const SUPERVISION_EVENT_LABELS: Record<SupervisionEvent, string> = {
  supervision_opened: '督办',
  supervision_returned: '督办退回',
  supervision_reminder: '督办临期提醒',
  supervision_escalated: '督办逾期',
};
/** Every event a channel may choose to hear (its `filter.events`). */
export const OUTBOX_EVENTS = [...NOTIFICATION_EVENTS, ...SUPERVISION_EVENTS] as const;
export type OutboxEvent = NotificationEvent | SupervisionEvent;
/** What an outbox row carries: an event, or a digest standing for a group of alert notifications. */
export type OutboxRowEvent = OutboxEvent | 'digest';
/** What a message says it is (X-PlanWatch-Event): an outbox row's event, or an administrator's 测试发送. */
export type MessageEvent = OutboxRowEvent | 'test';

export const CHANNEL_KINDS = ['in_app', 'webhook', 'wecom', 'dingtalk', 'email'] as const;
/** in_app: the department inbox; webhook: plain JSON; wecom / dingtalk: group robots; email: SMTP. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Empty list = no restriction on that dimension. */
export interface AlertRuleScope {
  chains: string[];
  indicators: string[];
  regions: string[];
  departments: string[];
}

/** 督办 settings every rule type may carry (absent: off / the default deadline). */
export interface SupervisionRuleParams {
  /** A red alert still unacknowledged after this many working days opens a 督办 by itself. */
  superviseRedAfterDays?: number;
  /** Working days a 督办 opened from this rule's alerts gives the department (default 5). */
  superviseWorkingDays?: number;
}

/** Settings every rule type may carry besides its own. */
export interface CommonRuleParams extends SupervisionRuleParams {
  /** Its red alerts go out singly, at once, rather than in the channel's next digest. */
  notifyRedSingly?: boolean;
}

/** Parameters per rule type, every default filled in. */
export interface TargetGapParams extends CommonRuleParams {
  /** Evaluate only once data reaches this month of the year (one month of data is noisy). */
  minMonth: number;
  /** Flows only (序时进度 is a flow notion); false also watches stocks and ratios against the plan path. */
  flowsOnly: boolean;
  remindEveryHours: number;
}
export interface ProjectedShortfallParams extends CommonRuleParams {
  /** Projected completion below this percentage of the annual target → belowFloor. */
  floorPct: number;
  /** Below this → belowRed. */
  redBelowPct: number;
  minMonth: number;
  remindEveryHours: number;
}
export interface LateSubmissionParams extends CommonRuleParams {
  /** Day of the next month by which a month's figures must be approved (the indicator's own later deadline wins). */
  dueDay: number;
  /** Overdue by more than this many days → overdueLong. */
  redAfterDays: number;
  remindEveryHours: number;
}
export interface AnomalyParams extends CommonRuleParams {
  /** |month on month| above this percentage → jump; 0 disables. */
  momPct: number;
  /** |year on year| above this percentage → jump; 0 disables. */
  yoyPct: number;
  /** A negative value of a non-negative indicator → impossible. */
  negative: boolean;
  remindEveryHours: number;
}
export interface StalledProjectParams extends CommonRuleParams {
  /** Months without completed investment after which a started project is stalled. */
  months: number;
  /** Months of grace after the planned start before a project not started counts. */
  notStartedGraceMonths: number;
  remindEveryHours: number;
}

export interface AlertParamsByType {
  target_gap: TargetGapParams;
  projected_shortfall: ProjectedShortfallParams;
  late_submission: LateSubmissionParams;
  anomaly: AnomalyParams;
  stalled_project: StalledProjectParams;
}

/** Condition keys per type (PLAN_ALERT_SEVERITY_KEYS) mapped to a severity. */
export interface AlertSeverityByType {
  target_gap: { yellow: Severity; red: Severity };
  projected_shortfall: { belowFloor: Severity; belowRed: Severity };
  late_submission: { overdue: Severity; overdueLong: Severity };
  anomaly: { jump: Severity; impossible: Severity };
  stalled_project: { noProgress: Severity; notStarted: Severity };
}

interface RuleBase<T extends AlertType> {
  code: string;
  type: T;
  name: string;
  params: AlertParamsByType[T];
  severity: AlertSeverityByType[T];
  scope: AlertRuleScope;
  /** Five-field cron, evaluated in `timezone`. */
  schedule: string;
  timezone: string;
  enabled: boolean;
}

export type AlertRule =
  | RuleBase<'target_gap'>
  | RuleBase<'projected_shortfall'>
  | RuleBase<'late_submission'>
  | RuleBase<'anomaly'>
  | RuleBase<'stalled_project'>;

/** What an alert is about. Its key, prefixed by the rule code, is the alert's fingerprint. */
export type AlertSubject =
  | { kind: 'indicator'; indicatorCode: string; regionCode: string }
  | { kind: 'department'; departmentCode: string }
  | { kind: 'project'; projectCode: string };

/** A condition found true by one evaluation: an alert that should be firing. */
export interface AlertCandidate {
  fingerprint: string;
  ruleCode: string;
  type: AlertType;
  subject: AlertSubject;
  /** The condition key (e.g. 'red', 'belowFloor', 'overdueLong'). */
  condition: string;
  severity: Severity;
  /** The owner: who must act. */
  departmentCode: string;
  /** Every department told: the owner first, then e.g. the town the figure belongs to. */
  departments: string[];
  /** The month the alert speaks of. */
  period: Period | null;
  /** Short Chinese title, e.g. 序时滞后：原煤产量（上党区）. */
  title: string;
  /** One Chinese paragraph naming indicator, region, period, gap and owner. */
  message: string;
  details: Record<string, unknown>;
  sample: boolean;
}

/** The result of evaluating one rule: its candidates, and which subjects it looked at. */
export interface RuleEvaluation {
  candidates: AlertCandidate[];
  /** 'all': every subject in scope was looked at (alerts not found again resolve); else the fingerprints looked at. */
  evaluated: 'all' | string[];
}

/** The part of a stored alert its lifecycle depends on. */
export interface AlertSnapshot {
  id: string;
  fingerprint: string;
  ruleCode: string;
  state: AlertState;
  severity: Severity;
  departmentCode: string | null;
  departments: string[];
  /** The severity last told to the departments in this episode; null: not told yet (silenced). */
  notifiedSeverity: Severity | null;
  lastNotifiedAt: Date | null;
  /** Incremented with every notified event; part of each idempotency key. */
  eventSeq: number;
  title: string;
  message: string;
  period: Period | null;
  firedAt: Date;
}

export interface Silence {
  id: string;
  ruleCode: string | null;
  fingerprint: string | null;
  departmentCode: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** Optional filters a channel applies to what it receives. */
export interface ChannelFilter {
  /** Only alerts at least this severe. */
  minSeverity?: Severity;
  /** Only these rule types. */
  types?: AlertType[];
  /** Only these events. */
  events?: OutboxEvent[];
}

export interface ChannelDefinition {
  code: string;
  kind: ChannelKind;
  /** null: every department's alerts (a leaders' group); else only alerts this department owns or is told of. */
  departmentCode: string | null;
  enabled: boolean;
  filter: ChannelFilter;
  /** The district leaders' channel (config `leaders: true`): overdue 督办 are escalated to it. */
  leaders?: boolean;
  /** Alert notifications to it are grouped into digests (see digest.ts). */
  grouped?: boolean;
}

/** One outbox row to write in the same transaction as the alert's change. */
export interface NotificationDraft {
  channelCode: string;
  channelKind: ChannelKind;
  departmentCode: string | null;
  event: OutboxEvent;
  idempotencyKey: string;
  title: string;
  body: string;
  /**
   * Set: the notification waits for its channel's next digest of this group (the channel's
   * department, or '' for a district-wide channel); unset: sent singly.
   */
  digestGroup?: string;
}
