import { describe, expect, it } from 'vitest';
import { group } from '../../test/fixtures';
import { chainStatusOption } from './chain-status.option';

type S = { id: string; name: string; data: number[] };

describe('chainStatusOption', () => {
  const groups = [group('green_coal', '绿色煤炭', [3, 1, 0, 0]), group('pv', '光伏组件', [1, 0, 2, 1])];
  const option = chainStatusOption({ groups, theme: 'dark' });
  const series = option.series as S[];

  it('has one stacked series per status, named with icon and word', () => {
    expect(series.map((s) => s.name)).toEqual(['✔ 超序时', '▲ 略滞后', '✖ 严重滞后', '◐ 待补报', '○ 暂无数据']);
  });

  it('lists the first chain on top (category axes draw bottom-up)', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['光伏组件', '绿色煤炭']);
    expect(series[0]!.data).toEqual([1, 3]);
    expect(series[2]!.data).toEqual([2, 0]);
  });

  it('uses the largest total as the axis maximum', () => {
    expect((option.xAxis as { max: number }).max).toBe(4);
  });
});
