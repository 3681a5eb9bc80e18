import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPeriod } from '../periods/periods.js';
import { assessIndicator } from './assess.js';
import type { Figure } from './assessment.types.js';
import { coalOutput } from './fixtures.test.js';
import { FigureIndex } from './resolve-value.js';

const INDICATORS = ['coal', 'glass', 'steel'];
const REGIONS = ['140404', '140404101', '140404103'];
const YEARS = [2025, 2026];

/** Figures in force as the database gives them: one per figure, ordered by indicator, region, period, basis. */
const figuresOf = (indicators: string[]) =>
  fc
    .uniqueArray(
      fc.record({
        indicatorCode: fc.constantFrom(...indicators),
        regionCode: fc.constantFrom(...REGIONS),
        period: fc.tuple(fc.constantFrom(...YEARS), fc.integer({ min: 1, max: 12 })).map(([y, m]) => formatPeriod(y, m)),
        basis: fc.constantFrom('month' as const, 'ytd' as const),
        value: fc.integer({ min: 0, max: 9_999_999 }).map((n) => (n / 100).toString()),
        sample: fc.boolean(),
        provisional: fc.constant(false),
      }),
      { selector: (f) => `${f.indicatorCode}|${f.regionCode}|${f.period}|${f.basis}`, maxLength: 80 },
    )
    .map((figures): Figure[] =>
      figures
        .map((f) => ({ ...f, spanStart: null }))
        .sort((a, b) => `${a.indicatorCode}|${a.regionCode}|${a.period}|${a.basis}`.localeCompare(`${b.indicatorCode}|${b.regionCode}|${b.period}|${b.basis}`)),
    );

const indicator = (code: string) => coalOutput({ code, name: code, chainCode: null, regionCodes: REGIONS.slice(1) });

/** Everything the progress engine asks an index, for every indicator, region and month. */
function answers(index: FigureIndex) {
  return INDICATORS.flatMap((code) =>
    REGIONS.flatMap((region) => [
      index.of(code, region),
      YEARS.flatMap((year) => Array.from({ length: 12 }, (_, m) => index.flowYtd(code, region, year, m + 1))),
      index.firstMissingMonth(code, region, '2026-10'),
      assessIndicator({
        indicator: indicator(code),
        regionCode: region,
        districtCode: '140404',
        period: '2026-10',
        figures: index,
        targets: [{ indicatorCode: code, regionCode: region, year: 2026, value: '5000', trajectory: 'linear', baseline: false, anchor: false, annual: true, illustrative: true }],
      }),
    ]),
  );
}

describe('FigureIndex.replacing (the overview after a change recomputes only the changed indicators)', () => {
  it('answers exactly as an index built from scratch with the new figures, and leaves the old index as it was', () => {
    fc.assert(
      fc.property(
        figuresOf(INDICATORS),
        fc.subarray(INDICATORS, { minLength: 1 }),
        fc.boolean(),
        (before, changed, warm) => fc.assert(
          fc.property(figuresOf(changed), (replacement) => {
            const old = new FigureIndex(before);
            // Built flow years are shared: build them first half of the time.
            const oldAnswers = warm ? answers(old) : null;
            const replaced = old.replacing(changed, replacement);
            const fresh = new FigureIndex([...before.filter((f) => !changed.includes(f.indicatorCode)), ...replacement]);
            expect(answers(replaced)).toEqual(answers(fresh));
            expect(answers(old)).toEqual(oldAnswers ?? answers(new FigureIndex(before)));
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a figure of an indicator it does not replace, which would leak into the old index', () => {
    const coal: Figure = { indicatorCode: 'coal', regionCode: '140404', period: '2026-01', basis: 'ytd', spanStart: null, value: '1', sample: false, provisional: false };
    const old = new FigureIndex([coal]);
    expect(() => old.replacing(['glass'], [coal])).toThrow(/coal is not among the replaced indicators/);
    expect(old.of('coal', '140404')).toEqual([coal]);
  });
});
