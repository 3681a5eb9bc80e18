import { Inject, Injectable } from '@nestjs/common';
import { channelFilterOf, isGroupedChannel, isLeadersChannel, type ChannelDefinition, type ChannelHealth, type ChannelInput, type ChannelKind } from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository.js';

export interface StoredChannel {
  code: string;
  kind: ChannelKind;
  departmentCode: string | null;
  enabled: boolean;
  config: Record<string, unknown>;
}

const COLUMNS = `code, kind, department_code AS "departmentCode", enabled, config`;

/** A channel's health: its 故障 mark, its pause, and its outbox's pending and dead rows. */
const HEALTH = `json_build_object(
    'fault', CASE WHEN c.fault_code IS NOT NULL THEN json_build_object('code', c.fault_code, 'message', c.fault_message, 'at', c.fault_at) END,
    'pausedUntil', CASE WHEN c.paused_until > now() THEN c.paused_until END,
    'pauseReason', CASE WHEN c.paused_until > now() THEN c.pause_reason END,
    'pending', (SELECT count(*) FROM notifications n WHERE n.channel_code = c.code AND n.status IN ('pending','sending') AND n.event <> 'digest'),
    'dead', (SELECT count(*) FROM notifications n WHERE n.channel_code = c.code AND n.status = 'dead' AND n.digest_id IS NULL),
    'lastSentAt', (SELECT max(n.sent_at) FROM notifications n WHERE n.channel_code = c.code AND n.status = 'sent' AND n.digest_id IS NULL)
  ) AS health`;

/** Notification channels; every write is audited in its own transaction. */
@Injectable()
export class ChannelsRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  async findAll(): Promise<StoredChannel[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM notification_channels ORDER BY kind = 'in_app' DESC, code`);
  }

  /** Every channel's health, by code (JSON timestamps as ISO strings). */
  async health(code?: string): Promise<Map<string, ChannelHealth>> {
    const rows: Array<{ code: string; health: ChannelHealth }> = await this.db.query(
      `SELECT c.code, ${HEALTH} FROM notification_channels c WHERE $1::text IS NULL OR c.code = $1`,
      [code ?? null],
    );
    return new Map(rows.map((r) => [r.code, r.health]));
  }

  async findOne(code: string): Promise<StoredChannel | null> {
    const rows: StoredChannel[] = await this.db.query(`SELECT ${COLUMNS} FROM notification_channels WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** The enabled channels as routing sees them, read inside the evaluation's transaction. */
  async definitions(manager: EntityManager = this.db.manager): Promise<ChannelDefinition[]> {
    const rows: StoredChannel[] = await manager.query(`SELECT ${COLUMNS} FROM notification_channels WHERE enabled ORDER BY code`);
    return rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      departmentCode: r.departmentCode,
      enabled: r.enabled,
      filter: channelFilterOf(r.config),
      leaders: isLeadersChannel(r.config),
      grouped: isGroupedChannel(r.kind, r.config),
    }));
  }

  async departmentExists(code: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM departments WHERE code = $1`, [code])).length > 0;
  }

  async create(channel: ChannelInput, audit: AuditEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO notification_channels (code, kind, department_code, config, enabled) VALUES ($1, $2, $3, $4, $5)`, [
        channel.code,
        channel.kind,
        channel.departmentCode,
        JSON.stringify(channel.config),
        channel.enabled,
      ]);
      await this.audit.record(audit, tx);
    });
  }

  async update(channel: ChannelInput, audit: AuditEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Saved again, perhaps fixed: its 故障 mark goes (the next send tells anew).
      await tx.query(`UPDATE notification_channels SET department_code = $2, config = $3, enabled = $4, fault_code = NULL, fault_message = NULL, fault_at = NULL WHERE code = $1`, [
        channel.code,
        channel.departmentCode,
        JSON.stringify(channel.config),
        channel.enabled,
      ]);
      await this.audit.record(audit, tx);
    });
  }

  /** Deletes the channel and (by cascade) its notifications. */
  async remove(code: string, audit: AuditEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM notification_channels WHERE code = $1`, [code]);
      await this.audit.record(audit, tx);
    });
  }
}
