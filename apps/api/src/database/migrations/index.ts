import { InitialSchema1763856000000 } from './1763856000000-initial-schema.js';
import { DataVersion1763942400000 } from './1763942400000-data-version.js';

/** Every migration in order. Listed explicitly: ESM builds cannot glob-load classes. */
export const MIGRATIONS = [InitialSchema1763856000000, DataVersion1763942400000];
