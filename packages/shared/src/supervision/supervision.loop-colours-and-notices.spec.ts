import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ChannelDefinition } from '../alerts/alert.types.js';
import { dingtalkPayload, jsonPayload, wecomMessage, type OutgoingNotification } from '../alerts/payloads.js';
import { parseWorkCalendar } from '../work-calendar/work-calendar.js';
import {
  canReadSupervision,
  canTakeSupervisionAction,
  dueSupervisionNotices,
  isDueForAutomaticSupervision,
  isOverdue,
  nextSupervisionState,
  supervisionColour,
  supervisionDeadline,
  type SupervisionNotice,
} from './supervision.js';
import { routeSupervisionNotification, type NotifiedSupervision } from './supervision-notify.js';
import { SUPERVISION_ACTIONS, SUPERVISION_STATES, type SupervisionState } from './supervision.types.js';

const calendar = parseWorkCalendar(parse(readFileSync(fileURLToPath(new URL('../../../../plan/work-calendar.yaml', import.meta.url)), 'utf8')));
/** 10:00 in China on a date. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

describe('the loop: open → 签收 → 反馈 → 退回 → 反馈 → 办结', () => {
  it('follows the happy path with a return in between', () => {
    let state: SupervisionState = 'open';
    for (const action of ['sign', 'reply', 'return', 'reply', 'close'] as const) {
      const result = nextSupervisionState(state, action);
      expect(result.ok, `${action} from ${state}`).toBe(true);
      if (result.ok) state = result.state;
    }
    expect(state).toBe('closed');
  });

  it('says why a step cannot be taken', () => {
    expect(nextSupervisionState('open', 'reply')).toEqual({ ok: false, message: '不能反馈：请先签收再反馈' });
    expect(nextSupervisionState('signed', 'close')).toEqual({ ok: false, message: '不能办结：部门尚未反馈，不能办结或退回' });
    expect(nextSupervisionState('closed', 'reply')).toEqual({ ok: false, message: '不能反馈：该督办已办结' });
    expect(nextSupervisionState('signed', 'sign')).toEqual({ ok: false, message: '不能签收：当前状态为“已签收”' });
  });

  it('never leaves closed, and every state but closed has a way forward', () => {
    for (const state of SUPERVISION_STATES) {
      const moves = SUPERVISION_ACTIONS.filter((a) => nextSupervisionState(state, a).ok);
      if (state === 'closed') expect(moves).toEqual([]);
      else expect(moves.length).toBeGreaterThan(0);
    }
  });
});

describe('who may do what', () => {
  const leader = { role: 'viewer' as const, departmentCode: null };
  const energy = { role: 'reporter' as const, departmentCode: 'energy' };
  const energyReviewer = { role: 'reviewer' as const, departmentCode: 'energy' };
  const industry = { role: 'reporter' as const, departmentCode: 'industry' };
  it('lets the owner department sign and reply, leaders close and return, and nobody else', () => {
    expect(canTakeSupervisionAction(energy, 'energy', 'sign')).toBe(true);
    expect(canTakeSupervisionAction(energyReviewer, 'energy', 'reply')).toBe(true);
    expect(canTakeSupervisionAction(industry, 'energy', 'reply')).toBe(false);
    expect(canTakeSupervisionAction(energy, 'energy', 'close')).toBe(false);
    expect(canTakeSupervisionAction(leader, 'energy', 'close')).toBe(true);
    expect(canTakeSupervisionAction(leader, 'energy', 'sign')).toBe(false);
    expect(canReadSupervision(industry, 'energy')).toBe(false);
    expect(canReadSupervision(leader, 'energy')).toBe(true);
  });
});

describe('deadlines and colours on the working-day calendar', () => {
  it('opened on 2026-09-29 with 5 working days is due 2026-10-12, across 国庆 and the 调休 Saturday', () => {
    expect(supervisionDeadline(calendar, at('2026-09-29'), 5)).toEqual({ date: '2026-10-12', estimated: false });
  });

  it('turns yellow two working days before the deadline and red the day after it', () => {
    const s = { state: 'signed' as const, deadline: '2026-10-12', lastReplyAt: null };
    expect(supervisionColour(calendar, s, at('2026-09-30'))).toBe('blue');
    expect(supervisionColour(calendar, s, at('2026-10-08'))).toBe('blue'); // 10/9, 10/10, 10/12 still ahead
    expect(supervisionColour(calendar, s, at('2026-10-09'))).toBe('yellow'); // 10/10 (Saturday, worked), 10/12
    expect(supervisionColour(calendar, s, at('2026-10-12', '23:59'))).toBe('yellow');
    expect(supervisionColour(calendar, s, at('2026-10-13', '00:01'))).toBe('red');
    expect(isOverdue(s, at('2026-10-13'))).toBe(true);
  });

  it('stops the clock at a reply and has no colour once closed', () => {
    const replied = { state: 'replied' as const, deadline: '2026-10-12', lastReplyAt: at('2026-10-09') };
    expect(supervisionColour(calendar, replied, at('2026-10-20'))).toBe('yellow');
    expect(isOverdue(replied, at('2026-10-20'))).toBe(false);
    expect(supervisionColour(calendar, { ...replied, state: 'closed' }, at('2026-10-20'))).toBeNull();
  });

  it('reminds once at yellow and escalates once at red, and a red one that skipped yellow only escalates', () => {
    const s = { state: 'open' as const, deadline: '2026-10-12', lastReplyAt: null };
    expect(dueSupervisionNotices(calendar, s, at('2026-10-09'), new Set())).toEqual(['reminder']);
    expect(dueSupervisionNotices(calendar, s, at('2026-10-09'), new Set(['reminder']))).toEqual([]);
    expect(dueSupervisionNotices(calendar, s, at('2026-10-13'), new Set(['reminder']))).toEqual(['escalation']);
    expect(dueSupervisionNotices(calendar, s, at('2026-10-13'), new Set())).toEqual(['escalation']);
    expect(dueSupervisionNotices(calendar, { ...s, state: 'replied', lastReplyAt: at('2026-10-13') }, at('2026-10-14'), new Set())).toEqual([]);
  });

  it('law: however often it is checked, each notice is sent at most once, the escalation only when overdue', () => {
    const start = at('2026-09-01').getTime();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 * 86_400_000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 15 }), (offsets, days) => {
        const deadline = supervisionDeadline(calendar, new Date(start), days).date;
        const s = { state: 'signed' as const, deadline, lastReplyAt: null };
        const sent = new Set<SupervisionNotice>();
        const log: SupervisionNotice[] = [];
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          const now = new Date(start + offset);
          for (const notice of dueSupervisionNotices(calendar, s, now, sent)) {
            if (notice === 'escalation') expect(isOverdue(s, now)).toBe(true);
            sent.add(notice);
            log.push(notice);
          }
        }
        expect(new Set(log).size).toBe(log.length);
        if (log.includes('reminder') && log.includes('escalation')) expect(log).toEqual(['reminder', 'escalation']);
      }),
    );
  });
});

describe('automatic opening by a rule setting', () => {
  it('opens for a red alert still firing after N working days, counting across 国庆', () => {
    const alert = { state: 'firing', severity: 'red', firedAt: at('2026-09-29') };
    expect(isDueForAutomaticSupervision(calendar, alert, 3, at('2026-10-08'))).toBe(false); // 9/30, 10/8
    expect(isDueForAutomaticSupervision(calendar, alert, 3, at('2026-10-09'))).toBe(true);
    expect(isDueForAutomaticSupervision(calendar, { ...alert, state: 'acknowledged' }, 3, at('2026-10-20'))).toBe(false);
    expect(isDueForAutomaticSupervision(calendar, { ...alert, severity: 'yellow' }, 3, at('2026-10-20'))).toBe(false);
  });
});

describe('notifications', () => {
  const s: NotifiedSupervision = {
    id: '7',
    title: '原煤产量（上党区）序时滞后',
    request: '说明滞后原因并提出整改措施',
    departmentCode: 'energy',
    departmentName: '能源局',
    informed: ['town_xihuo'],
    deadline: '2026-10-12',
    deadlineEstimated: false,
    openedByName: '区领导',
  };
  const channels: ChannelDefinition[] = [
    { code: 'in_app', kind: 'in_app', departmentCode: null, enabled: true, filter: {} },
    { code: 'energy_mail', kind: 'email', departmentCode: 'energy', enabled: true, filter: {} },
    { code: 'industry_hook', kind: 'webhook', departmentCode: 'industry', enabled: true, filter: {} },
    { code: 'leaders_ding', kind: 'dingtalk', departmentCode: null, enabled: true, filter: {}, leaders: true },
    { code: 'district_hook', kind: 'webhook', departmentCode: null, enabled: true, filter: {} },
  ];

  it('tells the owner and the informed of an opening, the owner of a reminder, and the leaders of an escalation', () => {
    const opened = routeSupervisionNotification(s, 'supervision_opened', channels);
    expect(opened.map((d) => `${d.channelCode}:${d.departmentCode}`)).toEqual(['in_app:energy', 'in_app:town_xihuo', 'energy_mail:energy']);
    const reminder = routeSupervisionNotification(s, 'supervision_reminder', channels);
    expect(reminder.map((d) => d.idempotencyKey)).toEqual(['supervision:7:supervision_reminder:in_app:energy', 'supervision:7:supervision_reminder:energy_mail']);
    const escalated = routeSupervisionNotification(s, 'supervision_escalated', channels);
    expect(escalated.map((d) => d.channelCode)).toEqual(['in_app', 'energy_mail', 'leaders_ding']);
    expect(escalated[0]!.title).toBe('【督办逾期】原煤产量（上党区）序时滞后');
    expect(escalated[0]!.body).toContain('已超过办理期限2026-10-12');
  });

  it('keys each 退回 by its step, so a second return is a new message', () => {
    const first = routeSupervisionNotification(s, 'supervision_returned', channels, { occurrence: '11', comment: '措施不具体' });
    const second = routeSupervisionNotification(s, 'supervision_returned', channels, { occurrence: '14' });
    expect(first[0]!.idempotencyKey).toBe('supervision:7:supervision_returned#11:in_app:energy');
    expect(first[0]!.body).toContain('意见：措施不具体');
    expect(second[0]!.idempotencyKey).not.toBe(first[0]!.idempotencyKey);
  });

  it('@-mentions by mobile on WeCom (text message) and DingTalk (at.atMobiles) and links the 督办 page', () => {
    const n: OutgoingNotification = {
      idempotencyKey: 'k',
      event: 'supervision_reminder',
      title: '【督办临期提醒】原煤产量',
      body: '请抓紧办理',
      supervision: { id: '7', title: '原煤产量', state: 'signed', colour: 'yellow', deadline: '2026-10-12', deadlineEstimated: false, departmentCode: 'energy', url: 'https://pw.example/supervision/7', mentionMobiles: ['13800000001'] },
    };
    expect(wecomMessage(n)).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('https://pw.example/supervision/7'), mentioned_mobile_list: ['13800000001'] },
    });
    const ding = dingtalkPayload(n);
    expect(ding.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
    expect(ding.markdown.text).toContain('[查看督办详情](https://pw.example/supervision/7)');
    expect(ding.markdown.text).toContain('@13800000001');
    expect(jsonPayload(n)).toMatchObject({ supervision: { url: 'https://pw.example/supervision/7' } });
    expect(wecomMessage({ ...n, supervision: { ...n.supervision!, mentionMobiles: [] } }).msgtype).toBe('markdown');
  });
});
