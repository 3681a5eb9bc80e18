import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class MetricsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Outbox rows per status, sent ones left out (they only grow). */
  async outboxByStatus(): Promise<Partial<Record<'pending' | 'sending' | 'dead', number>>> {
    const rows: Array<{ status: 'pending' | 'sending' | 'dead'; n: number }> = await this.db.query(
      `SELECT status, count(*)::int AS n FROM notifications WHERE status <> 'sent' GROUP BY status`,
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }
}
