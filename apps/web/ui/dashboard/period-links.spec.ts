import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { coalProgress, group, project } from '../../test/fixtures';
import { KpiCard } from './kpi-cards';
import { GroupTable, IndicatorTable, ProjectsTable } from './tables';


/** The hrefs of the rendered links (React escapes `&` in attributes). */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('drill-down links keep the chosen 监测期', () => {
  const groups = [group('green_coal', '绿色煤炭', [3, 1, 0, 0])];

  it('links a chain or a town with the period', () => {
    expect(hrefs(renderToStaticMarkup(createElement(GroupTable, { groups, linkBase: '/chains', period: '2025-03' })))).toEqual(['/chains/green_coal?period=2025-03']);
    expect(hrefs(renderToStaticMarkup(createElement(GroupTable, { groups, linkBase: '/regions', compact: true, period: '2025-03' })))).toEqual([
      '/regions/green_coal?period=2025-03',
    ]);
  });

  it('links a KPI card to the indicator as of the period (the indicator page reads `to`)', () => {
    expect(hrefs(renderToStaticMarkup(createElement(KpiCard, { kpi: coalProgress(), period: '2025-03' })))).toEqual(['/indicators/coal_output?to=2025-03']);
  });

  it("links an indicator row, with the town's figures, as of the period", () => {
    const html = renderToStaticMarkup(createElement(IndicatorTable, { indicators: [coalProgress()], regionCode: '140404102', period: '2025-03' }));
    expect(hrefs(html)).toEqual(['/indicators/coal_output?region=140404102&to=2025-03']);
  });

  it("links a project's chain and town with the period (the project itself has none)", () => {
    expect(hrefs(renderToStaticMarkup(createElement(ProjectsTable, { projects: [project], period: '2025-03' })))).toEqual([
      '/projects/KP-001',
      '/chains/pv?period=2025-03',
      '/regions/140404106?period=2025-03',
    ]);
  });

  it('links as before without a period (the latest month)', () => {
    expect(hrefs(renderToStaticMarkup(createElement(GroupTable, { groups, linkBase: '/chains' })))).toEqual(['/chains/green_coal']);
    expect(hrefs(renderToStaticMarkup(createElement(KpiCard, { kpi: coalProgress() })))).toEqual(['/indicators/coal_output']);
    expect(hrefs(renderToStaticMarkup(createElement(IndicatorTable, { indicators: [coalProgress()], regionCode: '140404102' })))).toEqual([
      '/indicators/coal_output?region=140404102',
    ]);
  });
});
