/**
 * The part of @planwatch/shared that browser bundles use: the domain vocabulary and the display
 * formatters. next.config.ts aliases '@planwatch/shared' to this file for the browser only
 * (server code and all type checking use the package itself).
 *
 * Why: the package's single barrel also carries the plan parser (zod, yaml), the sample-data
 * generator and more, and its package.json does not declare "sideEffects": false, so bundlers
 * must keep every module behind the barrel — about 100 KB of gzip JavaScript on /screen for two
 * label maps and three formatters. When packages/shared declares "sideEffects": false, delete
 * this file and the alias. A browser import of anything not re-exported here fails the build.
 */
export * from '../../../packages/shared/dist/domain/index.js';
export * from '../../../packages/shared/dist/format/index.js';
