import { InitialSchema1763856000000 } from './1763856000000-initial-schema.js';

/** Every migration in order. Listed explicitly: ESM builds cannot glob-load classes. */
export const MIGRATIONS = [InitialSchema1763856000000];
