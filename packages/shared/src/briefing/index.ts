export * from './briefing.types.js';
export * from './briefing-text.js';
export * from './build-briefing.js';
