import { describe, expect, it } from 'vitest';
import { geoBounds, mapNumbering, matchTownshipFeatures, schematicToLonLat, separatePoints, townMapOption, type PlanRegion } from './town-map.option';
import type { GeoFeatureCollection } from './types';

const outline: GeoFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: '上党区' },
      geometry: { type: 'Polygon', coordinates: [[[113.0, 36.0], [113.4, 36.0], [113.4, 36.3], [113.0, 36.3], [113.0, 36.0]]] },
    },
  ],
};

const regions: PlanRegion[] = [
  { code: '140404', name: '上党区', kind: 'district', parentCode: null, aliases: ['长治县'], schematic: null },
  { code: '140404102', name: '荫城镇', kind: 'town', parentCode: '140404', aliases: ['荫城'], schematic: { x: 0.5, y: 0.9 } },
  { code: '140404106', name: '郝家庄镇', kind: 'town', parentCode: '140404', aliases: ['郝家庄', '长治县郝家庄镇'], schematic: { x: 0, y: 0 } },
  { code: 'park_yincheng', name: '先进装备制造园', kind: 'park', parentCode: '140404102', aliases: [], schematic: { x: 0.5, y: 0.8 } },
];

describe('town map geometry', () => {
  it('finds the outline box', () => {
    expect(geoBounds(outline)).toEqual({ minLon: 113.0, maxLon: 113.4, minLat: 36.0, maxLat: 36.3 });
  });

  it('puts north at the top and west on the left, inset from the edge', () => {
    const b = geoBounds(outline)!;
    const [lon, lat] = schematicToLonLat({ x: 0, y: 0 }, b, 0.1);
    expect(lon).toBeCloseTo(113.04);
    expect(lat).toBeCloseTo(36.27);
    const [, south] = schematicToLonLat({ x: 0.5, y: 1 }, b, 0.1);
    expect(south).toBeCloseTo(36.03);
  });
});

describe('townMapOption (schematic)', () => {
  const statuses = new Map([['140404102', { status: 'red' as const, composite: 60 }]]);
  const option = townMapOption({ regions, statuses, theme: 'dark', outlineMap: 'outline', outline });
  const points = (option.series as Array<{ data: Array<{ name: string; symbol: string; number: number; tip: string; label: { formatter: string } }> }>)[0]!.data;

  it('draws towns and zones only, not the district or parks', () => {
    expect(points.map((p) => p.name)).toEqual(['荫城镇', '郝家庄镇']);
  });

  it('shows the status by shape (and words in the tooltip and the list beside the map)', () => {
    expect(points[0]!.symbol).toBe('diamond');
    expect(points[0]!.tip).toContain('严重滞后');
    expect(points[1]!.tip).toContain('暂无数据');
  });

  it('numbers the markers in plan order, as mapNumbering does for the list', () => {
    expect(points.map((p) => p.label.formatter)).toEqual(['1', '2']);
    expect([...mapNumbering(regions).entries()]).toEqual([
      ['140404102', 1],
      ['140404106', 2],
    ]);
  });

  it('is captioned as a schematic', () => {
    expect((option.title as { text: string }).text).toContain('示意图');
  });
});

describe('township GeoJSON matching', () => {
  it('matches by code, then by name or alias, and skips unknown names', () => {
    const geo: GeoFeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '荫城', code: '140404102000' }, geometry: { type: 'Polygon', coordinates: [] } },
        { type: 'Feature', properties: { name: '长治县郝家庄镇' }, geometry: { type: 'Polygon', coordinates: [] } },
        { type: 'Feature', properties: { name: '不存在镇' }, geometry: { type: 'Polygon', coordinates: [] } },
      ],
    };
    const match = matchTownshipFeatures(geo, regions);
    expect(match.get('荫城')).toBe('140404102');
    expect(match.get('长治县郝家庄镇')).toBe('140404106');
    expect(match.has('不存在镇')).toBe(false);
  });

  it('rejects a name two regions share', () => {
    const twins: PlanRegion[] = [
      { ...regions[1]!, aliases: ['南区'] },
      { ...regions[2]!, aliases: ['南区'] },
    ];
    const geo: GeoFeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '南区' }, geometry: { type: 'Polygon', coordinates: [] } }],
    };
    expect(matchTownshipFeatures(geo, twins).size).toBe(0);
  });
});

describe('separatePoints', () => {
  const dist = (a: { x: number; y: number }, b: { x: number; y: number }, aspect: number) => Math.hypot((a.x - b.x) * aspect, a.y - b.y);

  it('pushes close markers apart to the minimum distance', () => {
    const out = separatePoints(
      [
        { x: 0.46, y: 0.1 },
        { x: 0.42, y: 0.15 },
        { x: 0.5, y: 0.4 },
        { x: 0.54, y: 0.5 },
      ],
      0.1,
      0.6,
    );
    for (let i = 0; i < out.length; i += 1) for (let j = i + 1; j < out.length; j += 1) expect(dist(out[i]!, out[j]!, 0.6)).toBeGreaterThanOrEqual(0.0999);
  });

  it('leaves markers that are far enough apart where they are', () => {
    const points = [
      { x: 0.1, y: 0.1 },
      { x: 0.9, y: 0.9 },
    ];
    expect(separatePoints(points, 0.1, 0.6)).toEqual(points);
  });

  it('separates coincident markers and stays within 0–1', () => {
    const out = separatePoints(
      [
        { x: 0, y: 0 },
        { x: 0, y: 0 },
      ],
      0.2,
      1,
    );
    expect(dist(out[0]!, out[1]!, 1)).toBeGreaterThanOrEqual(0.199);
    for (const p of out) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(1);
    }
  });
});
