import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_NOTIFICATION_GROUPING } from '@planwatch/shared';
import type {
  ChannelKind,
  DeliveryStatus,
  DigestItem,
  DigestPayload,
  NotificationDraft,
  NotificationGrouping,
  NotificationView,
  OutboxEvent,
  OutgoingNotification,
  SupervisionPayload,
} from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '../../common/query-result.js';
import { departmentMobilesSql } from '../auth/users.repository.js';

/** What an outbox row speaks of: an alert, or a 督办 with the payload its messages carry. */
export type OutboxSubject = { alertId: string } | { supervisionId: string; payload: SupervisionPayload };

/** One outbox row claimed for sending: the message the payload builders take, plus its channel. */
export interface ClaimedNotification extends Omit<OutgoingNotification, 'digest' | 'mentionMobiles' | 'link'> {
  id: string;
  attempts: number;
  departmentCode: string | null;
  channel: { code: string; kind: ChannelKind; enabled: boolean; config: Record<string, unknown> };
  /** Set when the row is a digest. */
  digest?: DigestPayload | null;
  /** For an alert's notification: the mobiles of its department's people (@-mentioned unless it tells of a resolution). */
  departmentMobiles?: string[] | null;
}

/** A channel's group of alert notifications waiting for a digest. */
export interface WaitingGroup {
  channelCode: string;
  channelKind: ChannelKind;
  config: Record<string, unknown>;
  /** The department (or '' for none). */
  groupKey: string;
  firstQueuedAt: Date;
  lastDigestAt: Date | null;
}

/** What the digest composer hands the builder. */
export interface DigestMembers {
  number: number;
  /** The channel's department, or '' for a district-wide channel. */
  groupKey: string;
  departmentName: string | null;
  items: Array<DigestItem & { id: string; ownerCode: string | null }>;
}

/** The digest row to write for a group. */
export interface DigestDraft {
  idempotencyKey: string;
  title: string;
  body: string;
  payload: DigestPayload;
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
  n.next_attempt_at AS "nextAttemptAt", n.last_error AS "lastError", n.created_at AS "createdAt", n.sent_at AS "sentAt", n.read_at AS "readAt",
  n.digest_id::text AS "digestId"`;

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
      `INSERT INTO notifications (alert_id, supervision_id, payload, channel_code, event, idempotency_key, department_code, title, body, status, sent_at, digest_group)
       SELECT $1, $3, $4::jsonb, d.channel_code, d.event, d.idempotency_key, d.department_code, d.title, d.body,
              CASE WHEN d.kind = 'in_app' THEN 'sent' ELSE 'pending' END,
              CASE WHEN d.kind = 'in_app' THEN now() END,
              CASE WHEN $1::bigint IS NOT NULL THEN d.digest_group END
         FROM jsonb_to_recordset($2::jsonb) AS d(channel_code text, kind text, event text, idempotency_key text, department_code text, title text, body text, digest_group text)
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
            digest_group: d.digestGroup ?? null,
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
   * by a worker whose lease ran out. Rows another worker is claiming right now are skipped, and
   * so are alert notifications waiting for a digest and rows of a channel that is 故障 (they
   * wait for a person to fix it) or paused by its robot's rate limit.
   */
  async claimDue(limit: number, leaseMs: number, claimedBy: string): Promise<ClaimedNotification[]> {
    return returnedRows<ClaimedNotification>(await this.db.query(
      `WITH due AS (
         SELECT n.id FROM notifications n JOIN notification_channels c ON c.code = n.channel_code
          WHERE ((n.status = 'pending' AND n.next_attempt_at <= now()) OR (n.status = 'sending' AND n.locked_until <= now()))
            AND n.digest_group IS NULL AND c.fault_code IS NULL AND (c.paused_until IS NULL OR c.paused_until <= now())
          ORDER BY n.next_attempt_at, n.id
          LIMIT $1
          FOR UPDATE OF n SKIP LOCKED
       )
       UPDATE notifications n
          SET status = 'sending', attempts = n.attempts + 1, locked_until = now() + $2::float8 * interval '1 millisecond', claimed_by = $3
         FROM due, notification_channels c
        WHERE n.id = due.id AND c.code = n.channel_code
       RETURNING n.id::text AS id, n.attempts, n.idempotency_key AS "idempotencyKey", n.event, n.title, n.body,
                 n.department_code AS "departmentCode",
                 json_build_object('code', c.code, 'kind', c.kind, 'enabled', c.enabled, 'config', c.config) AS channel,
                 CASE WHEN n.supervision_id IS NOT NULL THEN n.payload END AS supervision,
                 CASE WHEN n.event = 'digest' THEN n.payload END AS digest,
                 CASE WHEN n.alert_id IS NOT NULL AND n.event <> 'resolved' THEN ARRAY(${departmentMobilesSql('n.department_code')} ORDER BY 1) END AS "departmentMobiles",
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

  /**
   * Delivered: recorded only by the lease's holder (a worker that lost its lease leaves the row
   * to the one that has it); a digest's notifications are delivered with it.
   */
  async markSent(lease: Lease): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH sent AS (
         UPDATE notifications SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL
          WHERE id = $1 AND ${HELD} RETURNING id),
       members AS (
         UPDATE notifications m SET status = 'sent', sent_at = now(), last_error = NULL FROM sent WHERE m.digest_id = sent.id RETURNING m.id)
       SELECT id::text AS id FROM sent`,
      [lease.id, lease.attempt, lease.worker],
    );
    return rows.length > 0;
  }

  /**
   * A failed attempt: back to pending after `delayMs`, or dead. Only the lease's holder may
   * record it (a stale worker whose lease expired must not undo a newer claim).
   */
  async markFailed(lease: Lease, error: string, outcome: { status: 'pending'; delayMs: number } | { status: 'dead' }): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH failed AS (
         UPDATE notifications
            SET status = $4, last_error = $5, locked_until = NULL,
                next_attempt_at = CASE WHEN $4 = 'pending' THEN now() + $6::float8 * interval '1 millisecond' ELSE next_attempt_at END
          WHERE id = $1 AND ${HELD}
         RETURNING id, status),
       members AS (
         UPDATE notifications m SET status = 'dead', last_error = $5 FROM failed WHERE failed.status = 'dead' AND m.digest_id = failed.id RETURNING m.id)
       SELECT id::text AS id FROM failed`,
      [lease.id, lease.attempt, lease.worker, outcome.status, error.slice(0, 2000), outcome.status === 'pending' ? outcome.delayMs : 0],
    );
    return rows.length > 0;
  }

  /**
   * Puts a claimed row back without spending its attempt: the robot's rate limit is reached or
   * the vendor asked to wait. It is due again after `delayMs`.
   */
  async defer(lease: Lease, delayMs: number, reason: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(await this.db.query(
      `UPDATE notifications SET status = 'pending', attempts = attempts - 1, locked_until = NULL, last_error = $5,
              next_attempt_at = now() + $4::float8 * interval '1 millisecond'
        WHERE id = $1 AND ${HELD} RETURNING id::text AS id`,
      [lease.id, lease.attempt, lease.worker, delayMs, reason],
    ));
    return rows.length > 0;
  }

  /**
   * A dead notification sent again from scratch (after the channel was fixed): its channel's
   * 故障 mark is cleared; an alert notification that went out in a digest joins the next one;
   * a digest takes its notifications back with it.
   */
  async requeue(id: string): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH again AS (
         UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, locked_until = NULL, digest_id = NULL
          WHERE id = $1 AND status = 'dead' RETURNING id, event, channel_code),
       members AS (
         UPDATE notifications m SET status = 'pending', last_error = NULL FROM again WHERE again.event = 'digest' AND m.digest_id = again.id RETURNING m.id),
       channel AS (
         UPDATE notification_channels c SET fault_code = NULL, fault_message = NULL, fault_at = NULL FROM again WHERE c.code = again.channel_code RETURNING c.code)
       SELECT id::text AS id FROM again`,
      [id],
    );
    return rows.length > 0;
  }

  // ── digests ─────────────────────────────────────────────────────────────────────────────

  /** The loaded plan's `notifications:` grouping (a plan loaded before it existed: the defaults). */
  async groupingDefaults(): Promise<NotificationGrouping> {
    const rows: Array<{ grouping: NotificationGrouping | null }> = await this.db.query(
      `SELECT summary->'notifications' AS grouping FROM plan_versions ORDER BY loaded_at DESC LIMIT 1`,
    );
    return rows[0]?.grouping ?? DEFAULT_NOTIFICATION_GROUPING;
  }

  /** The groups of alert notifications now waiting for a digest, with when each began and last had one. */
  async waitingGroups(): Promise<WaitingGroup[]> {
    return this.db.query(
      `SELECT c.code AS "channelCode", c.kind AS "channelKind", c.config, n.digest_group AS "groupKey",
              min(n.created_at) AS "firstQueuedAt", g.last_digest_at AS "lastDigestAt"
         FROM notifications n
         JOIN notification_channels c ON c.code = n.channel_code
         LEFT JOIN notification_groups g ON g.channel_code = n.channel_code AND g.group_key = n.digest_group
        WHERE n.digest_group IS NOT NULL AND n.digest_id IS NULL AND n.status = 'pending'
        GROUP BY c.code, n.digest_group, g.last_digest_at`,
    );
  }

  /**
   * Turns a group's waiting notifications into one digest row, in one transaction under the
   * group's row lock, so however many processes look, each notification joins one digest. A
   * group of one goes out as the notification itself. Returns false when there was nothing to
   * do (another process composed it first: `lastDigestAt` no longer matches).
   */
  async composeDigest(group: WaitingGroup, build: (members: DigestMembers, mobilesOf: (departments: string[]) => Promise<string[]>) => Promise<DigestDraft>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO notification_groups (channel_code, group_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [group.channelCode, group.groupKey]);
      const [state] = (await tx.query(
        `SELECT last_digest_at AS "lastDigestAt" FROM notification_groups WHERE channel_code = $1 AND group_key = $2 FOR UPDATE`,
        [group.channelCode, group.groupKey],
      )) as Array<{ lastDigestAt: Date | null }>;
      if ((state!.lastDigestAt?.getTime() ?? null) !== (group.lastDigestAt?.getTime() ?? null)) return false;
      const items: DigestMembers['items'] = await tx.query(
        `SELECT n.id::text AS id, n.alert_id::text AS "alertId", n.event, a.severity, r.type, a.title,
                a.department_code AS "ownerCode", coalesce(d.name, a.department_code, '—') AS owner
           FROM notifications n
           JOIN alerts a ON a.id = n.alert_id
           JOIN alert_rules r ON r.code = a.rule_code
           LEFT JOIN departments d ON d.code = a.department_code
          WHERE n.channel_code = $1 AND n.digest_group = $2 AND n.digest_id IS NULL AND n.status = 'pending'
          ORDER BY n.id
          FOR UPDATE OF n`,
        [group.channelCode, group.groupKey],
      );
      if (items.length === 0) return false;
      await tx.query(`UPDATE notification_groups SET last_digest_at = now() WHERE channel_code = $1 AND group_key = $2`, [group.channelCode, group.groupKey]);
      if (items.length === 1) {
        await tx.query(`UPDATE notifications SET digest_group = NULL, next_attempt_at = now() WHERE id = $1`, [items[0]!.id]);
        return true;
      }
      const [numbered] = returnedRows<{ number: number }>(await tx.query(`UPDATE notification_channels SET digest_seq = digest_seq + 1 WHERE code = $1 RETURNING digest_seq AS number`, [group.channelCode]));
      const [department] = (await tx.query(`SELECT name FROM departments WHERE code = $1`, [group.groupKey])) as Array<{ name: string }>;
      const mobilesOf = async (departments: string[]) =>
        ((await tx.query(`${departmentMobilesSql('ANY($1::text[])')} ORDER BY 1`, [departments])) as Array<{ mobile: string }>).map((m) => m.mobile);
      const draft = await build({ number: numbered!.number, groupKey: group.groupKey, departmentName: department?.name ?? null, items }, mobilesOf);
      const [digest] = (await tx.query(
        `INSERT INTO notifications (channel_code, event, idempotency_key, department_code, title, body, payload)
         VALUES ($1, 'digest', $2, $3, $4, $5, $6) RETURNING id`,
        [group.channelCode, draft.idempotencyKey, department ? group.groupKey : null, draft.title, draft.body, JSON.stringify(draft.payload)],
      )) as Array<{ id: string }>;
      await tx.query(`UPDATE notifications SET digest_id = $1 WHERE id = ANY($2::bigint[])`, [digest!.id, items.map((i) => i.id)]);
      return true;
    });
  }

  // ── channel state ───────────────────────────────────────────────────────────────────────

  /** Holds a channel's rows back until `pauseMs` from now (a robot's rate-limit block). */
  async pauseChannel(code: string, pauseMs: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_channels
          SET paused_until = greatest(coalesce(paused_until, now()), now() + $2::float8 * interval '1 millisecond'), pause_reason = $3
        WHERE code = $1`,
      [code, pauseMs, reason],
    );
  }

  /** Marks a channel 故障: its rows wait until a person fixes it (saving the channel, 测试发送 or 重发 clears it). */
  async markChannelFault(code: string, fault: { code: string; message: string }): Promise<void> {
    await this.db.query(`UPDATE notification_channels SET fault_code = $2, fault_message = $3, fault_at = now() WHERE code = $1`, [code, fault.code, fault.message]);
  }

  async clearChannelFault(code: string): Promise<void> {
    await this.db.query(`UPDATE notification_channels SET fault_code = NULL, fault_message = NULL, fault_at = NULL WHERE code = $1`, [code]);
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
