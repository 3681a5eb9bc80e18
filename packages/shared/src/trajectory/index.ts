export {
  TrajectoryError,
  assertValidAnchors,
  attainment,
  expectedAtMonth,
  expectedValue,
  onTrack,
  planProgress,
  requiredGrowthRate,
} from './trajectory.js';
export type { TrajectoryAnchor } from './trajectory.js';
