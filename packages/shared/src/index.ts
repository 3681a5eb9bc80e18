// Barrel: each topic folder owns its own index.ts.
export * from './domain/index.js';
export * from './units/index.js';
export * from './api/index.js';
export * from './projects/index.js';
export * from './assessment/index.js';
export * from './calendar/index.js';
export * from './periods/index.js';
export * from './series/index.js';
export * from './progress/index.js';
export * from './trajectory/index.js';
export * from './projection/index.js';
export * from './rollup/index.js';
export * from './summary/index.js';
export * from './format/index.js';
export * from './plan/index.js';
export * from './sample/index.js';
export * from './access/index.js';
