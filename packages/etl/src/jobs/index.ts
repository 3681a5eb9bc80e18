export * from './job-definition.js';
export * from './outcome.js';
export * from './report.js';
export * from './inbox.js';
export * from './run-store.js';
export * from './sources.js';
export * from './runner.js';
