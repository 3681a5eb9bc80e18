export * from './work-calendar.js';
