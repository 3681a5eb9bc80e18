import { describe, expect, it } from 'vitest';
import { evaluateIndicator } from '../progress/progress.js';
import { compositeScore, countStatuses } from '../rollup/rollup.js';
import { chainSentence, indicatorSentence } from './summary.js';

const flow = (ytd: string, target: string, direction: 'higher_is_better' | 'lower_is_better' = 'higher_is_better') =>
  evaluateIndicator({ kind: 'flow', direction, frequency: 'monthly', ytd: { period: '2025-06', value: ytd }, annualTarget: target });

describe('one sentence per indicator', () => {
  it('says how far a flow is behind or ahead of time progress', () => {
    expect(indicatorSentence({ name: '光伏玻璃产量', unit: '亿m²', evaluation: flow('0.694', '1.45') })).toBe(
      '光伏玻璃产量完成年度目标47.9%，落后序时进度2.1个百分点。',
    );
    expect(indicatorSentence({ name: '煤炭产量', unit: '万吨', evaluation: flow('1749', '3300') })).toBe(
      '煤炭产量完成年度目标53.0%，超过序时进度3.0个百分点。',
    );
    expect(indicatorSentence({ name: '煤炭产量', evaluation: flow('1650', '3300') })).toBe(
      '煤炭产量完成年度目标50.0%，与序时进度基本持平。',
    );
  });

  it('words a lower-is-better flow as use of a cap', () => {
    expect(indicatorSentence({ name: '能源消费总量', evaluation: flow('45', '100', 'lower_is_better') })).toBe(
      '能源消费总量累计达年度控制目标的45.0%，低于序时进度5.0个百分点。',
    );
  });

  it('compares a stock or ratio with the plan value', () => {
    const share = evaluateIndicator({
      kind: 'ratio',
      direction: 'higher_is_better',
      latest: { period: '2024-06', value: '95' },
      anchors: [
        { year: 2021, value: '91', trajectory: 'linear' },
        { year: 2025, value: '95', trajectory: 'linear' },
      ],
    });
    expect(indicatorSentence({ name: '煤炭先进产能占比', unit: '%', evaluation: share })).toBe(
      '煤炭先进产能占比95%，高于计划值93.5%。',
    );
    const mines = evaluateIndicator({
      kind: 'stock',
      direction: 'higher_is_better',
      latest: { period: '2025-12', value: '2' },
      anchors: [{ year: 2021, value: '2', trajectory: 'linear' }],
    });
    expect(indicatorSentence({ name: '智能化煤矿', unit: '座', evaluation: mines })).toBe('智能化煤矿2座，与计划值持平。');
  });

  it('says so when there is no approved data or no target', () => {
    const none = evaluateIndicator({ kind: 'flow', direction: 'higher_is_better', frequency: 'monthly', ytd: null, annualTarget: '10' });
    expect(indicatorSentence({ name: '新能源汽车产量', evaluation: none })).toBe('新能源汽车产量本期暂无已审核数据。');
    const untargeted = evaluateIndicator({
      kind: 'flow',
      direction: 'higher_is_better',
      frequency: 'monthly',
      ytd: { period: '2025-06', value: '7500' },
      annualTarget: null,
    });
    expect(indicatorSentence({ name: '报废汽车拆解量', unit: '辆', evaluation: untargeted })).toBe(
      '报废汽车拆解量累计7,500辆，暂无计划目标。',
    );
  });
});

describe('one sentence per chain or town', () => {
  it('counts statuses and gives the composite score', () => {
    const statuses = ['green', 'green', 'green', 'green', 'green', 'yellow', 'yellow', 'red'] as const;
    expect(chainSentence({ name: '绿色煤炭产业链', counts: countStatuses(statuses), score: 96.28 })).toBe(
      '绿色煤炭产业链8项指标中5项超序时、2项略滞后、1项严重滞后，综合得分96.3。',
    );
  });

  it('reads a single status as 全部 and leaves out a missing score', () => {
    expect(chainSentence({ name: '郝家庄镇', counts: countStatuses(['green', 'green']), score: null })).toBe(
      '郝家庄镇2项指标全部超序时。',
    );
    expect(chainSentence({ name: '文化旅游', counts: countStatuses(['red', 'no_data']), score: compositeScore([{ score: 70 }]).score })).toBe(
      '文化旅游2项指标中1项严重滞后、1项暂无数据，综合得分70.0。',
    );
    expect(chainSentence({ name: '现代商贸', counts: countStatuses([]), score: null })).toBe('现代商贸暂无监测指标。');
  });
});
