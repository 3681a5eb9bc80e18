import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_CATALOG } from '../testing/catalog.js';
import { applyFileRules, ytdOrderApplies, type AcceptedFigure } from '../transform/transform-rows.js';
import { SERIES_WATCH_LIMITS, SeriesWatch, seriesKey, type SeriesWatchLimits } from './staged-file-rules.js';

const indicators = new Map(TEST_CATALOG.indicators.map((i) => [i.code, i]));
const regions = new Map(TEST_CATALOG.regions.map((r) => [r.code, r]));

interface Row {
  indicator: string;
  region: string;
  year: number;
  month: number;
  ytd: boolean;
  value: string;
}

const figures = (rows: Row[]): AcceptedFigure[] =>
  rows.map((row, seq) => ({
    seq,
    record: {
      indicator: row.indicator,
      region: row.region,
      period: `${row.year}-${String(row.month).padStart(2, '0')}` as `${number}-${number}`,
      basis: row.ytd ? 'ytd' : 'month',
      value: row.value,
      position: { file: 'f.csv', row: seq + 2 },
    },
    indicator: indicators.get(row.indicator)!,
    regionItem: regions.get(row.region)!,
    year: row.year,
    month: row.month,
  }));

// A small space, so that figures meet: the same figure twice, YTDs out of order, equal values written two ways.
const row = fc.record({
  // COAL_OUTPUT keeps the YTD order; PROFIT (may be negative) and SMART_MINES (a stock) do not.
  indicator: fc.constantFrom('COAL_OUTPUT', 'PROFIT', 'SMART_MINES'),
  region: fc.constantFrom('140404103', '140404104'),
  year: fc.constantFrom(2024, 2025),
  month: fc.integer({ min: 1, max: 6 }),
  ytd: fc.boolean(),
  // 0.30000000000000001 and 0.3 are the same double, not the same figure.
  value: fc.constantFrom('1', '1.0', '2', '2.50', '2.5', '10', '0.3', '0.30000000000000001'),
});

const limits = fc.record({
  openSeries: fc.integer({ min: 1, max: 6 }),
  suspects: fc.integer({ min: 0, max: 8 }),
  putAwayBits: fc.constantFrom(32, 256, 1 << 16),
});

function watched(all: AcceptedFigure[], watchLimits: SeriesWatchLimits = SERIES_WATCH_LIMITS): SeriesWatch {
  const watch = new SeriesWatch(watchLimits);
  for (const figure of all) watch.add(figure);
  return watch;
}

/** The series that hold a figure twice or a YTD (in order) below an earlier month's, by brute force. */
function breaking(all: AcceptedFigure[]): Set<string> {
  const found = new Set<string>();
  for (const a of all) {
    for (const b of all) {
      if (a === b || seriesKey(a) !== seriesKey(b)) continue;
      const ordered = a.record.basis === 'ytd' && ytdOrderApplies(a.indicator);
      if (a.month === b.month || (ordered && a.month < b.month && new Decimal(b.record.value).lt(a.record.value))) found.add(seriesKey(a));
    }
  }
  return found;
}

describe('SeriesWatch', () => {
  it('makes suspect every series a file-wide rule rejects in, within any limits, unless it gives up', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), limits, (rows, watchLimits) => {
        const all = figures(rows);
        const watch = watched(all, watchLimits);
        if (watch.gaveUp) return;
        for (const reject of applyFileRules(all).rejects) expect(watch.suspects).toContain(seriesKey(all[reject.seq]!));
      }),
      { numRuns: 500 },
    );
  });

  it('within its limits, makes suspect exactly the series with a figure twice or a YTD below an earlier month', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const all = figures(rows);
        const watch = watched(all);
        expect(watch.gaveUp).toBe(false);
        expect(watch.suspects).toEqual(breaking(all));
      }),
      { numRuns: 500 },
    );
  });

  it('a series put away that comes back is suspect; one that does not is not', () => {
    const [a1, b1, a2, c1] = figures([
      { indicator: 'COAL_OUTPUT', region: '140404103', year: 2025, month: 1, ytd: false, value: '1' },
      { indicator: 'COAL_OUTPUT', region: '140404104', year: 2025, month: 1, ytd: false, value: '1' },
      { indicator: 'COAL_OUTPUT', region: '140404103', year: 2025, month: 2, ytd: false, value: '1' },
      { indicator: 'FAI', region: '140404104', year: 2025, month: 1, ytd: false, value: '1' },
    ]);
    const watch = watched([a1!, b1!, a2!, c1!], { openSeries: 1, suspects: 10, putAwayBits: 1 << 16 });
    expect([...watch.suspects]).toEqual([seriesKey(a1!)]);
  });

  it('gives up past its suspect limit: the database decides then', () => {
    const rows: Row[] = [1, 2, 3].flatMap((month) => [
      { indicator: 'COAL_OUTPUT', region: '140404103', year: 2025, month, ytd: false, value: '1' },
      { indicator: 'COAL_OUTPUT', region: '140404103', year: 2025, month, ytd: false, value: '1' },
    ]);
    expect(watched(figures(rows.slice(0, 2)), { ...SERIES_WATCH_LIMITS, suspects: 0 }).gaveUp).toBe(true);
    expect(watched(figures(rows), { ...SERIES_WATCH_LIMITS, suspects: 1 }).gaveUp).toBe(false);
  });
});
