export * from './supervision.types.js';
export * from './supervision.js';
export * from './supervision-notify.js';
export * from './supervision-contracts.js';
export * from './supervision-sample.js';
export * from './supervision-briefing.js';
