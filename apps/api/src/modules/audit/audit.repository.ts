import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditEntry {
  userId?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  limit: number;
  offset: number;
}

/** Append-only record of every write: who, what, before and after. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Records an entry, inside the caller's transaction when one is given. */
  async record(entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (user_id, action, entity, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.userId ?? null,
        entry.action,
        entry.entity,
        entry.entityId ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.requestId ?? null,
      ],
    );
  }

  async find(query: AuditQuery) {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT a.id, a.at, a.user_id AS "userId", u.username, a.action, a.entity, a.entity_id AS "entityId",
              a.before, a.after, a.request_id AS "requestId"
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
        WHERE ($1::text IS NULL OR a.entity = $1) AND ($2::text IS NULL OR a.entity_id = $2)
          AND ($3::uuid IS NULL OR a.user_id = $3) AND ($4::text IS NULL OR a.action = $4)
        ORDER BY a.at DESC, a.id DESC LIMIT $5 OFFSET $6`,
      [query.entity ?? null, query.entityId ?? null, query.userId ?? null, query.action ?? null, query.limit, query.offset],
    );
    return rows;
  }
}
