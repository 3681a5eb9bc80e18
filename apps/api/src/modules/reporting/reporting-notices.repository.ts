import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A reporting notice to a department: a return, a 催报, the reminder before a deadline. */
export interface ReportingNotice {
  event: 'returned' | 'urged' | 'due_soon';
  departmentCode: string;
  batchId?: string | null;
  /** Once per key: a 催报 is `urged:<department>:<day>`, so a second one the same day sends nothing. */
  idempotencyKey: string;
  title: string;
  body: string;
}

/**
 * Reporting's notices go through the outbox, into the department's in-app inbox (部门通知):
 * written as delivered, in the caller's transaction when it has one.
 */
@Injectable()
export class ReportingNoticesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Writes the notice; null when one with the same key was already sent (or no in-app channel is enabled). */
  async send(notice: ReportingNotice, manager: EntityManager = this.db.manager): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notifications (channel_code, event, idempotency_key, department_code, batch_id, title, body, status, sent_at)
       SELECT c.code, $1, $2, $3, $4, $5, $6, 'sent', now()
         FROM notification_channels c WHERE c.kind = 'in_app' AND c.enabled ORDER BY c.code LIMIT 1
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id::text AS id`,
      [notice.event, notice.idempotencyKey, notice.departmentCode, notice.batchId ?? null, notice.title, notice.body],
    );
    return rows[0]?.id ?? null;
  }

  /** When each department was last sent a 催报 or a deadline reminder. */
  async lastReminded(): Promise<Map<string, Date>> {
    const rows: Array<{ department: string; at: Date }> = await this.db.query(
      `SELECT department_code AS department, max(created_at) AS at FROM notifications WHERE event IN ('urged','due_soon') GROUP BY department_code`,
    );
    return new Map(rows.map((r) => [r.department, r.at]));
  }
}
