export * from './access-policy.js';
export * from './reporting-scope.js';
export * from './figure-status.js';
