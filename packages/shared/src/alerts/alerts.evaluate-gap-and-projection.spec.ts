import { describe, expect, it } from 'vitest';
import { evaluateProjectedShortfall, evaluateTargetGap } from './evaluate.js';
import { CATALOG, progress, rule } from './fixtures.test.js';

describe('序时滞后: an indicator behind time progress', () => {
  it('raises one yellow alert for the worked example, naming indicator, region, period, gap and owner', () => {
    const { candidates } = evaluateTargetGap(rule('target_gap'), [progress()], CATALOG);
    expect(candidates).toHaveLength(1);
    const [alert] = candidates;
    expect(alert).toMatchObject({
      fingerprint: 'target_gap_test:indicator:coal_output@140404',
      severity: 'yellow',
      condition: 'yellow',
      departmentCode: 'energy',
      departments: ['energy'],
      period: '2025-06',
      title: '序时滞后：原煤产量（上党区）',
    });
    expect(alert!.message).toBe(
      '上党区原煤产量截至2025年6月略滞后（序时差-2.1个百分点，序时进度50.0%）：原煤产量完成年度目标47.9%，落后序时进度2.1个百分点。责任单位：能源局。',
    );
    expect(alert!.message).toContain('责任单位：能源局');
  });

  it('maps status to severity by the rule and tells the town too for a town figure', () => {
    const r = rule('target_gap', { severity: { yellow: 'red', red: 'red' } });
    const { candidates } = evaluateTargetGap(r, [progress({ regionCode: '140404103' })], CATALOG);
    expect(candidates[0]).toMatchObject({ severity: 'red', departmentCode: 'energy', departments: ['energy', 'town_xihuo'] });
    expect(candidates[0]!.message).toContain('西火镇原煤产量');
    expect(candidates[0]!.message).toContain('责任单位：能源局、西火镇人民政府');
  });

  it('stays quiet for green, no data, too early in the year, out of scope, and stocks when flowsOnly', () => {
    const quiet = [
      progress({ status: 'green', gapPp: 1 }),
      progress({ status: 'no_data', dataAsOf: null, value: null, code: 'pv_glass_output', departmentCode: 'industry', chainCode: 'pv' }),
    ];
    const result = evaluateTargetGap(rule('target_gap'), quiet, CATALOG);
    expect(result.candidates).toEqual([]);
    expect(result.notes['target_gap_test:indicator:coal_output@140404']).toContain('上党区·截至2025年6月');
    expect(evaluateTargetGap(rule('target_gap', { params: { minMonth: 7 } }), [progress()], CATALOG).candidates).toEqual([]);
    expect(evaluateTargetGap(rule('target_gap', { scope: { chains: ['pv'] } }), [progress()], CATALOG).candidates).toEqual([]);
    expect(evaluateTargetGap(rule('target_gap', { scope: { departments: ['town_xihuo'] } }), [progress()], CATALOG).candidates).toEqual([]);
    expect(evaluateTargetGap(rule('target_gap', { scope: { departments: ['town_xihuo'] } }), [progress({ regionCode: '140404103' })], CATALOG).candidates).toHaveLength(1);
    const stock = progress({ code: 'intelligent_mines', kind: 'stock', status: 'red' });
    expect(evaluateTargetGap(rule('target_gap', { params: { flowsOnly: true } }), [stock], CATALOG).candidates).toEqual([]);
    expect(evaluateTargetGap(rule('target_gap'), [stock], CATALOG).candidates[0]?.severity).toBe('red');
  });
});

describe('a district sum with a town missing', () => {
  const missingXihuo = { flags: { sample: false, illustrativeTarget: false, incomplete: true, provisional: false }, missingRegions: ['140404103'] };

  it('without shares (待补报): neither gap rule fires on it; the note says why and the fingerprint is held', () => {
    const pending = progress({ ...missingXihuo, judgement: 'pending', status: 'pending', completionPct: null, gapPp: null, projection: null });
    const fingerprint = 'target_gap_test:indicator:coal_output@140404';
    const gap = evaluateTargetGap(rule('target_gap'), [pending], CATALOG);
    expect(gap.candidates).toEqual([]);
    expect(gap.undetermined).toEqual([fingerprint]);
    expect(gap.notes[fingerprint]).toBe('上党区原煤产量截至2025年6月为乡镇汇总，缺西火镇的数据，汇总不完整，待补齐后再判断是否滞后。');
    const shortfall = evaluateProjectedShortfall(rule('projected_shortfall', { params: { floorPct: 100, redBelowPct: 95 } }), [pending], CATALOG);
    expect(shortfall.candidates).toEqual([]);
    expect(shortfall.undetermined).toEqual(['projected_shortfall_test:indicator:coal_output@140404']);
    // The complete figure is judged as usual.
    expect(evaluateTargetGap(rule('target_gap'), [progress()], CATALOG)).toMatchObject({ candidates: [{ fingerprint }], undetermined: [] });
  });

  it('like for like (同口径): judged on the reporting towns, and the message says so', () => {
    // The three towns that reported: 1000 of their 72 % share of 3300 (2376) by June, projected 2083.
    const likeForLike = progress({
      ...missingXihuo,
      value: '1000',
      judgement: 'like_for_like',
      likeForLike: { regions: ['140404201', '140404104', '140404107'], excludedRegions: ['140404103'], share: '0.72', target: '2376', label: '同口径（不含西火镇）' },
      completionPct: 42.087542087542,
      gapPp: -7.912457912458,
      status: 'red',
      projection: { value: '2083', method: 'seasonal', completionPct: 87.668350168, shortfall: true },
    });
    const gap = evaluateTargetGap(rule('target_gap'), [likeForLike], CATALOG);
    expect(gap.undetermined).toEqual([]);
    expect(gap.candidates[0]).toMatchObject({ condition: 'red', severity: 'red' });
    expect(gap.candidates[0]!.message).toContain('上党区原煤产量截至2025年6月同口径（不含西火镇）严重滞后');
    const shortfall = evaluateProjectedShortfall(rule('projected_shortfall', { params: { floorPct: 100, redBelowPct: 95 } }), [likeForLike], CATALOG);
    expect(shortfall.candidates[0]).toMatchObject({ condition: 'belowRed', details: { judgedTarget: '2376', annualTarget: '3300' } });
    expect(shortfall.candidates[0]!.message).toContain('为同口径（不含西火镇）年度目标2,376万吨的87.7%');
  });
});

describe('预测不达标: a year-end projection below the floor', () => {
  it('warns at floor 100 % for the worked example (99.75 %), red only below the red line', () => {
    const floorOnly = evaluateProjectedShortfall(rule('projected_shortfall', { params: { floorPct: 100, redBelowPct: 95 } }), [progress()], CATALOG);
    expect(floorOnly.candidates[0]).toMatchObject({ condition: 'belowFloor', severity: 'yellow', period: '2025-06' });
    expect(floorOnly.candidates[0]!.message).toContain('预计全年3,291.7万吨');
    expect(floorOnly.candidates[0]!.message).toContain('99.7%');
    expect(floorOnly.candidates[0]!.message).toContain('低于100%预警线');
    const red = evaluateProjectedShortfall(rule('projected_shortfall', { params: { floorPct: 100, redBelowPct: 99.8 } }), [progress()], CATALOG);
    expect(red.candidates[0]).toMatchObject({ condition: 'belowRed', severity: 'red' });
    const fine = evaluateProjectedShortfall(rule('projected_shortfall', { params: { floorPct: 99, redBelowPct: 95 } }), [progress()], CATALOG);
    expect(fine.candidates).toEqual([]);
    expect(Object.values(fine.notes)[0]).toContain('预计全年');
  });

  it('reverses for a lower-is-better flow (an energy cap overrun is the shortfall)', () => {
    const cap = progress({ direction: 'lower_is_better', projection: { value: '3400', method: 'linear', completionPct: 103, shortfall: true } });
    const result = evaluateProjectedShortfall(rule('projected_shortfall'), [cap], CATALOG);
    expect(result.candidates[0]!.message).toContain('高于100%控制线');
    const under = progress({ direction: 'lower_is_better', projection: { value: '3000', method: 'linear', completionPct: 91, shortfall: false } });
    expect(evaluateProjectedShortfall(rule('projected_shortfall'), [under], CATALOG).candidates).toEqual([]);
  });

  it('waits until minMonth and ignores stocks', () => {
    expect(evaluateProjectedShortfall(rule('projected_shortfall', { params: { minMonth: 7 } }), [progress()], CATALOG).candidates).toEqual([]);
    expect(evaluateProjectedShortfall(rule('projected_shortfall'), [progress({ kind: 'stock', projection: null })], CATALOG).candidates).toEqual([]);
  });
});
