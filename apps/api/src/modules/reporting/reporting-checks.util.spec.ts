import { describe, expect, it } from 'vitest';
import { escapeCell, jumpWarnings, toCsv } from './reporting-checks.util.js';

describe('jump warnings', () => {
  const month = { basis: 'month' as const, kind: 'flow' as const, frequency: 'monthly' as const };

  it('warns when a month jumps more than 50 % over last month', () => {
    const warnings = jumpWarnings({ ...month, value: '150', previous: { period: '2026-09', value: '90' } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'month_on_month', comparedPeriod: '2026-09', changePct: 66.7 });
    expect(warnings[0]!.message).toContain('较上月（2026-09：90）增长66.7%');
  });

  it('stays quiet within the thresholds and warns on a fall of more than 80 % year on year', () => {
    expect(jumpWarnings({ ...month, value: '130', previous: { period: '2026-09', value: '90' }, lastYear: { period: '2025-10', value: '100' } })).toEqual([]);
    const [warning] = jumpWarnings({ ...month, value: '10', lastYear: { period: '2025-10', value: '100' } });
    expect(warning).toMatchObject({ kind: 'year_on_year', changePct: -90 });
    expect(warning!.message).toContain('下降90%');
  });

  it('compares a year-to-date flow with last year only, and flags a jump from zero', () => {
    const ytd = { basis: 'ytd' as const, kind: 'flow' as const, frequency: 'monthly' as const };
    expect(jumpWarnings({ ...ytd, value: '200', previous: { period: '2026-09', value: '100' } })).toEqual([]);
    expect(jumpWarnings({ ...month, value: '5', previous: { period: '2026-09', value: '0' } })[0]).toMatchObject({ changePct: null });
  });

  it('never compares a 1–2月 span with last month', () => {
    expect(jumpWarnings({ ...month, value: '500', spanStart: '2026-01', previous: { period: '2026-01', value: '100' } })).toEqual([]);
  });
});

describe('spreadsheet cell escaping', () => {
  it('prefixes a quote to text starting with = + - @ tab or carriage return', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(escapeCell(text)).toBe(`'${text}`);
    expect(escapeCell('原煤产量')).toBe('原煤产量');
    expect(escapeCell('-12.5')).toBe('-12.5');
  });

  it('writes CSV with a BOM, quotes and escaped cells', () => {
    const csv = toCsv([['a', 'b,c'], ['=HYPERLINK("x")', '1']]).toString('utf8');
    expect(csv).toBe('\uFEFFa,"b,c"\r\n"\'=HYPERLINK(""x"")",1\r\n');
  });
});
