import { Inject, Injectable } from '@nestjs/common';
import type {
  ChannelKind,
  DeliveryStatus,
  NotificationDraft,
  NotificationView,
  OutboxEvent,
  OutgoingNotification,
  SupervisionPayload,
} from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '../../common/query-result.js';

/** What an outbox row speaks of: an alert, or a 督办 with the payload its messages carry. */
export type OutboxSubject = { alertId: string } | { supervisionId: string; payload: SupervisionPayload };

/** One outbox row claimed for sending: the message the payload builders take, plus its channel. */
export interface ClaimedNotification extends OutgoingNotification {
  id: string;
  attempts: number;
  departmentCode: string | null;
  channel: { code: string; kind: ChannelKind; enabled: boolean; config: Record<string, unknown> };
}

/** One worker's claim on one row: valid while the row is still 'sending' with this attempt and worker. */
export interface Lease {
  id: string;
  attempt: number;
  worker: string;
}

const HELD = `status = 'sending' AND attempts = $2 AND claimed_by = $3`;

export interface NotificationFilter {
  status?: DeliveryStatus;
  channel?: string;
  alertId?: string;
  event?: OutboxEvent;
  department?: string;
  limit: number;
  offset: number;
}

const VIEW = `
  n.id::text AS id, n.alert_id::text AS "alertId", a.title AS "alertTitle", n.supervision_id::text AS "supervisionId", n.batch_id::text AS "batchId",
  n.channel_code AS "channelCode", c.kind AS "channelKind",
  n.event, n.idempotency_key AS "idempotencyKey", n.department_code AS "departmentCode", n.title, n.body, n.status, n.attempts,
  n.next_attempt_at AS "nextAttemptAt", n.last_error AS "lastError", n.created_at AS "createdAt", n.sent_at AS "sentAt", n.read_at AS "readAt"`;

type ViewRow = Omit<NotificationView, 'nextAttemptAt' | 'createdAt' | 'sentAt' | 'readAt'> & {
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  readAt: Date | null;
};


function toView(row: ViewRow): NotificationView {
  return {
    ...row,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * The outbox. Rows are written inside the transaction that changes the alert (`enqueue` takes
 * the caller's manager); the delivery worker claims a due row with FOR UPDATE SKIP LOCKED and a
 * lease it renews while sending, so any number of processes send each row once, and a worker
 * that dies mid-send only delays it until the lease runs out. Only the lease's holder records
 * an outcome. Delivery times are the database's clock, shared by all processes.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Writes outbox rows in the caller's transaction. In-app rows are delivered by being written.
   * A key already in the outbox is skipped, so each notification is written once.
   */
  async enqueue(subject: string | OutboxSubject, drafts: readonly NotificationDraft[], manager: EntityManager): Promise<number> {
    if (drafts.length === 0) return 0;
    const of: OutboxSubject = typeof subject === 'string' ? { alertId: subject } : subject;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notifications (alert_id, supervision_id, payload, channel_code, event, idempotency_key, department_code, title, body, status, sent_at)
       SELECT $1, $3, $4::jsonb, d.channel_code, d.event, d.idempotency_key, d.department_code, d.title, d.body,
              CASE WHEN d.kind = 'in_app' THEN 'sent' ELSE 'pending' END,
              CASE WHEN d.kind = 'in_app' THEN now() END
         FROM jsonb_to_recordset($2::jsonb) AS d(channel_code text, kind text, event text, idempotency_key text, department_code text, title text, body text)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        'alertId' in of ? of.alertId : null,
        JSON.stringify(
          drafts.map((d) => ({
            channel_code: d.channelCode,
            kind: d.channelKind,
            event: d.event,
            idempotency_key: d.idempotencyKey,
            department_code: d.departmentCode,
            title: d.title,
            body: d.body,
          })),
        ),
        'supervisionId' in of ? of.supervisionId : null,
        'supervisionId' in of ? JSON.stringify(of.payload) : null,
      ],
    );
    return rows.length;
  }

  /**
   * Claims up to `limit` due rows: pending ones whose time has come, and rows left 'sending'
   * by a worker whose lease ran out. Rows another worker is claiming right now are skipped.
   */
  async claimDue(limit: number, leaseMs: number, claimedBy: string): Promise<ClaimedNotification[]> {
    return returnedRows<ClaimedNotification>(await this.db.query(
      `WITH due AS (
         SELECT n.id FROM notifications n
          WHERE (n.status = 'pending' AND n.next_attempt_at <= now())
             OR (n.status = 'sending' AND n.locked_until <= now())
          ORDER BY n.next_attempt_at, n.id
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE notifications n
          SET status = 'sending', attempts = n.attempts + 1, locked_until = now() + $2::float8 * interval '1 millisecond', claimed_by = $3
         FROM due, notification_channels c
        WHERE n.id = due.id AND c.code = n.channel_code
       RETURNING n.id::text AS id, n.attempts, n.idempotency_key AS "idempotencyKey", n.event, n.title, n.body,
                 n.department_code AS "departmentCode",
                 json_build_object('code', c.code, 'kind', c.kind, 'enabled', c.enabled, 'config', c.config) AS channel,
                 n.payload AS supervision,
                 (SELECT json_build_object('id', a.id::text, 'fingerprint', a.fingerprint, 'ruleCode', a.rule_code, 'type', (SELECT r.type FROM alert_rules r WHERE r.code = a.rule_code),
                                   'severity', a.severity, 'state', a.state, 'subject', a.subject, 'period', a.period,
                                   'departmentCode', a.department_code, 'departments', a.departments, 'firedAt', a.fired_at, 'sample', a.is_sample)
                    FROM alerts a WHERE a.id = n.alert_id) AS alert`,
      [limit, leaseMs, claimedBy],
    ));
  }

  /** Extends a lease its holder still has; false when it has run out and another worker took the row (or it was settled). */
  async renewLease(lease: Lease, leaseMs: number): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(await this.db.query(
      `UPDATE notifications SET locked_until = now() + $4::float8 * interval '1 millisecond'
        WHERE id = $1 AND ${HELD} RETURNING id::text AS id`,
      [lease.id, lease.attempt, lease.worker, leaseMs],
    ));
    return rows.length > 0;
  }

  /** Delivered: recorded only by the lease's holder (a worker that lost its lease leaves the row to the one that has it). */
  async markSent(lease: Lease): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(await this.db.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL
        WHERE id = $1 AND ${HELD} RETURNING id::text AS id`,
      [lease.id, lease.attempt, lease.worker],
    ));
    return rows.length > 0;
  }

  /**
   * A failed attempt: back to pending after `delayMs`, or dead. Only the lease's holder may
   * record it (a stale worker whose lease expired must not undo a newer claim).
   */
  async markFailed(lease: Lease, error: string, outcome: { status: 'pending'; delayMs: number } | { status: 'dead' }): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(await this.db.query(
      `UPDATE notifications
          SET status = $4, last_error = $5, locked_until = NULL,
              next_attempt_at = CASE WHEN $4 = 'pending' THEN now() + $6::float8 * interval '1 millisecond' ELSE next_attempt_at END
        WHERE id = $1 AND ${HELD}
       RETURNING id::text AS id`,
      [lease.id, lease.attempt, lease.worker, outcome.status, error.slice(0, 2000), outcome.status === 'pending' ? outcome.delayMs : 0],
    ));
    return rows.length > 0;
  }

  /** A dead notification sent again from scratch (after the channel was fixed). */
  async requeue(id: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(await this.db.query(
      `UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, locked_until = NULL
        WHERE id = $1 AND status = 'dead' RETURNING id::text AS id`,
      [id],
    ));
    return rows.length > 0;
  }

  async find(filter: NotificationFilter): Promise<{ total: number; items: NotificationView[] }> {
    const where = `($1::text IS NULL OR n.status = $1) AND ($2::text IS NULL OR n.channel_code = $2) AND ($3::bigint IS NULL OR n.alert_id = $3)
      AND ($4::text IS NULL OR n.event = $4) AND ($5::text IS NULL OR n.department_code = $5)`;
    const params = [filter.status ?? null, filter.channel ?? null, filter.alertId ?? null, filter.event ?? null, filter.department ?? null];
    const [count] = (await this.db.query(`SELECT count(*)::int AS total FROM notifications n WHERE ${where}`, params)) as Array<{ total: number }>;
    const rows: ViewRow[] = await this.db.query(
      `SELECT ${VIEW} FROM notifications n JOIN notification_channels c ON c.code = n.channel_code LEFT JOIN alerts a ON a.id = n.alert_id
        WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $6 OFFSET $7`,
      [...params, filter.limit, filter.offset],
    );
    return { total: count!.total, items: rows.map(toView) };
  }

  async findOne(id: string): Promise<NotificationView | null> {
    const rows: ViewRow[] = await this.db.query(
      `SELECT ${VIEW} FROM notifications n JOIN notification_channels c ON c.code = n.channel_code LEFT JOIN alerts a ON a.id = n.alert_id WHERE n.id = $1`,
      [id],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  /** A department's inbox: its in-app notifications, newest first. */
  async inbox(department: string, options: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ unread: number; items: NotificationView[] }> {
    const [count] = (await this.db.query(
      `SELECT count(*)::int AS unread FROM notifications n JOIN notification_channels c ON c.code = n.channel_code
        WHERE c.kind = 'in_app' AND n.department_code = $1 AND n.read_at IS NULL`,
      [department],
    )) as Array<{ unread: number }>;
    const rows: ViewRow[] = await this.db.query(
      `SELECT ${VIEW} FROM notifications n JOIN notification_channels c ON c.code = n.channel_code LEFT JOIN alerts a ON a.id = n.alert_id
        WHERE c.kind = 'in_app' AND n.department_code = $1 AND (NOT $2 OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT $3 OFFSET $4`,
      [department, options.unreadOnly, options.limit, options.offset],
    );
    return { unread: count!.unread, items: rows.map(toView) };
  }

  /** Marks in-app notifications of a department read (all when `id` is null); returns how many changed. */
  async markRead(department: string, id: string | null, at: Date): Promise<number> {
    const rows = returnedRows<{ id: string }>(await this.db.query(
      `UPDATE notifications n SET read_at = $3 FROM notification_channels c
        WHERE c.code = n.channel_code AND c.kind = 'in_app' AND n.department_code = $1 AND ($2::bigint IS NULL OR n.id = $2) AND n.read_at IS NULL
       RETURNING n.id::text AS id`,
      [department, id, at],
    ));
    return rows.length;
  }

  /** Whether an in-app notification with this id belongs to the department. */
  async inboxItemExists(department: string, id: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM notifications n JOIN notification_channels c ON c.code = n.channel_code
        WHERE n.id = $1 AND c.kind = 'in_app' AND n.department_code = $2`,
      [id, department],
    );
    return rows.length > 0;
  }
}
