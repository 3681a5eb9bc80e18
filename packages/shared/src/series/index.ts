export { SeriesError, buildFlowYear, latestYtd } from './flow-year.js';
export type { FlowConflict, FlowPoint, FlowSegment, FlowYear, YtdValue } from './flow-year.js';
export { latestStock, ratioOfSums, sumAcrossRegions } from './aggregate.js';
export type { PeriodValue } from './aggregate.js';
