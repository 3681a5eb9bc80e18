export * from './contracts.js';
export * from './reporting.js';
