import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import type { AlertCatalog } from './alert-catalog.js';
import { evaluateLateSubmission, nextReportingPeriod, overdueDays } from './evaluate.js';
import { CATALOG, rule } from './fixtures.test.js';

const NOW = new Date('2026-11-23T09:00:00+08:00');

/** A freshness entry whose figure is complete through its latest approved period. */
const fresh = (indicatorCode: string, latestApproved: Period | null) => ({ indicatorCode, latestApproved, completeThrough: latestApproved, lateRegions: [] });

describe('逾期未报: figures not approved by day N of the next month', () => {
  it('counts days overdue from the oldest missing period, 1 on the day after the deadline', () => {
    expect(overdueDays('2026-10', 'monthly', NOW, 10)).toBe(0);
    expect(overdueDays('2026-09', 'monthly', NOW, 10)).toBe(13);
    expect(overdueDays('2026-08', 'monthly', NOW, 10)).toBe(44);
    expect(overdueDays('2026-09', 'monthly', new Date('2026-11-11T00:30:00+08:00'), 10)).toBe(1);
    expect(overdueDays('2026-09', 'monthly', new Date('2026-11-10T23:30:00+08:00'), 10)).toBe(0);
    expect(overdueDays(null, 'monthly', NOW, 10)).toBe(13);
  });

  it('knows when each frequency reports next', () => {
    expect(nextReportingPeriod('2026-09', 'monthly')).toBe('2026-10');
    expect(nextReportingPeriod('2026-12', 'monthly')).toBe('2027-01');
    expect(nextReportingPeriod('2026-06', 'quarterly')).toBe('2026-09');
    expect(nextReportingPeriod('2026-12', 'quarterly')).toBe('2027-03');
    expect(nextReportingPeriod('2025-12', 'annual')).toBe('2026-12');
  });

  it('raises one alert per department listing its late indicators; red once overdue longer than redAfterDays', () => {
    const freshness = [
      fresh('coal_output', '2026-09'),
      fresh('intelligent_mines', '2026-09'),
      fresh('pv_glass_output', '2026-10'),
    ];
    const result = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 20 } }), freshness, CATALOG, NOW);
    expect(result.candidates).toHaveLength(1);
    expect(result.candidates[0]).toMatchObject({
      fingerprint: 'late_submission_test:department:energy',
      departmentCode: 'energy',
      severity: 'yellow',
      condition: 'overdue',
      period: '2026-10',
      title: '逾期未报：能源局2026年10月数据',
    });
    expect(result.candidates[0]!.message).toContain('原煤产量（最新已审核：2026年9月）');
    expect(result.candidates[0]!.message).toContain('应于2026-11-10前审核通过');
    expect(result.candidates[0]!.message).toContain('最长已逾期13天');
    expect(result.notes['late_submission_test:department:industry']).toContain('均已审核通过');
    const red = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 10 } }), freshness, CATALOG, NOW);
    expect(red.candidates[0]).toMatchObject({ condition: 'overdueLong', severity: 'red' });
  });

  it('names the towns missing from a district sum, and tells them too', () => {
    // 能源局's October coal is in for every town but 西火镇, which stopped at August.
    const coal = { indicatorCode: 'coal_output', latestApproved: '2026-10' as const, completeThrough: '2026-08' as const, lateRegions: [{ regionCode: '140404103', latestApproved: '2026-08' as const, missingFrom: null }] };
    const result = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 60 } }), [coal], CATALOG, NOW);
    expect(result.candidates[0]).toMatchObject({ departmentCode: 'energy', departments: ['energy', 'town_xihuo'], period: '2026-10' });
    // The title names the month that is late, not only the latest one due.
    expect(result.candidates[0]!.title).toBe('逾期未报：能源局2026年9月至2026年10月数据');
    expect(result.candidates[0]!.message).toContain('原煤产量（西火镇最新已审核：2026年8月）');
    expect(result.candidates[0]!.message).toContain('最长已逾期44天');
    expect(result.candidates[0]!.message).toContain('责任单位：能源局、西火镇人民政府。');
    // A hole instead: 西火镇 reported October but not August, so its year-to-date stops at July.
    const hole = { ...coal, completeThrough: '2026-07' as const, lateRegions: [{ regionCode: '140404103', latestApproved: '2026-10' as const, missingFrom: '2026-08' as const }] };
    const asked = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 90 } }), [hole], CATALOG, NOW);
    expect(asked.candidates[0]!.message).toContain('原煤产量（西火镇缺2026年8月）');
    expect(asked.candidates[0]!.departments).toEqual(['energy', 'town_xihuo']);
    // Complete through October: nothing is late, whatever the towns' own dates.
    expect(evaluateLateSubmission(rule('late_submission'), [{ ...coal, completeThrough: '2026-10' }], CATALOG, NOW).candidates).toEqual([]);
  });

  it("lets an indicator's own later deadline win over the rule's day", () => {
    // energy_per_output (quarterly, deadline day 15): Q3 due by 15 October.
    const quarterly = [fresh('energy_per_output', '2026-06')];
    const early = new Date('2026-10-12T09:00:00+08:00');
    expect(evaluateLateSubmission(rule('late_submission', { params: { dueDay: 10 } }), quarterly, CATALOG, early).candidates).toEqual([]);
    const later = new Date('2026-10-16T09:00:00+08:00');
    expect(evaluateLateSubmission(rule('late_submission', { params: { dueDay: 10 } }), quarterly, CATALOG, later).candidates[0]).toMatchObject({
      departmentCode: 'development_reform',
      period: '2026-09',
    });
  });

  it('respects scope by department and chain', () => {
    const freshness = [
      fresh('coal_output', '2026-09'),
      fresh('pv_glass_output', '2026-08'),
    ];
    const onlyPv = evaluateLateSubmission(rule('late_submission', { scope: { chains: ['pv'] } }), freshness, CATALOG, NOW);
    expect(onlyPv.candidates.map((c) => c.departmentCode)).toEqual(['industry']);
    const onlyEnergy = evaluateLateSubmission(rule('late_submission', { scope: { departments: ['energy'] } }), freshness, CATALOG, NOW);
    expect(onlyEnergy.candidates.map((c) => c.departmentCode)).toEqual(['energy']);
  });

  describe('an indicator published for January and February together (1–2月)', () => {
    const combined = { janFebCombined: true };
    /** The fixture catalog with 光伏玻璃产量 published as 1–2月. */
    const COMBINED_CATALOG: AlertCatalog = {
      ...CATALOG,
      indicators: new Map([...CATALOG.indicators].map(([code, i]) => [code, code === 'pv_glass_output' ? { ...i, janFebCombined: true } : i])),
    };
    const decemberApproved = [fresh('pv_glass_output', '2025-12')];

    it('reports February after December, and counts days overdue from day 10 of March', () => {
      expect(nextReportingPeriod('2025-12', 'monthly', combined)).toBe('2026-02');
      expect(nextReportingPeriod('2026-02', 'monthly', combined)).toBe('2026-03');
      expect(nextReportingPeriod('2025-12', 'quarterly', combined)).toBe('2026-03');
      expect(overdueDays('2025-12', 'monthly', new Date('2026-02-20T09:00:00+08:00'), 10, combined)).toBe(0);
      expect(overdueDays('2025-12', 'monthly', new Date('2026-03-11T00:30:00+08:00'), 10, combined)).toBe(1);
      expect(overdueDays('2025-12', 'monthly', new Date('2026-03-23T09:00:00+08:00'), 10, combined)).toBe(13);
      // Without the flag, January's deadline (10 February) counts.
      expect(overdueDays('2025-12', 'monthly', new Date('2026-03-23T09:00:00+08:00'), 10)).toBe(41);
    });

    it('raises no alert in February with December approved', () => {
      for (const day of ['2026-02-11', '2026-02-20', '2026-02-28', '2026-03-10']) {
        const result = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 10 } }), decemberApproved, COMBINED_CATALOG, new Date(`${day}T09:00:00+08:00`));
        expect(result.candidates).toEqual([]);
        expect(result.notes['late_submission_test:department:industry']).toContain('均已审核通过');
      }
      // The same figures without the flag: January is late, red after 10 days.
      const plain = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 10 } }), decemberApproved, CATALOG, new Date('2026-02-28T09:00:00+08:00'));
      expect(plain.candidates[0]).toMatchObject({ period: '2026-01', severity: 'red' });
    });

    it('asks for February (the 1–2月 figure) once day 10 of March is over', () => {
      const result = evaluateLateSubmission(rule('late_submission', { params: { redAfterDays: 10 } }), decemberApproved, COMBINED_CATALOG, new Date('2026-03-13T09:00:00+08:00'));
      expect(result.candidates).toHaveLength(1);
      expect(result.candidates[0]).toMatchObject({ departmentCode: 'industry', period: '2026-02', condition: 'overdue', severity: 'yellow', title: '逾期未报：工信局2026年2月数据' });
      expect(result.candidates[0]!.message).toContain('应于2026-03-10前审核通过');
      expect(result.candidates[0]!.message).toContain('最长已逾期3天');
      expect(result.candidates[0]!.details).toMatchObject({ expectedPeriod: '2026-02', deadline: '2026-03-10', overdueDays: 3 });
    });
  });
});
