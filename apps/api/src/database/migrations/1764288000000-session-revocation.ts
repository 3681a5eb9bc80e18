import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When a user's sessions were last ended (sign-out, password change, deactivation, a replayed
 * refresh token): access tokens issued before it are refused, not just the refresh tokens.
 */
export class SessionRevocation1764288000000 implements MigrationInterface {
  name = 'SessionRevocation1764288000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN sessions_ended_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN sessions_ended_at`);
  }
}
