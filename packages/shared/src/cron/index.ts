export * from './cron.js';
