import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import { evaluateAnomaly, evaluateStalledProjects, type ProjectForAlert, type SeriesFigure } from './evaluate.js';
import { CATALOG, rule } from './fixtures.test.js';

function monthly(indicatorCode: string, regionCode: string, values: Record<string, string>, basis: 'month' | 'ytd' = 'month'): SeriesFigure[] {
  return Object.entries(values).map(([period, value]) => ({ indicatorCode, regionCode, period: period as Period, basis, spanStart: null, value, sample: false }));
}

describe('数据异常: jumps and impossible values in the latest figure', () => {
  it('flags a month-on-month jump beyond the threshold, and not a normal month', () => {
    const figures = monthly('coal_output', '140404', { '2026-08': '280', '2026-09': '285', '2026-10': '600' });
    const result = evaluateAnomaly(rule('anomaly', { params: { momPct: 50, yoyPct: 0 } }), figures, CATALOG, '2026-10');
    expect(result.candidates[0]).toMatchObject({ condition: 'jump', severity: 'yellow', period: '2026-10', fingerprint: 'anomaly_test:indicator:coal_output@140404' });
    expect(result.candidates[0]!.message).toContain('环比+110.5%');
    expect(result.candidates[0]!.message).toContain('请能源局核实');
    const normal = monthly('coal_output', '140404', { '2026-09': '285', '2026-10': '290' });
    expect(evaluateAnomaly(rule('anomaly'), normal, CATALOG, '2026-10').candidates).toEqual([]);
  });

  it('compares a figure spanning months per month (1–2月 reported together)', () => {
    const figures: SeriesFigure[] = [
      { indicatorCode: 'coal_output', regionCode: '140404', period: '2026-02', basis: 'month', spanStart: '2026-01', value: '560', sample: false },
      { indicatorCode: 'coal_output', regionCode: '140404', period: '2026-03', basis: 'month', spanStart: null, value: '290', sample: false },
    ];
    expect(evaluateAnomaly(rule('anomaly', { params: { momPct: 20, yoyPct: 0 } }), figures, CATALOG, '2026-03').candidates).toEqual([]);
  });

  it('flags a year-on-year jump of the same month', () => {
    const figures = monthly('coal_output', '140404', { '2025-10': '100', '2026-09': '250', '2026-10': '260' });
    const result = evaluateAnomaly(rule('anomaly', { params: { momPct: 50, yoyPct: 80 } }), figures, CATALOG, '2026-10');
    expect(result.candidates[0]!.message).toContain('同比+160.0%');
  });

  it('calls a negative month impossible: a year-to-date that fell, or a negative level', () => {
    const fell = monthly('coal_output', '140404103', { '2026-09': '2700', '2026-10': '2650' }, 'ytd');
    const result = evaluateAnomaly(rule('anomaly'), fell, CATALOG, '2026-10');
    expect(result.candidates[0]).toMatchObject({ condition: 'impossible', severity: 'red', departments: ['energy', 'town_xihuo'] });
    expect(result.candidates[0]!.message).toContain('西火镇原煤产量2026年10月数据疑似异常');
    expect(result.candidates[0]!.message).toContain('负值');
    const level = monthly('intelligent_mines', '140404', { '2026-06': '3', '2026-09': '-1' });
    expect(evaluateAnomaly(rule('anomaly', { params: { momPct: 0, yoyPct: 0, negative: true } }), level, CATALOG, '2026-10').candidates[0]?.condition).toBe('impossible');
    expect(evaluateAnomaly(rule('anomaly', { params: { momPct: 0, yoyPct: 80, negative: false } }), level, CATALOG, '2026-10').candidates).toEqual([]);
  });

  it('ignores figures after the evaluation month', () => {
    const figures = monthly('coal_output', '140404', { '2026-09': '285', '2026-10': '290', '2026-11': '900' });
    expect(evaluateAnomaly(rule('anomaly'), figures, CATALOG, '2026-10').candidates).toEqual([]);
  });
});

function project(overrides: Partial<ProjectForAlert> = {}): ProjectForAlert {
  return {
    code: 'KP-003',
    name: '汇达再生资源项目',
    chainCode: 'pv',
    chainName: '光伏组件',
    regionCode: '140404106',
    regionName: '郝家庄镇',
    stage: 'started',
    plannedStart: '2026-03',
    actualStart: '2026-03',
    annualPlanInvestment: '12000',
    progress: [
      { period: '2026-03', investment: '1000' },
      { period: '2026-08', investment: '800' },
    ],
    sample: true,
    ...overrides,
  };
}

describe('项目停滞: key projects without progress or not started', () => {
  it('flags no progress for two months, owned by 发改局 and told to the town', () => {
    const result = evaluateStalledProjects(rule('stalled_project'), [project()], CATALOG, '2026-10');
    expect(result.candidates[0]).toMatchObject({
      fingerprint: 'stalled_project_test:project:KP-003',
      condition: 'noProgress',
      severity: 'yellow',
      departmentCode: 'development_reform',
      departments: ['development_reform', 'town_haojiazhuang'],
      title: '项目停滞：汇达再生资源项目（示例数据）',
    });
    expect(result.candidates[0]!.message).toContain('连续2个月无投资进展（最近一次：2026年8月）');
    expect(result.candidates[0]!.message).toContain('责任单位：发改局、郝家庄镇人民政府');
    expect(evaluateStalledProjects(rule('stalled_project', { params: { months: 3 } }), [project()], CATALOG, '2026-10').candidates).toEqual([]);
  });

  it('flags a planned start passed without 开工 (red), after the grace months', () => {
    const late = project({ stage: 'signed', actualStart: null, plannedStart: '2026-09', progress: [] });
    expect(evaluateStalledProjects(rule('stalled_project'), [late], CATALOG, '2026-10').candidates[0]).toMatchObject({ condition: 'notStarted', severity: 'red' });
    expect(evaluateStalledProjects(rule('stalled_project', { params: { notStartedGraceMonths: 2 } }), [late], CATALOG, '2026-10').candidates).toEqual([]);
  });

  it('scopes by chain and region', () => {
    expect(evaluateStalledProjects(rule('stalled_project', { scope: { chains: ['green_coal'] } }), [project()], CATALOG, '2026-10').candidates).toEqual([]);
    expect(evaluateStalledProjects(rule('stalled_project', { scope: { regions: ['140404106'] } }), [project()], CATALOG, '2026-10').candidates).toHaveLength(1);
  });
});
