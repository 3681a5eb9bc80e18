import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKING_CONFIG } from '../ranking/ranking.js';
import { parsePlan, PlanValidationError } from './parse.js';

const withoutRanking = readFileSync(fileURLToPath(new URL('../../../../plan/shangdang.plan.yaml', import.meta.url)), 'utf8');
/** The section as README shows it (the shipped plan leaves it out until its next version: the defaults apply). */
const planText = `${withoutRanking}
ranking:
  weights: { timeliness: 40, firstTimeRight: 20, supervision: 20, progress: 20 }
  listSize: 5
`;

describe('the plan file’s ranking: section', () => {
  it('is read from the plan file', () => {
    expect(parsePlan(planText).ranking).toEqual({ weights: { timeliness: 40, firstTimeRight: 20, supervision: 20, progress: 20 }, listSize: 5 });
  });

  it('is optional: the shipped plan, without it, gets the defaults', () => {
    expect(parsePlan(withoutRanking).ranking).toEqual(DEFAULT_RANKING_CONFIG);
    expect(DEFAULT_RANKING_CONFIG).toEqual({ weights: { timeliness: 30, firstTimeRight: 20, supervision: 20, progress: 30 }, listSize: 3 });
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
