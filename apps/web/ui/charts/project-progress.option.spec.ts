import { describe, expect, it } from 'vitest';
import type { ProjectDetailResponse } from '@planwatch/shared';
import { projectProgressOption } from './project-progress.option';

const project = {
  code: 'P1',
  name: '测试项目',
  progress: [
    { period: '2026-03', investment: '200.5', stage: 'started' },
    { period: '2026-01', investment: '100', stage: 'signed' },
  ],
} as unknown as ProjectDetailResponse;

describe('projectProgressOption', () => {
  const option = projectProgressOption({ project, theme: 'light' });
  const series = option.series as Array<{ id: string; data: number[] }>;

  it('orders months and labels each with the stage reached', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01\n签约', '2026-03\n开工']);
  });

  it('plots monthly investment and its running total', () => {
    expect(series.find((s) => s.id === 'monthly')!.data).toEqual([100, 200.5]);
    expect(series.find((s) => s.id === 'cumulative')!.data).toEqual([100, 300.5]);
  });
});
