/**
 * Sample 督办 (示例数据): one in each state and colour, dated relative to `now` so a fresh start
 * always shows a blue, a yellow and a red one, a reply awaiting a decision, a returned reply and
 * a closed case. Steps name demo accounts by username; the API resolves them.
 */
import { chinaDate } from '../briefing/briefing-text.js';
import { addWorkingDays, workingDaysBetween, type IsoDate, type WorkCalendar } from '../work-calendar/work-calendar.js';
import type { SupervisionReply, SupervisionState, SupervisionStepKind, SupervisionSubject } from './supervision.types.js';

export interface SampleSupervisionStep {
  kind: SupervisionStepKind;
  at: Date;
  /** Demo account; null for what the system did. */
  username: string | null;
  stateBefore: SupervisionState | null;
  stateAfter: SupervisionState;
  comment?: string;
  reply?: SupervisionReply;
}

export interface SampleSupervision {
  title: string;
  subject: SupervisionSubject;
  subjectLabel: string;
  request: string;
  departmentCode: string;
  openedBy: string;
  openedAt: Date;
  workingDays: number;
  deadline: IsoDate;
  state: SupervisionState;
  steps: SampleSupervisionStep[];
}

/** The working day `n` working days before `date` (n ≥ 1). */
function workingDaysBefore(calendar: WorkCalendar, date: IsoDate, n: number): IsoDate {
  let day = date;
  do day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  while (workingDaysBetween(calendar, day, date) < n);
  return day;
}

/** 09:30 China time on a date, plus `minutes`. */
const morning = (date: IsoDate, minutes = 0) => new Date(Date.parse(`${date}T09:30:00+08:00`) + minutes * 60_000);

export function sampleSupervisions(calendar: WorkCalendar, now: Date): SampleSupervision[] {
  const today = chinaDate(now);
  const daysAgo = (n: number) => workingDaysBefore(calendar, today, n);
  const spec = (
    s: Omit<SampleSupervision, 'openedAt' | 'deadline' | 'state' | 'steps'> & { openedOn: IsoDate },
    steps: Array<Omit<SampleSupervisionStep, 'stateBefore'>>,
  ): SampleSupervision => {
    // Nothing dated after `now` (a start before 09:30 would otherwise see steps from later today).
    const notAfterNow = (at: Date) => new Date(Math.min(at.getTime(), now.getTime()));
    const openedAt = notAfterNow(morning(s.openedOn));
    const all: Array<Omit<SampleSupervisionStep, 'stateBefore'>> = [{ kind: 'opened', at: openedAt, username: s.openedBy, stateAfter: 'open', comment: s.request }, ...steps];
    let state: SupervisionState | null = null;
    const withBefore = all.map((step) => {
      const before = state;
      state = step.stateAfter;
      return { ...step, at: notAfterNow(step.at), stateBefore: before };
    });
    const { openedOn: _openedOn, ...rest } = s;
    return { ...rest, openedAt, deadline: addWorkingDays(calendar, s.openedOn, s.workingDays).date, state: state!, steps: withBefore };
  };
  const reply = (reason: string, measures: string, expectedBy: IsoDate): SupervisionReply => ({ reason, measures, expectedBy });
  const inAMonth = addWorkingDays(calendar, today, 20).date;

  const redOpened = daysAgo(7);
  const yellowOpened = daysAgo(3);
  const repliedOpened = daysAgo(4);
  const returnedOpened = daysAgo(6);
  const closedOpened = daysAgo(9);
  return [
    spec(
      { title: '数字装备制造业产值序时滞后', subject: { kind: 'indicator', indicatorCode: 'equipment_output_value', regionCode: '140404' }, subjectLabel: '数字装备制造业产值（上党区）', request: '请说明数字装备制造业产值滞后原因，提出整改措施和完成时限。', departmentCode: 'industry', openedBy: 'leader', workingDays: 5, openedOn: redOpened },
      [
        { kind: 'reminded', at: morning(addWorkingDays(calendar, redOpened, 3).date, -90), username: null, stateAfter: 'open' },
        { kind: 'escalated', at: morning(addWorkingDays(calendar, redOpened, 6).date, -570), username: null, stateAfter: 'open' },
      ],
    ),
    spec(
      { title: '原煤产量序时滞后', subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' }, subjectLabel: '原煤产量（上党区）', request: '请说明原煤产量低于序时进度的原因，提出增产保供措施。', departmentCode: 'energy', openedBy: 'leader', workingDays: 5, openedOn: yellowOpened },
      [
        { kind: 'signed', at: morning(yellowOpened, 120), username: 'energy', stateAfter: 'signed' },
        { kind: 'reminded', at: morning(today, -90), username: null, stateAfter: 'signed' },
      ],
    ),
    spec(
      { title: '西火镇重点指标滞后', subject: { kind: 'region', regionCode: '140404103' }, subjectLabel: '西火镇', request: '请西火镇梳理滞后指标，逐项提出整改措施。', departmentCode: 'town_xihuo', openedBy: 'admin', workingDays: 5, openedOn: today },
      [],
    ),
    spec(
      { title: '原煤产量（西火镇）数据异常核查', subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404103' }, subjectLabel: '原煤产量（西火镇）', request: '请核实西火镇原煤产量环比大幅波动的原因。', departmentCode: 'town_xihuo', openedBy: 'leader', workingDays: 5, openedOn: repliedOpened },
      [
        { kind: 'signed', at: morning(repliedOpened, 60), username: 'xihuo', stateAfter: 'signed' },
        { kind: 'replied', at: morning(daysAgo(1), 60), username: 'xihuo', stateAfter: 'replied', reply: reply('辖区一座煤矿9月检修停产，10月恢复生产，产量环比回升。', '已与企业核对台账，按核定数更正；督促企业按月报送。', inAMonth) },
      ],
    ),
    spec(
      { title: '装备制造企业数未达序时', subject: { kind: 'indicator', indicatorCode: 'equipment_enterprises', regionCode: '140404' }, subjectLabel: '规上装备制造企业（上党区）', request: '请说明规上装备制造企业培育进展，提出入规计划。', departmentCode: 'industry', openedBy: 'leader', workingDays: 8, openedOn: returnedOpened },
      [
        { kind: 'signed', at: morning(returnedOpened, 30), username: 'industry', stateAfter: 'signed' },
        { kind: 'replied', at: morning(daysAgo(3), 30), username: 'industry', stateAfter: 'replied', reply: reply('部分企业产值未达入规标准。', '加强培育。', inAMonth) },
        { kind: 'returned', at: morning(daysAgo(2), 30), username: 'leader', stateAfter: 'returned', comment: '措施不够具体，请列出拟入规企业名单和时间节点。' },
      ],
    ),
    spec(
      { title: '原煤产量10月数据逾期未报', subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404103' }, subjectLabel: '原煤产量（西火镇）', request: '请尽快补报10月数据并说明逾期原因。', departmentCode: 'town_xihuo', openedBy: 'leader', workingDays: 3, openedOn: closedOpened },
      [
        { kind: 'signed', at: morning(closedOpened, 45), username: 'xihuo', stateAfter: 'signed' },
        { kind: 'replied', at: morning(addWorkingDays(calendar, closedOpened, 2).date, 45), username: 'xihuo', stateAfter: 'replied', reply: reply('统计人员调整，交接延误。', '已补报并通过审核；明确专人负责月报。', addWorkingDays(calendar, closedOpened, 3).date) },
        { kind: 'closed', at: morning(addWorkingDays(calendar, closedOpened, 3).date, 120), username: 'leader', stateAfter: 'closed', comment: '同意办结。' },
      ],
    ),
  ];
}
