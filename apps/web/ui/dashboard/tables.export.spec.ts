import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ProjectView } from '@planwatch/shared';
import { describe, expect, it } from 'vitest';
import { ProjectsTable } from './tables';

const project: ProjectView = {
  code: 'KP-001',
  name: '光伏玻璃二期',
  chainCode: 'pv',
  chainName: '光伏组件',
  regionCode: '140404106',
  regionName: '郝家庄镇',
  enterprise: null,
  totalInvestment: '12345.67',
  annualPlanInvestment: '3000.5',
  completedThisYear: '1234.567',
  completedTotal: '5000',
  investmentCompletionPct: 41.15,
  stage: 'started',
  plannedStart: '2025-03',
  actualStart: '2025-04',
  startedOnTime: false,
  stalled: false,
  stalledReason: null,
  lastProgress: '2026-10',
  sample: true,
};

describe('tables export what was reported, not what the page rounded', () => {
  it('carries every digit of the investment figures for 导出XLSX', () => {
    const html = renderToStaticMarkup(createElement(ProjectsTable, { projects: [project] }));
    for (const exact of ['12345.67', '3000.5', '1234.567']) expect(html).toContain(`data-xlsx="${exact}"`);
  });
});
