/**
 * 督办 (supervised follow-up): a leader or an administrator asks a department to act on a lagging
 * figure by a deadline. The loop is 立项 → 签收 → 反馈（原因与整改措施）→ 办结, with 退回 sending a
 * reply back for another one. Everything here is data; no I/O and no clock.
 */
import type { IsoDate } from '../work-calendar/work-calendar.js';

/** open: 未签收; signed: 已签收, reply due; replied: 已反馈, awaiting the opener; returned: 已退回, reply due again; closed: 已办结. */
export const SUPERVISION_STATES = ['open', 'signed', 'replied', 'returned', 'closed'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];
export const SUPERVISION_STATE_LABELS: Record<SupervisionState, string> = {
  open: '未签收',
  signed: '已签收',
  replied: '已反馈',
  returned: '已退回',
  closed: '已办结',
};

/** What a person does to a 督办. */
export const SUPERVISION_ACTIONS = ['sign', 'reply', 'return', 'close'] as const;
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number];
export const SUPERVISION_ACTION_LABELS: Record<SupervisionAction, string> = { sign: '签收', reply: '反馈', return: '退回', close: '办结' };

/** 蓝: running; 黄: deadline within 2 working days; 红: overdue. */
export const SUPERVISION_COLOURS = ['blue', 'yellow', 'red'] as const;
export type SupervisionColour = (typeof SUPERVISION_COLOURS)[number];
export const SUPERVISION_COLOUR_LABELS: Record<SupervisionColour, string> = { blue: '蓝', yellow: '黄', red: '红' };

/** Timeline entries: the people's steps, and what the system did (reminded, escalated, saw the alert resolve). */
export const SUPERVISION_STEP_KINDS = ['opened', 'signed', 'replied', 'returned', 'closed', 'reminded', 'escalated', 'alert_resolved'] as const;
export type SupervisionStepKind = (typeof SUPERVISION_STEP_KINDS)[number];
export const SUPERVISION_STEP_LABELS: Record<SupervisionStepKind, string> = {
  opened: '立项督办',
  signed: '签收',
  replied: '反馈',
  returned: '退回',
  closed: '办结',
  reminded: '临期提醒',
  escalated: '逾期升级',
  alert_resolved: '预警已自动解除',
};

/** What a 督办 is about. */
export type SupervisionSubject =
  | { kind: 'alert'; alertId: string }
  | { kind: 'indicator'; indicatorCode: string; regionCode: string }
  | { kind: 'region'; regionCode: string }
  | { kind: 'project'; projectCode: string };

/** A department's reply: 原因分析、整改措施、预计完成时间. */
export interface SupervisionReply {
  reason: string;
  measures: string;
  expectedBy: IsoDate;
}

/** The part of a 督办 its colour and due notifications depend on. */
export interface SupervisionClock {
  state: SupervisionState;
  deadline: IsoDate;
  /** When the department last replied (the clock stops while a reply awaits the opener). */
  lastReplyAt: Date | null;
}
