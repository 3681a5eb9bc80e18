import { describe, expect, it } from 'vitest';
import type { RankingResponse, RankingUnitView } from '@planwatch/shared';
import { rankingTrendOption } from './ranking-trend.option';

const unit = (code: string, score: number | null): RankingUnitView => ({
  code,
  name: code === 'a' ? '西火镇' : '苏店镇',
  score,
  rank: null,
  parts: { timeliness: null, firstTimeRight: null, supervision: null, progress: null },
  facts: { figuresDue: 0, figuresOnTime: 0, daysLate: 0, submissionsReviewed: 0, submissionsFirstTimeRight: 0, supervisionsDue: 0, signedOnTime: 0, repliedOnTime: 0, progress: null },
});
const group = (units: RankingUnitView[]) => ({ units, red: [], black: [] });

describe('rankingTrendOption', () => {
  it('draws one line per unit over the months, with a gap where a month had no score', () => {
    const ranking: RankingResponse = {
      year: 2026,
      config: { weights: { timeliness: 30, firstTimeRight: 20, supervision: 20, progress: 30 }, listSize: 3 },
      months: [
        { month: '2026-01', groups: { towns: group([unit('a', 81.26), unit('b', null)]), departments: group([]) } },
        { month: '2026-02', groups: { towns: group([unit('a', 70), unit('b', 55.55)]), departments: group([]) } },
      ],
    };
    const option = rankingTrendOption(ranking, 'towns');
    expect((option.xAxis as { data: string[] }).data).toEqual(['1月', '2月']);
    const series = option.series as Array<{ name: string; data: Array<number | null> }>;
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['西火镇', [81.3, 70]],
      ['苏店镇', [null, 55.6]],
    ]);
  });
});
