import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** The one DataSource: schema only ever changes through migrations, never `synchronize`. */
export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'planwatch-api',
    logging: false,
  });
}
