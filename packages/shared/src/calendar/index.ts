export * from './reporting-calendar.js';
export * from './freshness.js';
