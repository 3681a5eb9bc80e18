import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@planwatch/shared';
import { DataSource } from 'typeorm';
import { returnedRows } from '../../common/query-result.js';
import type { Principal, UserRecord } from './auth.types.js';

/**
 * SQL of the mobiles to @-mention for a department: its active reporters and reviewers with a
 * number (administrators store them). `department` is the SQL expression naming the department.
 */
export function departmentMobilesSql(department: string): string {
  return `SELECT DISTINCT u.mobile FROM users u
           WHERE u.active AND u.mobile IS NOT NULL AND u.department_code = ${department} AND u.role IN ('reporter','reviewer')`;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  department_code: string | null;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  must_change_password: boolean;
  mobile: string | null;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  role: row.role,
  departmentCode: row.department_code,
  active: row.active,
  failedLogins: row.failed_logins,
  lockedUntil: row.locked_until,
  mustChangePassword: row.must_change_password,
  mobile: row.mobile,
});

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  departmentCode: string | null;
  /** The user chooses a new password at first sign-in (the first administrator of a production install). */
  mustChangePassword?: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users WHERE username = $1', [username]);
    return rows[0] && toUser(rows[0]);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] && toUser(rows[0]);
  }

  /** The active user's principal; with `issuedAt`, only if their sessions were not ended since (ms). */
  async principalOf(userId: string, issuedAt?: number): Promise<Principal | undefined> {
    const rows: Array<{ id: string; username: string; role: Role; department_code: string | null; region_code: string | null; kind: Principal['departmentKind']; must_change_password: boolean }> =
      await this.db.query(
        `SELECT u.id, u.username, u.role, u.department_code, d.region_code, d.kind, u.must_change_password
           FROM users u LEFT JOIN departments d ON d.code = u.department_code
          WHERE u.id = $1 AND u.active
            AND ($2::double precision IS NULL OR u.sessions_ended_at IS NULL OR u.sessions_ended_at <= to_timestamp($2::double precision / 1000))`,
        [userId, issuedAt ?? null],
      );
    const row = rows[0];
    return (
      row && {
        userId: row.id,
        username: row.username,
        role: row.role,
        departmentCode: row.department_code,
        regionCode: row.region_code,
        departmentKind: row.kind,
        mustChangePassword: row.must_change_password,
      }
    );
  }

  async list(): Promise<Array<Omit<UserRecord, 'passwordHash'>>> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users ORDER BY username');
    return rows.map((row) => {
      const { passwordHash: _hidden, ...user } = toUser(row);
      return user;
    });
  }

  /** Creates the user, or leaves an existing one with that username untouched. */
  async createIfAbsent(user: NewUser): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO users (username, display_name, password_hash, role, department_code)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET username = EXCLUDED.username
       RETURNING id`,
      [user.username, user.displayName, user.passwordHash, user.role, user.departmentCode],
    );
    return rows[0]!.id;
  }

  async create(user: NewUser): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO users (username, display_name, password_hash, role, department_code, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [user.username, user.displayName, user.passwordHash, user.role, user.departmentCode, user.mustChangePassword ?? false],
    );
    return rows[0]!.id;
  }

  async hasActiveAdmin(): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM users WHERE role = 'admin' AND active LIMIT 1`);
    return rows.length > 0;
  }

  /** Every active account with its password hash, for the production start's credential check. */
  async activeCredentials(): Promise<Array<{ username: string; displayName: string; passwordHash: string }>> {
    const rows: Array<{ username: string; display_name: string; password_hash: string }> = await this.db.query(
      'SELECT username, display_name, password_hash FROM users WHERE active ORDER BY username',
    );
    return rows.map((row) => ({ username: row.username, displayName: row.display_name, passwordHash: row.password_hash }));
  }

  async update(id: string, changes: { displayName?: string; role?: Role; departmentCode?: string | null; active?: boolean; mobile?: string | null }): Promise<void> {
    await this.db.query(
      `UPDATE users SET display_name = COALESCE($2, display_name), role = COALESCE($3, role),
              department_code = CASE WHEN $4::boolean THEN $5 ELSE department_code END,
              active = COALESCE($6, active),
              mobile = CASE WHEN $7::boolean THEN $8 ELSE mobile END
        WHERE id = $1`,
      [id, changes.displayName ?? null, changes.role ?? null, changes.departmentCode !== undefined, changes.departmentCode ?? null, changes.active ?? null,
        changes.mobile !== undefined, changes.mobile ?? null],
    );
  }

  /**
   * Counts a login attempt as failed before its password is checked, in one statement, so
   * parallel attempts each get their own count: the attempt that reaches `maxFailures` locks the
   * account, and none is counted (null: refused unchecked) while the lock lasts. A lock that has
   * run out starts the count over. A correct password then clears it (recordSuccessfulLogin).
   */
  async countLoginAttempt(id: string, maxFailures: number, lockoutSeconds: number): Promise<{ failures: number; locks: boolean } | null> {
    const rows = returnedRows<{ failures: number }>(
      await this.db.query(
        // Every expression reads the row as it is when this statement gets its lock (not a
        // snapshot taken before), so concurrent attempts count one after the other.
        `UPDATE users
            SET failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= $2
                                    THEN now() + make_interval(secs => $3) END
          WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
         RETURNING failed_logins AS failures`,
        [id, maxFailures, lockoutSeconds],
      ),
    );
    const failures = rows[0]?.failures;
    return failures === undefined ? null : { failures, locks: failures >= maxFailures };
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2, password_changed_at = now(), must_change_password = false WHERE id = $1', [id, passwordHash]);
  }

  async storeRefreshToken(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.query('INSERT INTO refresh_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)', [userId, tokenHash, expiresAt]);
  }

  /** Revokes a refresh token and returns its user when it was valid: each token works once. */
  async consumeRefreshToken(tokenHash: string): Promise<string | undefined> {
    const rows = returnedRows<{ user_id: string }>(
      await this.db.query(
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id`,
        [tokenHash],
      ),
    );
    return rows[0]?.user_id;
  }

  /** The user of a refresh token that exists but was used or revoked already: someone replays it. */
  async spentRefreshTokenOwner(tokenHash: string): Promise<string | undefined> {
    const rows: Array<{ user_id: string }> = await this.db.query('SELECT user_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL', [tokenHash]);
    return rows[0]?.user_id;
  }

  /** Ends every session of the user: refresh tokens are revoked, access tokens issued until now refused. */
  async endAllSessions(userId: string): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    // This process's clock, the one that stamps issuedAt on tokens, not the database's.
    await this.db.query('UPDATE users SET sessions_ended_at = $2 WHERE id = $1', [userId, new Date()]);
  }
}
