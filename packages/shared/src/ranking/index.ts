export * from './ranking.js';
export * from './ranking-contracts.js';
