/** The JSON the alert, notification and briefing endpoints serve. Times are ISO-8601 strings. */
import type { AlertType, Period, Severity } from '../domain/types.js';
import type {
  AlertRule,
  AlertState,
  AlertSubject,
  ChannelFilter,
  ChannelKind,
  DeliveryStatus,
  OutboxRowEvent,
} from './alert.types.js';
import type { NotificationGrouping } from './digest.js';

export interface AlertView {
  id: string;
  ruleCode: string;
  ruleName: string;
  type: AlertType;
  fingerprint: string;
  subject: AlertSubject;
  severity: Severity;
  state: AlertState;
  condition: string | null;
  period: Period | null;
  departmentCode: string | null;
  departmentName: string | null;
  departments: string[];
  title: string;
  message: string;
  details: Record<string, unknown>;
  sample: boolean;
  firedAt: string;
  lastEvaluatedAt: string;
  lastNotifiedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackComment: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolveComment: string | null;
}

/**
 * An alert as anonymous callers (the unattended wall screen) see it: what is wrong and how badly,
 * never who acknowledged or resolved it, their comments, or the departments told.
 */
export type PublicAlertView = Pick<AlertView, 'title' | 'severity' | 'subject' | 'state'>;

export interface AlertListResponse<Item extends PublicAlertView = AlertView> {
  total: number;
  items: Item[];
  /** Counts over the same filters, by state and severity. */
  counts: { firing: number; acknowledged: number; resolved: number; red: number; yellow: number };
}

/** Reporting's notices in a department's inbox: a return, 催报, the reminder before a deadline. */
export type ReportingNoticeEvent = 'returned' | 'urged' | 'due_soon';

export interface NotificationView {
  id: string;
  /** The alert told of; null for a 督办's notification, a reporting notice or a digest. */
  alertId: string | null;
  alertTitle: string | null;
  /** The 督办 told of; null for an alert's notification or a reporting notice. */
  supervisionId: string | null;
  /** The batch a return notice is about. */
  batchId: string | null;
  channelCode: string;
  channelKind: ChannelKind;
  event: OutboxRowEvent | ReportingNoticeEvent;
  idempotencyKey: string;
  departmentCode: string | null;
  title: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  readAt: string | null;
  /** The digest an alert notification went out in (its row's id); null when sent singly or not yet grouped. */
  digestId: string | null;
}

export interface InboxResponse {
  departmentCode: string;
  unread: number;
  items: NotificationView[];
}

export type AlertRuleView = AlertRule & {
  createdAt: string;
  updatedAt: string;
  /** Alerts of this rule now firing or acknowledged. */
  activeAlerts: number;
};

export interface ChannelView {
  code: string;
  kind: ChannelKind;
  departmentCode: string | null;
  enabled: boolean;
  /** The configuration with secrets replaced by "******". */
  config: Record<string, unknown>;
  filter: ChannelFilter;
  /** Its alert notifications' grouping into digests; null: each is sent singly. */
  grouping: NotificationGrouping | null;
  health: ChannelHealth;
}

/** How a channel is doing, for the administrators' channel page. */
export interface ChannelHealth {
  /** 故障: a refusal that retrying cannot mend (a wrong robot key, failed security check); its messages wait until it is fixed. */
  fault: { code: string; message: string; at: string } | null;
  /** Held back by a robot's rate limit until then (no retries are spent meanwhile). */
  pausedUntil: string | null;
  pauseReason: string | null;
  pending: number;
  dead: number;
  lastSentAt: string | null;
}

/** The answer of 测试发送. */
export interface ChannelTestResult {
  ok: boolean;
  /** Chinese: what happened, and on failure what to fix. */
  message: string;
  health: ChannelHealth;
}

/** Delivery settings the channel page shows (and warns about). */
export interface DeliverySettings {
  /** Absolute links in messages start with this. */
  publicWebUrl: string;
  /** false while PUBLIC_WEB_URL is not set (links then point at the development default). */
  publicWebUrlConfigured: boolean;
  /** The plan file's grouping defaults. */
  grouping: NotificationGrouping;
  /** Sends per robot URL and window, across all API processes. */
  robotRate: { limit: number; windowSeconds: number };
}

export interface SilenceView {
  id: string;
  ruleCode: string | null;
  fingerprint: string | null;
  departmentCode: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  active: boolean;
}

export interface RuleRunSummary {
  ruleCode: string;
  /** 'skipped': another process holds this rule or already ran this tick. */
  outcome: 'evaluated' | 'skipped' | 'failed';
  candidates: number;
  fired: number;
  escalated: number;
  resolved: number;
  reminded: number;
  notifications: number;
  error?: string;
}

export interface EvaluationSummary {
  trigger: 'schedule' | 'event' | 'api';
  at: string;
  rules: RuleRunSummary[];
}

export interface DeliverySummary {
  /** Digests composed in this pass (each stands for a group of waiting notifications). */
  digests: number;
  claimed: number;
  sent: number;
  retrying: number;
  dead: number;
  /** Put back without spending an attempt: the robot's rate limit is reached, or the vendor paused it. */
  deferred: number;
}

