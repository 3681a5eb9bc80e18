/**
 * The 督办 loop as pure functions: which step may follow which, who may take it, the colour a
 * deadline gives it today, and which reminder or escalation is due.
 */
import type { Role } from '../domain/types.js';
import { chinaDate } from '../briefing/briefing-text.js';
import { addWorkingDays, workingDaysBetween, type WorkCalendar, type WorkingDayResult } from '../work-calendar/work-calendar.js';
import {
  SUPERVISION_ACTION_LABELS,
  SUPERVISION_STATE_LABELS,
  type SupervisionAction,
  type SupervisionClock,
  type SupervisionColour,
  type SupervisionState,
} from './supervision.types.js';

/** Working days a department has to reply when the opener names none. */
export const DEFAULT_SUPERVISION_WORKING_DAYS = 5;
/** Yellow: the deadline is at most this many working days away. */
export const YELLOW_WITHIN_WORKING_DAYS = 2;
/** 签收 is on time within this many working days of opening (红黑榜). */
export const SIGN_WITHIN_WORKING_DAYS = 1;

const TRANSITIONS: Record<SupervisionAction, { from: readonly SupervisionState[]; to: SupervisionState }> = {
  sign: { from: ['open'], to: 'signed' },
  reply: { from: ['signed', 'returned', 'replied'], to: 'replied' },
  return: { from: ['replied'], to: 'returned' },
  close: { from: ['replied'], to: 'closed' },
};

export type TransitionResult = { ok: true; state: SupervisionState } | { ok: false; message: string };

/**
 * The state after `action`, or why it cannot be taken now. A department may add to its reply
 * before the opener decides; a reply needs a 签收 first; only a reply can be accepted or returned.
 */
export function nextSupervisionState(state: SupervisionState, action: SupervisionAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(state)) return { ok: true, state: rule.to };
  const label = SUPERVISION_ACTION_LABELS[action];
  const why =
    state === 'closed'
      ? '该督办已办结'
      : action === 'reply' && state === 'open'
        ? '请先签收再反馈'
        : (action === 'close' || action === 'return') && state !== 'replied'
          ? '部门尚未反馈，不能办结或退回'
          : `当前状态为“${SUPERVISION_STATE_LABELS[state]}”`;
  return { ok: false, message: `不能${label}：${why}` };
}

/**
 * Whether a rule's setting opens a 督办 for this alert now: it is red, still firing (nobody
 * acknowledged it), and has been for at least `afterWorkingDays` working days.
 */
export function isDueForAutomaticSupervision(
  calendar: WorkCalendar,
  alert: { state: string; severity: string; firedAt: Date },
  afterWorkingDays: number,
  now: Date,
): boolean {
  return alert.state === 'firing' && alert.severity === 'red' && workingDaysBetween(calendar, chinaDate(alert.firedAt), chinaDate(now)) >= afterWorkingDays;
}

/** Who is acting: a role and, for department accounts, the department. */
export interface SupervisionActor {
  role: Role;
  departmentCode: string | null;
}

/** Leaders (viewer accounts) and administrators see every 督办; a department its own. */
export function canReadSupervision(actor: SupervisionActor, ownerDepartment: string): boolean {
  return actor.role === 'admin' || actor.role === 'viewer' || actor.departmentCode === ownerDepartment;
}

/** Opening, 办结 and 退回 are the leaders' and administrators'. */
export function canOpenSupervision(actor: SupervisionActor): boolean {
  return actor.role === 'admin' || actor.role === 'viewer';
}

/** 签收 and 反馈: a reporter or reviewer of the owner department; 办结 / 退回: a leader or administrator. */
export function canTakeSupervisionAction(actor: SupervisionActor, ownerDepartment: string, action: SupervisionAction): boolean {
  if (action === 'close' || action === 'return') return canOpenSupervision(actor);
  return (actor.role === 'reporter' || actor.role === 'reviewer') && actor.departmentCode === ownerDepartment;
}

/** The deadline `workingDays` working days after the day (China time) it is opened. */
export function supervisionDeadline(calendar: WorkCalendar, openedAt: Date, workingDays = DEFAULT_SUPERVISION_WORKING_DAYS): WorkingDayResult {
  return addWorkingDays(calendar, chinaDate(openedAt), workingDays);
}

/**
 * 蓝 / 黄 / 红 from the deadline: red once the deadline day (China time) is over, yellow when it
 * is at most two working days away, blue before. The clock stops at a reply: a 督办 awaiting
 * the opener keeps the colour it had when the department replied. A closed one has none.
 */
export function supervisionColour(calendar: WorkCalendar, s: SupervisionClock, now: Date): SupervisionColour | null {
  if (s.state === 'closed') return null;
  const at = s.state === 'replied' && s.lastReplyAt ? s.lastReplyAt : now;
  const today = chinaDate(at);
  if (today > s.deadline) return 'red';
  if (s.deadline <= addWorkingDays(calendar, today, YELLOW_WITHIN_WORKING_DAYS).date) return 'yellow';
  return 'blue';
}

/** Whether the deadline is over and the department still owes a reply. */
export function isOverdue(s: SupervisionClock, now: Date): boolean {
  return s.state !== 'closed' && s.state !== 'replied' && chinaDate(now) > s.deadline;
}

/** The notices a colour calls for: a reminder at yellow, an escalation at red. */
export type SupervisionNotice = 'reminder' | 'escalation';

/**
 * What is due now, given what was already sent: a reminder once when the 督办 turns yellow, an
 * escalation once when it turns red (a red one that skipped yellow gets only the escalation).
 * Nothing once the department has replied or the 督办 is closed.
 */
export function dueSupervisionNotices(calendar: WorkCalendar, s: SupervisionClock, now: Date, sent: ReadonlySet<SupervisionNotice>): SupervisionNotice[] {
  if (s.state === 'closed' || s.state === 'replied') return [];
  const colour = supervisionColour(calendar, s, now);
  if (colour === 'red') return sent.has('escalation') ? [] : ['escalation'];
  if (colour === 'yellow') return sent.has('reminder') ? [] : ['reminder'];
  return [];
}
