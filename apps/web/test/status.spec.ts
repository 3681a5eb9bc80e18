import { describe, expect, it } from 'vitest';
import { trackLabel } from '../ui/status';

describe('the plan-trajectory label', () => {
  it('says which side of the trajectory an off-track value is on, by the indicator’s direction', () => {
    expect(trackLabel(true, 'higher_is_better')).toBe('符合规划轨迹');
    expect(trackLabel(false, 'higher_is_better')).toBe('低于规划轨迹');
    // Energy per output above its falling path is the bad side.
    expect(trackLabel(false, 'lower_is_better')).toBe('高于规划轨迹');
    expect(trackLabel(null, 'lower_is_better')).toBe('暂无数据');
  });
});
