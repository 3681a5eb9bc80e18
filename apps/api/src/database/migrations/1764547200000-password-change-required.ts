import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A user who must choose a new password before doing anything else: the first administrator of a
 * production install, whose password was typed into a terminal or an automation's environment.
 */
export class PasswordChangeRequired1764547200000 implements MigrationInterface {
  name = 'PasswordChangeRequired1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
