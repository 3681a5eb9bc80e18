export * from './staging.js';
export * from './observation-store.js';
export * from './figure-checks.js';
export * from './staged-file-rules.js';
