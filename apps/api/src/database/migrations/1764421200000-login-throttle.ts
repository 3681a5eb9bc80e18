import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Login attempts per key (a username, a client address) in the current one-minute window, in
 * the database: shared by every API process, and bounded by what a minute can bring in (rows
 * of past windows are deleted as new attempts arrive), not by a map that forgets when it fills.
 */
export class LoginThrottle1764421200000 implements MigrationInterface {
  name = 'LoginThrottle1764421200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_throttle (
        key          text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        attempts     integer NOT NULL CHECK (attempts > 0)
      );
      CREATE INDEX login_throttle_window ON login_throttle (window_start);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_throttle`);
  }
}
