export { chainSentence, indicatorSentence } from './summary.js';
export type { ChainSentenceInput, IndicatorSentenceInput } from './summary.js';
