import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../domain/types.js';
import type { AlertCandidate, AlertSnapshot, NotificationEvent, Silence } from './alert.types.js';
import { canAcknowledge, canResolve, reconcileAlerts, type AlertChange } from './lifecycle.js';

const T0 = new Date('2026-11-23T00:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

function candidate(severity: Severity, fingerprint = 'gap:indicator:coal_output@140404'): AlertCandidate {
  return {
    fingerprint,
    ruleCode: 'gap',
    type: 'target_gap',
    subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' },
    condition: severity,
    severity,
    departmentCode: 'energy',
    departments: ['energy'],
    period: '2026-10',
    title: 't',
    message: 'm',
    details: {},
    sample: false,
  };
}

/** Applies changes the way the repository does, so sequences of evaluations can be simulated. */
function apply(store: Map<string, AlertSnapshot>, changes: AlertChange[], now: Date): NotificationEvent[] {
  const events: NotificationEvent[] = [];
  for (const change of changes) {
    if (change.kind === 'create') {
      store.set(change.candidate.fingerprint, {
        id: String(store.size + 1),
        fingerprint: change.candidate.fingerprint,
        ruleCode: change.candidate.ruleCode,
        state: 'firing',
        severity: change.candidate.severity,
        departmentCode: 'energy',
        departments: ['energy'],
        notifiedSeverity: change.notifiedSeverity,
        lastNotifiedAt: change.event ? now : null,
        eventSeq: change.event ? 1 : 0,
        title: 't',
        message: 'm',
        period: '2026-10',
        firedAt: now,
      });
    } else if (change.kind === 'update') {
      const a = change.alert;
      store.set(a.fingerprint, {
        ...a,
        state: change.state,
        severity: change.candidate.severity,
        notifiedSeverity: change.notifiedSeverity,
        lastNotifiedAt: change.event ? now : a.lastNotifiedAt,
        eventSeq: a.eventSeq + (change.event ? 1 : 0),
      });
    } else {
      store.set(change.alert.fingerprint, { ...change.alert, state: 'resolved', notifiedSeverity: null, eventSeq: change.alert.eventSeq + (change.event ? 1 : 0) });
    }
    if (change.event) events.push(change.event);
  }
  return events;
}

function run(store: Map<string, AlertSnapshot>, candidates: AlertCandidate[], now: Date, options: { silences?: Silence[]; remind?: number } = {}) {
  const changes = reconcileAlerts({ existing: [...store.values()], candidates, now, silences: options.silences ?? [], remindEveryHours: options.remind ?? 0 });
  return apply(store, changes, now);
}

describe('an alert is told once per change of state, never once per evaluation', () => {
  it('fires once, stays quiet while unchanged, escalates once, resolves once, re-fires as a new episode', () => {
    const store = new Map<string, AlertSnapshot>();
    expect(run(store, [candidate('yellow')], hours(0))).toEqual(['fired']);
    expect(run(store, [candidate('yellow')], hours(1))).toEqual([]);
    expect(run(store, [candidate('red')], hours(2))).toEqual(['escalated']);
    expect(run(store, [candidate('yellow')], hours(3))).toEqual([]);
    expect(run(store, [candidate('red')], hours(4))).toEqual([]);
    expect(run(store, [], hours(5))).toEqual(['resolved']);
    expect(run(store, [], hours(6))).toEqual([]);
    expect(run(store, [candidate('yellow')], hours(7))).toEqual(['fired']);
    expect(store.get(candidate('yellow').fingerprint)!.eventSeq).toBe(4);
  });

  it('reminds at the interval while firing, not once acknowledged', () => {
    const store = new Map<string, AlertSnapshot>();
    run(store, [candidate('yellow')], hours(0), { remind: 24 });
    expect(run(store, [candidate('yellow')], hours(23), { remind: 24 })).toEqual([]);
    expect(run(store, [candidate('yellow')], hours(24), { remind: 24 })).toEqual(['reminder']);
    expect(run(store, [candidate('yellow')], hours(30), { remind: 24 })).toEqual([]);
    const fp = candidate('yellow').fingerprint;
    store.set(fp, { ...store.get(fp)!, state: 'acknowledged' });
    expect(run(store, [candidate('yellow')], hours(100), { remind: 24 })).toEqual([]);
    // An acknowledged alert still escalates, and keeps its acknowledgement.
    const changes = reconcileAlerts({ existing: [...store.values()], candidates: [candidate('red')], now: hours(101), silences: [], remindEveryHours: 24 });
    expect(changes[0]).toMatchObject({ kind: 'update', state: 'acknowledged', event: 'escalated' });
  });

  it('records but does not tell while silenced, and tells once the silence is over', () => {
    const silence: Silence = { id: '1', ruleCode: 'gap', fingerprint: null, departmentCode: null, startsAt: hours(0), endsAt: hours(10), reason: '数据核查中' };
    const store = new Map<string, AlertSnapshot>();
    expect(run(store, [candidate('yellow')], hours(1), { silences: [silence] })).toEqual([]);
    expect(store.size).toBe(1);
    expect(run(store, [candidate('red')], hours(2), { silences: [silence] })).toEqual([]);
    expect(run(store, [candidate('red')], hours(11), { silences: [silence] })).toEqual(['fired']);
  });

  it('leaves an open alert alone while its subject cannot be judged (an incomplete sum), resolving it only once judged fine', () => {
    const store = new Map<string, AlertSnapshot>();
    const fp = candidate('yellow').fingerprint;
    run(store, [candidate('yellow')], hours(0));
    const held = reconcileAlerts({ existing: [...store.values()], candidates: [], now: hours(1), silences: [], remindEveryHours: 0, undetermined: [fp] });
    expect(held).toEqual([]);
    expect(run(store, [], hours(2))).toEqual(['resolved']);
  });

  it('resolves silently an alert nobody was told about', () => {
    const silence: Silence = { id: '1', ruleCode: null, fingerprint: null, departmentCode: 'energy', startsAt: hours(0), endsAt: hours(10), reason: '调整' };
    const store = new Map<string, AlertSnapshot>();
    run(store, [candidate('yellow')], hours(1), { silences: [silence] });
    expect(run(store, [], hours(12))).toEqual([]);
    expect(store.get(candidate('yellow').fingerprint)!.state).toBe('resolved');
  });

  it('allows acknowledging only a firing alert, resolving any active one', () => {
    expect(canAcknowledge('firing')).toBe(true);
    expect(canAcknowledge('acknowledged')).toBe(false);
    expect(canAcknowledge('resolved')).toBe(false);
    expect(canResolve('acknowledged')).toBe(true);
    expect(canResolve('resolved')).toBe(false);
  });

  const step = fc.oneof(fc.constant(null), fc.constantFrom<Severity>('yellow', 'red'));

  it('law: re-evaluating the same facts at the same time tells nothing new', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const store = new Map<string, AlertSnapshot>();
        steps.forEach((s, i) => {
          const candidates = s ? [candidate(s)] : [];
          run(store, candidates, hours(i));
          expect(run(store, candidates, hours(i))).toEqual([]);
        });
      }),
    );
  });

  it('law: notifications = episodes fired + escalations + resolutions, counted from the facts', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const store = new Map<string, AlertSnapshot>();
        const told: NotificationEvent[] = [];
        steps.forEach((s, i) => told.push(...run(store, s ? [candidate(s)] : [], hours(i))));
        let expected = 0;
        let active = false;
        let worst: Severity = 'yellow';
        for (const s of steps) {
          if (s && !active) {
            expected += 1;
            active = true;
            worst = s;
          } else if (s && active && s === 'red' && worst === 'yellow') {
            expected += 1;
            worst = 'red';
          } else if (!s && active) {
            expected += 1;
            active = false;
          }
        }
        expect(told).toHaveLength(expected);
        // Never two of the same kind in a row without a change in between.
        for (let i = 1; i < told.length; i++) expect(told[i] === 'resolved' && told[i - 1] === 'resolved').toBe(false);
      }),
    );
  });

  it('law: one alert per fingerprint, however candidates repeat', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 20 }), (fps) => {
        const store = new Map<string, AlertSnapshot>();
        const changes = reconcileAlerts({ existing: [], candidates: fps.map((f) => candidate('yellow', f)), now: T0, silences: [], remindEveryHours: 0 });
        apply(store, changes, T0);
        expect(changes.filter((c) => c.kind === 'create')).toHaveLength(new Set(fps).size);
      }),
    );
  });
});
