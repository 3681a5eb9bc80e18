import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { COUNTY_OUTLINE } from '@/lib/county-outline';
import { EChart } from './echart';
import { kpiGaugeOption } from './kpi-gauge.option';
import { svgFrame } from './svg-frame';
import { townMapOption } from './town-map.option';

describe('svgFrame (a chart drawn on the server)', () => {
  it('draws the option final state as SVG that scales to its box', () => {
    const svg = svgFrame(kpiGaugeOption({ completionPct: 47.88, timeProgressPct: 50, status: 'yellow', theme: 'dark' }), { width: 128, height: 116 });
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 128 116"/);
    // The centre figure, as the browser's canvas would draw it.
    expect(svg).toContain('47.9%');
  });

  it('draws maps registered for it (the county outline under the schematic)', () => {
    const option = townMapOption({
      regions: [{ code: 'a', name: '韩店', kind: 'town', parentCode: null, aliases: [], schematic: { x: 0.5, y: 0.5 } }],
      statuses: new Map([['a', { status: 'red', composite: 80 }]]),
      theme: 'dark',
      outlineMap: 'frame-outline',
      outline: COUNTY_OUTLINE,
      caption: false,
    });
    const svg = svgFrame(option, { width: 334, height: 352 }, [{ name: 'frame-outline', geoJSON: COUNTY_OUTLINE }]);
    expect(svg).toContain('<path');
    // The town's numbered marker (its name is in the key beside the map).
    expect(svg).toMatch(/>1<\/text>/);
  });
});

describe('EChart first render', () => {
  const option = kpiGaugeOption({ completionPct: 60, timeProgressPct: 50, status: 'green', theme: 'dark' });

  it('shows the server frame until the chart draws itself', () => {
    const html = renderToStaticMarkup(createElement(EChart, { option, ariaLabel: '完成率60%', frame: '<svg data-test="frame"></svg>' }));
    expect(html).toContain('data-chart="frame"');
    expect(html).toContain('<svg data-test="frame">');
  });

  it('without a frame waits for the chart code (nothing drawn yet)', () => {
    const html = renderToStaticMarkup(createElement(EChart, { option, ariaLabel: '完成率60%' }));
    expect(html).toContain('data-chart="loading"');
    expect(html).not.toContain('<svg');
  });
});
