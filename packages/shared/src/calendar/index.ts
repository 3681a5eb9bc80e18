export * from './reporting-calendar.js';
