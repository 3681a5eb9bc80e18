/**
 * The outline of 上党区, shipped in the repository (`geo/上党区.json`; its source and licence in
 * `geo/NOTICE.md`) and bundled into the server build, so a standalone or container build has it
 * too. Server pages hand it to the map as plain data.
 */
import type { GeoFeatureCollection } from '@/ui/charts/types';
import outline from './geo/上党区.json';

export const COUNTY_OUTLINE = outline as GeoFeatureCollection;
