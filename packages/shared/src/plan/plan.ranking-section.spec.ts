import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKING_CONFIG } from '../ranking/ranking.js';
import { parsePlan, PlanValidationError } from './parse.js';

const planText = readFileSync(fileURLToPath(new URL('../../../../plan/shangdang.plan.yaml', import.meta.url)), 'utf8');
const withoutRanking = planText.slice(0, planText.indexOf('\nranking:'));

describe('the plan file’s ranking: section', () => {
  it('is read from the shipped plan', () => {
    expect(parsePlan(planText).ranking).toEqual({ weights: { timeliness: 30, firstTimeRight: 20, supervision: 20, progress: 30 }, listSize: 3 });
  });

  it('is optional: a plan without it gets the defaults', () => {
    expect(parsePlan(withoutRanking).ranking).toEqual(DEFAULT_RANKING_CONFIG);
  });

  it('refuses weights that are all zero, naming the place', () => {
    const text = `${withoutRanking}\nranking:\n  weights: { timeliness: 0, firstTimeRight: 0, supervision: 0, progress: 0 }\n`;
    expect(() => parsePlan(text)).toThrow(PlanValidationError);
    try {
      parsePlan(text);
    } catch (error) {
      expect((error as PlanValidationError).issues.map((i) => `${i.path}: ${i.message}`)).toContain('ranking.weights: at least one weight must be more than 0');
    }
  });
});
