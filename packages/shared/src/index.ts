// Barrel: each topic folder owns its own index.ts.
export * from './domain/index.js';
