export { annualCompletion, evaluateIndicator, gapPp, statusForGap, timeProgress } from './progress.js';
export type {
  FlowEvaluationInput,
  IndicatorEvaluation,
  IndicatorEvaluationInput,
  LevelEvaluationInput,
} from './progress.js';
