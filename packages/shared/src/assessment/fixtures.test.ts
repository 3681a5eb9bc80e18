/** Shared fixtures of the assessment specs (a .test.ts file: excluded from the build, not itself a suite). */
import type { AssessedIndicator } from './assessment.types.js';

/** 原煤产量 as the plan has it (a monthly flow, higher is better), reported by the district alone unless told otherwise. */
export const coalOutput = (overrides: Partial<AssessedIndicator> = {}): AssessedIndicator => ({
  code: 'coal_output',
  name: '原煤产量',
  unit: '万吨',
  kind: 'flow',
  frequency: 'monthly',
  direction: 'higher_is_better',
  departmentCode: 'energy',
  departmentName: '能源局',
  chainCode: 'green_coal',
  thresholds: { green: 0, yellow: -5 },
  weight: 1,
  regionCodes: [],
  shares: null,
  numeratorCode: null,
  denominatorCode: null,
  ...overrides,
});
