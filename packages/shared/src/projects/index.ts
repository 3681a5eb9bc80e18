export * from './project-status.js';
