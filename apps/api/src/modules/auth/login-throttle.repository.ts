import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Login attempts per key and one-minute window, kept in PostgreSQL (see the login_throttle migration). */
@Injectable()
export class LoginThrottleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Counts one attempt against each key and returns each key's attempts in its current window
   * (a window older than `windowSeconds` starts over). Rows of windows that ended are deleted in
   * the same statement, so the table holds at most one window's keys.
   */
  async hit(keys: readonly string[], windowSeconds: number): Promise<Map<string, number>> {
    const rows: Array<{ key: string; attempts: number }> = await this.db.query(
      `WITH expired AS (
         DELETE FROM login_throttle WHERE window_start <= now() - make_interval(secs => $2) AND key <> ALL($1::text[])
       )
       INSERT INTO login_throttle AS t (key, window_start, attempts)
       SELECT key, now(), 1 FROM unnest($1::text[]) AS key ORDER BY key
       ON CONFLICT (key) DO UPDATE
          SET attempts = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE t.attempts + 1 END,
              window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN now() ELSE t.window_start END
       RETURNING key, attempts`,
      [keys, windowSeconds],
    );
    return new Map(rows.map((r) => [r.key, r.attempts]));
  }
}
