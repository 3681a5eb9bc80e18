import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Names of migrations the code knows that the database has not run. */
  async pendingMigrations(): Promise<string[]> {
    const applied: Array<{ name: string }> = await this.db.query('SELECT name FROM migrations');
    const done = new Set(applied.map((row) => row.name));
    return this.db.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !done.has(name));
  }

  async currentPlanVersion(): Promise<string | null> {
    const rows: Array<{ version: string }> = await this.db.query(
      'SELECT version FROM plan_versions ORDER BY loaded_at DESC LIMIT 1',
    );
    return rows[0]?.version ?? null;
  }
}
