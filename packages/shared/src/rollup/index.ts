export { compositeScore, countStatuses, indicatorScore, rollupRegions } from './rollup.js';
export type { CompositeScore, RegionPart, RegionRollup, RegionRollupInput } from './rollup.js';
