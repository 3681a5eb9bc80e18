import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_GROUPING } from '../alerts/digest.js';
import { parsePlan, PlanValidationError } from './parse.js';

const shipped = readFileSync(fileURLToPath(new URL('../../../../plan/shangdang.plan.yaml', import.meta.url)), 'utf8');

describe('the plan file’s notifications: section (digest defaults)', () => {
  it('ships Alertmanager’s defaults: group_wait 30 s, group_interval 5 minutes', () => {
    expect(parsePlan(shipped).notifications).toEqual({ waitSeconds: 30, intervalSeconds: 300 });
  });

  it('is optional: without it the defaults apply', () => {
    const without = shipped.replace(/^notifications:\n(?: {2}.*\n)+/m, '');
    expect(without).not.toMatch(/^notifications:/m);
    expect(parsePlan(without).notifications).toEqual(DEFAULT_NOTIFICATION_GROUPING);
  });

  it('refuses a negative wait, naming the place', () => {
    const text = shipped.replace('groupWaitSeconds: 30', 'groupWaitSeconds: -1');
    expect(() => parsePlan(text)).toThrow(PlanValidationError);
    try {
      parsePlan(text);
    } catch (error) {
      expect((error as PlanValidationError).issues.map((i) => i.path)).toContain('notifications.groupWaitSeconds');
    }
  });
});
