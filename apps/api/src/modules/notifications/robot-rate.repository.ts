import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { nextSendSlot, type RateWindow } from '@planwatch/shared';
import { DataSource } from 'typeorm';

export type SendSlot = { allowed: true } | { allowed: false; waitMs: number };

/**
 * The robots' rate limit, shared by every API process: one row per robot URL (its SHA-256, so
 * no key is stored twice) holding the start times of the sends in the last window. A sender
 * takes the row's lock, decides by the database's clock and, when allowed, records its send
 * before letting go; a second process waits on the lock and then sees it. Times are the clock
 * at the moment of deciding (clock_timestamp), not the transaction's start, which a wait for the
 * lock would leave behind.
 */
@Injectable()
export class RobotRateRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async takeSendSlot(url: string, rate: RateWindow): Promise<SendSlot> {
    const target = createHash('sha256').update(url).digest('hex');
    return this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO robot_rate_windows (target) VALUES ($1) ON CONFLICT DO NOTHING`, [target]);
      const [row] = (await tx.query(
        `SELECT extract(epoch FROM clock_timestamp()) * 1000 AS "nowMs", ARRAY(SELECT extract(epoch FROM t) * 1000 FROM unnest(sent_at) t)::float8[] AS "sentAtMs"
           FROM robot_rate_windows WHERE target = $1 FOR UPDATE`,
        [target],
      )) as Array<{ nowMs: string; sentAtMs: number[] }>;
      const nowMs = Number(row!.nowMs);
      const decision = nextSendSlot(row!.sentAtMs, nowMs, rate);
      if (!decision.allowed) return { allowed: false, waitMs: Math.max(1, Math.ceil(decision.retryAtMs - nowMs)) };
      await tx.query(
        `UPDATE robot_rate_windows
            SET sent_at = ARRAY(SELECT t FROM unnest(sent_at) t WHERE t > clock_timestamp() - $2::float8 * interval '1 millisecond' ORDER BY t) || clock_timestamp()
          WHERE target = $1`,
        [target, rate.windowMs],
      );
      return { allowed: true };
    });
  }
}
