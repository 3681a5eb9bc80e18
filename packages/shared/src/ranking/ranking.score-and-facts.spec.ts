import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkCalendarYaml } from '../work-calendar/work-calendar.js';
import {
  DEFAULT_RANKING_WEIGHTS,
  figureKey,
  rankingParts,
  rankingScore,
  rankUnits,
  redBlackLists,
  unitMonthFacts,
  type RankingIndicator,
  type RankingInput,
  type RankingParts,
} from './ranking.js';

const calendar = parseWorkCalendarYaml(readFileSync(fileURLToPath(new URL('../../../../plan/work-calendar.yaml', import.meta.url)), 'utf8'));
const china = (text: string) => new Date(`${text}+08:00`);

describe('score', () => {
  it('is the weighted mean of the parts a unit has', () => {
    const parts: RankingParts = { timeliness: 80, firstTimeRight: 100, supervision: 50, progress: null };
    // (30×80 + 20×100 + 20×50) / 70
    expect(rankingScore(parts, DEFAULT_RANKING_WEIGHTS)).toBeCloseTo(5400 / 70, 10);
    expect(rankingScore({ timeliness: null, firstTimeRight: null, supervision: null, progress: null }, DEFAULT_RANKING_WEIGHTS)).toBeNull();
    expect(rankingScore({ ...parts, progress: 0 }, { ...DEFAULT_RANKING_WEIGHTS, progress: 0 })).toBeCloseTo(5400 / 70, 10);
  });

  const part = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
  const parts = fc.record({ timeliness: part, firstTimeRight: part, supervision: part, progress: part });
  const weights = fc.record({
    timeliness: fc.integer({ min: 1, max: 50 }),
    firstTimeRight: fc.integer({ min: 1, max: 50 }),
    supervision: fc.integer({ min: 1, max: 50 }),
    progress: fc.integer({ min: 1, max: 50 }),
  });

  it('law: lies between the smallest and the largest part, and scaling every weight changes nothing', () => {
    fc.assert(
      fc.property(parts, weights, fc.integer({ min: 2, max: 10 }), (p, w, k) => {
        const present = Object.values(p).filter((v): v is number => v !== null);
        const score = rankingScore(p, w);
        if (present.length === 0) {
          expect(score).toBeNull();
          return;
        }
        expect(score!).toBeGreaterThanOrEqual(Math.min(...present) - 1e-9);
        expect(score!).toBeLessThanOrEqual(Math.max(...present) + 1e-9);
        const scaled = Object.fromEntries(Object.entries(w).map(([key, v]) => [key, v * k])) as typeof w;
        expect(rankingScore(p, scaled)).toBeCloseTo(score!, 9);
      }),
    );
  });

  it('law: a better part never lowers the score', () => {
    fc.assert(
      fc.property(parts, weights, fc.constantFrom('timeliness', 'firstTimeRight', 'supervision', 'progress' as const), fc.double({ min: 0, max: 100, noNaN: true }), (p, w, key, better) => {
        if (p[key] === null || better < p[key]!) return;
        expect(rankingScore({ ...p, [key]: better }, w)!).toBeGreaterThanOrEqual(rankingScore(p, w)! - 1e-9);
      }),
    );
  });
});

describe('ranking and the 红黑榜', () => {
  const unit = (code: string) => ({ code, name: code });
  it('ranks best first, shares ranks on ties, puts unscored units last', () => {
    const ranked = rankUnits([
      { unit: unit('c'), score: 70 },
      { unit: unit('a'), score: 90 },
      { unit: unit('b'), score: 70 },
      { unit: unit('d'), score: null },
      { unit: unit('e'), score: 40 },
    ]);
    expect(ranked.map((r) => `${r.unit.code}:${r.rank}`)).toEqual(['a:1', 'b:2', 'c:2', 'e:4', 'd:null']);
  });

  it('names the top and the bottom, worst first, never the same unit on both', () => {
    const ranked = rankUnits([90, 80, 70, 60, 50, 40, 30].map((score, i) => ({ unit: unit(`u${i}`), score })));
    const lists = redBlackLists(ranked, 3);
    expect(lists.red.map((r) => r.unit.code)).toEqual(['u0', 'u1', 'u2']);
    expect(lists.black.map((r) => r.unit.code)).toEqual(['u6', 'u5', 'u4']);
    const few = redBlackLists(rankUnits([{ unit: unit('x'), score: 50 }, { unit: unit('y'), score: 40 }, { unit: unit('z'), score: null }]), 3);
    expect(few.red.map((r) => r.unit.code)).toEqual(['x']);
    expect(few.black.map((r) => r.unit.code)).toEqual(['y']);
    // Everyone level: nobody is singled out.
    const level = redBlackLists(rankUnits(['p', 'q', 'r', 's'].map((code) => ({ unit: unit(code), score: 0 }))), 3);
    expect(level).toEqual({ red: [], black: [] });
    // Ties at the bottom stay off the 红榜.
    const tied = redBlackLists(rankUnits([{ unit: unit('a'), score: 80 }, ...['b', 'c', 'd'].map((code) => ({ unit: unit(code), score: 10 }))]), 2);
    expect(tied.red.map((r) => r.unit.code)).toEqual(['a']);
    expect(tied.black.map((r) => r.unit.code)).toEqual(['d', 'c']);
  });
});

describe('facts of a month (November 2026: October figures due on the 10th)', () => {
  const coal: RankingIndicator = {
    code: 'coal_output',
    departmentCode: 'energy',
    regionCodes: ['140404103'],
    // One 报送单位 per figure: 能源局 the district's, 西火镇 its own.
    owners: [
      { region: '140404', reporter: 'energy', reviewer: 'energy' },
      { region: '140404103', reporter: 'town_xihuo', reviewer: 'energy' },
    ],
    frequency: 'monthly',
    janFebCombined: false,
    deadlineDay: 10,
  };
  const annual: RankingIndicator = { ...coal, code: 'annual_thing', frequency: 'annual' };
  const input: RankingInput = {
    month: '2026-11',
    now: china('2026-12-06T10:00:00'),
    departments: [
      { code: 'energy', name: '能源局', kind: 'bureau', regionCode: '140404' },
      { code: 'town_xihuo', name: '西火镇', kind: 'town', regionCode: '140404103' },
    ],
    indicators: [coal, annual],
    firstApproved: new Map([
      [figureKey('coal_output', '140404', '2026-10'), china('2026-11-09T16:00:00')],
      [figureKey('coal_output', '140404103', '2026-10'), china('2026-11-13T09:00:00')],
    ]),
    reviews: [
      { departmentCode: 'energy', reviewedAt: china('2026-11-09T16:00:00'), approved: true },
      { departmentCode: 'town_xihuo', reviewedAt: china('2026-11-05T16:00:00'), approved: false },
      { departmentCode: 'town_xihuo', reviewedAt: china('2026-11-13T09:00:00'), approved: true },
      { departmentCode: 'town_xihuo', reviewedAt: china('2026-10-13T09:00:00'), approved: false },
    ],
    supervisions: [
      // Opened Friday 2026-11-20: signing on Monday the 23rd is within one working day.
      { departmentCode: 'town_xihuo', openedAt: china('2026-11-20T10:00:00'), deadline: '2026-11-27', signedAt: china('2026-11-23T09:00:00'), firstReplyAt: china('2026-11-30T09:00:00') },
      { departmentCode: 'energy', openedAt: china('2026-11-25T10:00:00'), deadline: '2026-12-02', signedAt: null, firstReplyAt: null },
    ],
    progressByRegion: new Map([['140404103', 62.5]]),
  };

  it('counts figures on time and days late, first-time-right reviews, 督办 on time, and the town’s progress', () => {
    const facts = unitMonthFacts(input, calendar);
    // The bureau answers for the figure it is the 报送单位 of (the district's); the town for its own.
    expect(facts.get('energy')).toEqual({
      figuresDue: 1,
      figuresOnTime: 1,
      daysLate: 0,
      submissionsReviewed: 1,
      submissionsFirstTimeRight: 1,
      supervisionsDue: 0,
      signedOnTime: 0,
      repliedOnTime: 0,
      progress: null,
    });
    expect(facts.get('town_xihuo')).toEqual({
      figuresDue: 1,
      figuresOnTime: 0,
      daysLate: 3,
      submissionsReviewed: 2,
      submissionsFirstTimeRight: 1,
      supervisionsDue: 1,
      signedOnTime: 1,
      repliedOnTime: 0,
      progress: 62.5,
    });
    expect(rankingParts(facts.get('town_xihuo')!)).toEqual({ timeliness: 0, firstTimeRight: 50, supervision: 50, progress: 62.5 });
  });

  it('counts a figure still missing as late up to today while the month runs', () => {
    const facts = unitMonthFacts({ ...input, firstApproved: new Map(), now: china('2026-11-20T10:00:00') }, calendar);
    expect(facts.get('town_xihuo')).toMatchObject({ figuresDue: 1, figuresOnTime: 0, daysLate: 10 });
    // Nothing is due before its deadline.
    expect(unitMonthFacts({ ...input, now: china('2026-11-05T10:00:00') }, calendar).get('energy')!.figuresDue).toBe(0);
  });
});
