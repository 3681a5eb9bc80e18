export * from './project-status.js';
export * from './projects-summary.js';
