export * from './assessment.types.js';
export * from './resolve-value.js';
export * from './assess.js';
export * from './like-for-like.js';
