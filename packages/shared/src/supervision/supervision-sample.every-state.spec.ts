import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkCalendarYaml } from '../work-calendar/work-calendar.js';
import { nextSupervisionState, supervisionColour } from './supervision.js';
import { sampleSupervisions } from './supervision-sample.js';
import { SUPERVISION_STATES, type SupervisionAction, type SupervisionStepKind } from './supervision.types.js';

const calendar = parseWorkCalendarYaml(readFileSync(fileURLToPath(new URL('../../../../plan/work-calendar.yaml', import.meta.url)), 'utf8'));
const ACTION_OF: Partial<Record<SupervisionStepKind, SupervisionAction>> = { signed: 'sign', replied: 'reply', returned: 'return', closed: 'close' };

describe('sample 督办', () => {
  it('has one in every state, and a blue, a yellow and a red one, whatever day it is', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2021-03-01T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z'), noInvalidDate: true }), (now) => {
        const samples = sampleSupervisions(calendar, now);
        expect(new Set(samples.map((s) => s.state))).toEqual(new Set(SUPERVISION_STATES));
        const colours = samples.map((s) => supervisionColour(calendar, { state: s.state, deadline: s.deadline, lastReplyAt: s.steps.filter((st) => st.kind === 'replied').at(-1)?.at ?? null }, now));
        for (const colour of ['blue', 'yellow', 'red'] as const) expect(colours, now.toISOString()).toContain(colour);
      }),
      { numRuns: 60 },
    );
  });

  it('has only timelines the loop allows, in time order, none in the future', () => {
    const now = new Date('2026-11-23T07:00:00+08:00');
    for (const s of sampleSupervisions(calendar, now)) {
      for (const step of s.steps) {
        expect(step.at.getTime()).toBeLessThanOrEqual(now.getTime());
        const action = ACTION_OF[step.kind];
        if (action) expect(nextSupervisionState(step.stateBefore!, action)).toEqual({ ok: true, state: step.stateAfter });
      }
      expect(s.steps.map((st) => st.at.getTime())).toEqual(s.steps.map((st) => st.at.getTime()).sort((a, b) => a - b));
      expect(s.steps.at(-1)!.stateAfter).toBe(s.state);
    }
  });
});
