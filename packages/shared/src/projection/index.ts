export { projectYearEnd, projectedShortfall } from './projection.js';
export type { ProjectedShortfall, YearEndProjection, YearEndProjectionInput } from './projection.js';
