export * from './check-rules.js';
export * from './check-figures.js';
export * from './check-report.js';
export * from './explanation.js';
