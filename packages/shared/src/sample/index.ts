export { DEFAULT_SAMPLE_SEED, generateSampleData } from './generate.js';
export { SAMPLE_PROJECT_CATALOGUE, generateSampleProjects } from './projects.js';
export { sampleApprovedAt } from './approval-time.js';
export { mulberry32, sampleRng } from './rng.js';
export type { SampleRng } from './rng.js';
export type {
  SampleData,
  SampleIntent,
  SampleObservation,
  SampleObservationStatus,
  SampleOptions,
  SampleProject,
  SampleProjectProgress,
  SampleProjectScenario,
} from './types.js';
