/** Laws of the checks, for any figures (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_RULES, resolveCheckRules } from './check-rules.js';
import { checkFigures } from './check-figures.js';
import { hasExplanation } from './explanation.js';
import { COAL_TOWNS, coalHistory, coalOutput, context, XIHUO } from './checks.fixtures.test.js';

/** A positive figure with up to two decimals, from 0.01 to 10 million. */
const value = fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => String(n / 100));
const note = fc.option(fc.string({ maxLength: 12 }), { nil: undefined });
const september = { indicator: 'coal_output', region: XIHUO, period: '2026-09' as const, basis: 'month' as const };

describe('check laws', () => {
  it('refused ⇔ a hard hit; needs a 说明 ⇔ a soft hit and no 说明', () => {
    fc.assert(
      fc.property(value, note, (v, n) => {
        const [check] = checkFigures([{ ...september, value: v, note: n ?? null }], context(coalHistory()));
        expect(check!.refused).toBe(check!.hits.some((h) => h.level === 'hard'));
        expect(check!.needsExplanation).toBe(check!.hits.some((h) => h.level === 'soft') && !hasExplanation(n));
      }),
    );
  });

  it('scaling every figure by the same power of ten changes no rule hit and no percentage', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(10, 100, 1000), (v, k) => {
        const [base] = checkFigures([{ ...september, value: v }], context(coalHistory()));
        const [scaled] = checkFigures([{ ...september, value: String(Number(v) * k) }], context(coalHistory(k)));
        expect(scaled!.hits.map((h) => [h.rule, h.changePct ?? null])).toEqual(base!.hits.map((h) => [h.rule, h.changePct ?? null]));
        expect(scaled!.comparisons.share?.pct).toBe(base!.comparisons.share?.pct);
      }),
    );
  });

  it('a wider bound never adds a hit', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (v, pct, more) => {
        const rules = (p: number) => coalOutput(resolveCheckRules(DEFAULT_CHECK_RULES, { monthOnMonth: { pct: p }, yearOnYear: { pct: p }, regionShare: { tolerancePp: p / 10 } }));
        const narrow = checkFigures([{ ...september, value: v }], context(coalHistory(), rules(pct)))[0]!.hits.map((h) => h.rule);
        const wide = checkFigures([{ ...september, value: v }], context(coalHistory(), rules(pct + more)))[0]!.hits.map((h) => h.rule);
        expect(narrow).toEqual(expect.arrayContaining(wide));
      }),
    );
  });

  it('the towns checked together have shares adding up to the whole district', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 4, maxLength: 4 }), (values) => {
        const figures = COAL_TOWNS.map((region, i) => ({ ...september, region, value: values[i]! }));
        const shares = checkFigures(figures, context(coalHistory())).map((c) => c.comparisons.share!);
        expect(shares.every((s) => !s.estimated)).toBe(true);
        expect(Math.abs(shares.reduce((sum, s) => sum + s.pct, 0) - 100)).toBeLessThanOrEqual(0.2);
      }),
    );
  });

  it('a figure 10⁴ times the usual one of a 万-unit indicator is named as typed in the base unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.8, max: 1.25, noNaN: true }), (wobble) => {
        const typed = String(Math.round(87.41 * 10_000 * wobble));
        const [check] = checkFigures([{ ...september, value: typed }], context(coalHistory()));
        expect(check!.hits.find((h) => h.rule === 'magnitude')?.message).toContain('疑似以吨填报');
      }),
    );
  });

  it('a 说明 does not depend on the spaces and punctuation around it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.stringMatching(/^[\s，。、,.!?！？；;：:]{0,6}$/), (text, padding) => {
        expect(hasExplanation(`${padding}${text}${padding}`)).toBe(hasExplanation(text));
      }),
    );
  });
});
