import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../plan/parse.js';
import { mergeAlertRule, normalizeAlertRule, validateAlertRule } from './rule-schema.js';

describe('alert rules are data, validated once', () => {
  it('accepts every default rule the plan ships and fills the newer parameters', () => {
    const text = readFileSync(new URL('../../../../plan/shangdang.plan.yaml', import.meta.url), 'utf8');
    const plan = parsePlan(text);
    expect(plan.alertRules.map((r) => r.type).sort()).toEqual(['anomaly', 'late_submission', 'projected_shortfall', 'stalled_project', 'target_gap']);
    for (const stored of plan.alertRules) {
      const rule = normalizeAlertRule(stored);
      expect(rule.params.remindEveryHours).toBe(0);
    }
    const gap = normalizeAlertRule(plan.alertRules.find((r) => r.type === 'target_gap'));
    expect(gap.params).toEqual({ minMonth: 2, flowsOnly: false, remindEveryHours: 0 });
  });

  it('fills defaults: severity mapping, scope, time zone', () => {
    const result = validateAlertRule({ code: 'late_energy', type: 'late_submission', name: '能源局逾期', schedule: '0 9 * * *', scope: { departments: ['energy'] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rule).toMatchObject({
      params: { dueDay: 10, redAfterDays: 10, remindEveryHours: 0 },
      severity: { overdue: 'yellow', overdueLong: 'red' },
      scope: { chains: [], indicators: [], regions: [], departments: ['energy'] },
      timezone: 'Asia/Shanghai',
      enabled: true,
    });
  });

  it('names every problem: unknown parameter, bad cron, bad zone, scope that means nothing for the type', () => {
    const result = validateAlertRule({
      code: 'Bad Code',
      type: 'stalled_project',
      name: 'x',
      schedule: '0 25 * * *',
      timezone: 'Nowhere/City',
      params: { months: 0, colour: 'red' },
      scope: { indicators: ['coal_output'] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toContain('code');
    const second = validateAlertRule({ code: 'stalled', type: 'stalled_project', name: 'x', schedule: '0 25 * * *', timezone: 'Nowhere/City', params: { months: 0, colour: 'red' }, scope: { indicators: ['coal_output'] } });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['params.months', 'params', 'schedule', 'timezone', 'scope.indicators']));
    expect(second.issues.find((i) => i.path === 'schedule')?.message).toMatch(/小时/);
  });

  it('rejects a red line above the floor and an anomaly rule that checks nothing', () => {
    expect(validateAlertRule({ code: 'p', type: 'projected_shortfall', name: 'p', schedule: '0 8 * * *', params: { floorPct: 90, redBelowPct: 95 } }).ok).toBe(false);
    expect(validateAlertRule({ code: 'a', type: 'anomaly', name: 'a', schedule: '0 8 * * *', params: { momPct: 0, yoyPct: 0, negative: false } }).ok).toBe(false);
  });

  it('PATCH merges parameters key by key and keeps type and code', () => {
    const stored = normalizeAlertRule({ code: 'gap', type: 'target_gap', name: '滞后', schedule: '0 8 * * *', params: { minMonth: 3 } });
    const merged = validateAlertRule(mergeAlertRule(stored, { params: { remindEveryHours: 24 } as never, enabled: false }));
    expect(merged.ok && merged.rule).toMatchObject({ code: 'gap', type: 'target_gap', enabled: false, params: { minMonth: 3, remindEveryHours: 24 } });
  });
});
