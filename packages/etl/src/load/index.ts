export * from './staging.js';
export * from './observation-store.js';
