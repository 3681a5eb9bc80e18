import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import { checkFigures, type CheckedIndicator, type StoredFigure } from './check-figures.js';
import { coalOutput, context } from './checks.fixtures.test.js';

const indicator = (kind: CheckedIndicator['kind'], frequency: CheckedIndicator['frequency'] = 'monthly'): CheckedIndicator => ({ ...coalOutput(), code: 'x', kind, frequency, regionCodes: [] });
const stored = (period: Period, value: string, spanStart: Period | null = null): StoredFigure => ({ indicator: 'x', region: '140404', period, basis: 'month', value, spanStart, status: 'approved' });
const check = (ind: CheckedIndicator, period: Period, value: string, previous: StoredFigure, spanStart: Period | null = null) =>
  checkFigures([{ indicator: 'x', region: '140404', period, basis: 'month', value, spanStart }], context([previous], ind))[0]!;

describe('March against a 1–2月 figure', () => {
  const janFeb = stored('2026-02', '200', '2026-01');

  it('a flow is compared with the monthly average, and the message says so', () => {
    expect(check(indicator('flow'), '2026-03', '90', janFeb).hits).toEqual([]);
    const jump = check(indicator('flow'), '2026-03', '160', janFeb);
    expect(jump.hits[0]).toMatchObject({ rule: 'month_on_month', comparedPeriod: '2026-02', comparedValue: '100', changePct: 60 });
    expect(jump.hits[0]!.message).toBe('较1-2月月均（2026年1-2月合计200，月均100）增长60%，超出±50%的核实范围');
    expect(jump.comparisons.previous).toMatchObject({ label: '1-2月月均', value: '200', spanStart: '2026-01' });
    expect(check(indicator('flow'), '2026-04', '1', stored('2026-03', '100', '2026-01')).hits[0]).toMatchObject({ comparedValue: '33.3333' });
    expect(check(indicator('flow'), '2026-03', '5', stored('2026-02', '0', '2026-01')).hits[0]!.message).toBe('1-2月月均（2026年1-2月）为0，本期为5，请核实');
  });

  it('a stock is compared with the 1–2月 figure as it is, naming the span', () => {
    expect(check(indicator('stock'), '2026-03', '190', janFeb).hits).toEqual([]);
    const fall = check(indicator('stock'), '2026-03', '90', janFeb);
    expect(fall.hits[0]).toMatchObject({ comparedValue: '200', changePct: -55 });
    expect(fall.hits[0]!.message).toContain('较1-2月（2026年1-2月：200）下降55%');
  });

  it('a 1–2月 figure itself is never compared with last month', () => {
    expect(check(indicator('flow'), '2026-02', '500', stored('2026-01', '100'), '2026-01').hits).toEqual([]);
  });

  it('a quarter is compared with the last quarter as it is', () => {
    const q = check(indicator('flow', 'quarterly'), '2026-06', '90', stored('2026-03', '300', '2026-01'));
    expect(q.hits[0]!.message).toContain('较上季度（2026-03：300）下降70%');
  });
});
