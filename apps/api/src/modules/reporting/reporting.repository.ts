import { Inject, Injectable } from '@nestjs/common';
import { approveRows, loadRecords, lockFigures, pendingVersions, type ObservationRecord } from '@planwatch/etl';
import type { BatchRecord, BatchSource, BatchStatus, Period, PreviewReport } from '@planwatch/shared';
import type { ClientBase } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository.js';
import { pgClientOf } from './reporting-figures.repository.js';
import { ReportingNoticesRepository, type ReportingNotice } from './reporting-notices.repository.js';
import type { BatchListFilter, StoredFile } from './reporting.types.js';

export interface NewPreviewBatch {
  source: BatchSource;
  departmentCode: string | null;
  period: Period | null;
  fileName: string | null;
  file: { sha256: string; bytes: Buffer; contentType: string | null } | null;
  createdBy: string;
  createdAt: Date;
  rowsTotal: number;
  rowsRejected: number;
  report: PreviewReport;
  /** Written as drafts only when the preview can be submitted (no rejected row). */
  drafts: ObservationRecord[] | null;
  auditSummary: Record<string, unknown>;
}

/** One batch a submission becomes: the figures of one 审核单位, with their part of the report. */
export interface SubmittedPart {
  reviewerDepartmentCode: string;
  /** `indicator|region|period|basis` of its figures. */
  keys: string[];
  report: PreviewReport;
}

/** What the reporter settled for each figure at submission: its 说明 (the note) and 修改原因. */
export interface SubmittedFigure {
  key: string;
  note: string | null;
  reason: string | null;
}

interface BatchRow {
  id: string;
  source: BatchSource;
  status: BatchStatus;
  department_code: string | null;
  department_name: string | null;
  period: Period | null;
  file_name: string | null;
  file_sha256: string | null;
  rows_total: number;
  rows_rejected: number;
  report: unknown;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  reviewer_department_code: string | null;
  reviewer_department_name: string | null;
  pending_rows: string;
}

const BATCH_SELECT = `
  SELECT b.id, b.source, b.status, b.department_code, d.name AS department_name, b.period, b.file_name, b.file_sha256,
         b.rows_total, b.rows_rejected, b.report, b.created_by, cu.username AS created_by_name, b.created_at, b.submitted_at,
         b.reviewed_by, ru.username AS reviewed_by_name, b.reviewed_at, b.review_comment,
         b.reviewer_department_code, rd.name AS reviewer_department_name,
         (SELECT count(*) FROM observations o WHERE o.batch_id = b.id AND o.status IN ('draft','submitted')) AS pending_rows
    FROM batches b
    LEFT JOIN departments d ON d.code = b.department_code
    LEFT JOIN departments rd ON rd.code = b.reviewer_department_code
    LEFT JOIN users cu ON cu.id = b.created_by
    LEFT JOIN users ru ON ru.id = b.reviewed_by`;

function toBatch(row: BatchRow, withReport: boolean): BatchRecord {
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    departmentCode: row.department_code,
    departmentName: row.department_name,
    period: row.period,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    rowsTotal: row.rows_total,
    rowsRejected: row.rows_rejected,
    pendingRows: Number(row.pending_rows),
    createdBy: row.created_by ? { id: row.created_by, username: row.created_by_name } : null,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    reviewedBy: row.reviewed_by ? { id: row.reviewed_by, username: row.reviewed_by_name } : null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    reviewComment: row.review_comment,
    reviewerDepartmentCode: row.reviewer_department_code,
    reviewerDepartmentName: row.reviewer_department_name,
    report: withReport ? (row.report as BatchRecord['report']) : undefined,
  };
}

/** Thrown when a state transition finds the batch no longer in the state it expected. */
export class BatchStateConflict extends Error {}
/** Thrown when a figure already has a pending version in another batch; the message says where it stands, in Chinese. */
export class PendingFigureConflict extends Error {
  constructor(message = '部分数据已有其他待审核的提交，请等待审核完成后重新上传') {
    super(message);
  }
}

const KEY_SQL = `(o.indicator_code || '|' || o.region_code || '|' || o.period || '|' || o.basis)`;

/**
 * Reporting's batches and their state transitions: a preview with its drafts, submission (split
 * by 审核单位), approval, return (with a notice to the department), discarding. Figures are
 * written only through @planwatch/etl's observation store, each transition in one transaction.
 */
@Injectable()
export class ReportingRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(ReportingNoticesRepository) private readonly notices: ReportingNoticesRepository,
  ) {}

  /**
   * Creates a preview batch: the original file (by hash), the batch, and — when the preview is
   * submittable — its figures as drafts. The department's earlier previews are discarded: a new
   * upload or entry replaces whatever was never submitted. One transaction, audited.
   */
  async createPreview(input: NewPreviewBatch): Promise<{ batchId: string; discarded: string[] }> {
    return this.transaction(async ({ client, manager }) => {
      if (input.drafts && input.drafts.length) {
        // Concurrent previews of the same figures take turns; the checks the preview made before
        // this transaction are made again against what the one before it wrote.
        await lockFigures(client, input.drafts);
        const taken = [...(await pendingVersions(client, input.drafts)).values()].find(
          (p) => p.status === 'submitted' || p.departmentCode !== input.departmentCode,
        );
        if (taken) {
          throw new PendingFigureConflict(taken.status === 'submitted' ? '部分数据刚刚已提交待审核，审核完成前不能再次填报' : '其他部门刚刚填报了同一数据，请协调后再填报');
        }
      }
      if (input.file) {
        const stored: Array<{ sha256: string }> = await manager.query(
          `INSERT INTO stored_files (sha256, size, content_type, bytes, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
          [input.file.sha256, input.file.bytes.length, input.file.contentType, input.file.bytes, input.createdAt],
        );
        if (stored.length) {
          await this.audit.record(
            { userId: input.createdBy, action: 'store', entity: 'stored_file', entityId: input.file.sha256, after: { size: input.file.bytes.length, contentType: input.file.contentType, fileName: input.fileName } },
            manager,
          );
        }
      }
      const earlier: Array<{ id: string }> = await manager.query(
        `SELECT id FROM batches WHERE status = 'preview' AND source IN ('upload','online') AND department_code IS NOT DISTINCT FROM $1 ORDER BY created_at FOR UPDATE`,
        [input.departmentCode],
      );
      const replaced = earlier.map((b) => b.id);
      const [batch] = (await manager.query(
        `INSERT INTO batches (source, status, department_code, period, file_name, file_sha256, rows_total, rows_rejected, report, created_by, created_at)
         VALUES ($1, 'preview', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          input.source,
          input.departmentCode,
          input.period,
          input.fileName,
          input.file?.sha256 ?? null,
          input.rowsTotal,
          input.rowsRejected,
          JSON.stringify({ ...input.report, replaced }),
          input.createdBy,
          input.createdAt,
        ],
      )) as Array<{ id: string }>;
      const batchId = batch!.id;
      for (const id of replaced) await this.discardWithin(manager, id, input.createdBy, input.createdAt, { replacedBy: batchId });
      if (input.drafts && input.drafts.length) {
        // The 修改原因 is the reporter's, per row, at submission.
        await loadRecords(client, input.drafts, { batchId, status: 'draft', departmentCode: input.departmentCode, createdBy: input.createdBy, reason: null });
      }
      await this.audit.record(
        { userId: input.createdBy, action: 'preview', entity: 'batch', entityId: batchId, after: { ...input.auditSummary, status: 'preview', replaced } },
        manager,
      );
      return { batchId, discarded: replaced };
    });
  }

  async findBatch(id: string, withReport = true): Promise<BatchRecord | undefined> {
    const rows: BatchRow[] = await this.db.query(`${BATCH_SELECT} WHERE b.id = $1`, [id]);
    return rows[0] && toBatch(rows[0], withReport);
  }

  async listBatches(filter: BatchListFilter): Promise<BatchRecord[]> {
    const rows: BatchRow[] = await this.db.query(
      `${BATCH_SELECT}
        WHERE ($1::text IS NULL OR b.status = $1)
          AND ($2::text[] IS NULL OR b.department_code = ANY($2) OR b.reviewer_department_code = ANY($8))
          AND ($3::text IS NULL OR b.period = $3)
          AND ($6::text IS NULL OR b.reviewer_department_code = $6 OR (b.reviewer_department_code IS NULL AND ($7 OR b.department_code = $6)))
          AND (b.source IN ('upload','online') OR (b.source = 'etl' AND b.status <> 'loaded'))
        ORDER BY coalesce(b.submitted_at, b.created_at) DESC, b.id
        LIMIT $4 OFFSET $5`,
      [filter.status ?? null, filter.departmentCodes, filter.period ?? null, filter.limit, filter.offset, filter.reviewer?.departmentCode ?? null, filter.reviewer?.legacyAll ?? false, filter.reviewedBy],
    );
    return rows.map((r) => toBatch(r, false));
  }

  /**
   * preview → submitted, all or nothing: each figure gets the reporter's 说明 and 修改原因, and
   * the figures of each further 审核单位 move to a batch of their own (same file, department and
   * period), so every submission has exactly one reviewer. Returns the batches, the first being this one.
   */
  async submit(batchId: string, actor: { userId: string; at: Date }, figures: SubmittedFigure[], parts: SubmittedPart[]): Promise<string[]> {
    return this.transaction(async ({ manager }) => {
      const [before] = (await manager.query(`SELECT status FROM batches WHERE id = $1 FOR UPDATE`, [batchId])) as Array<{ status: BatchStatus }>;
      if (before?.status !== 'preview') throw new BatchStateConflict(before?.status ?? 'missing');
      await manager.query(
        `UPDATE observations o SET note = f.note, reason = f.reason
           FROM unnest($2::text[], $3::text[], $4::text[]) AS f(key, note, reason)
          WHERE o.batch_id = $1 AND o.status = 'draft' AND ${KEY_SQL} = f.key`,
        [batchId, figures.map((f) => f.key), figures.map((f) => f.note), figures.map((f) => f.reason)],
      );
      const ids = [batchId];
      for (const part of parts.slice(1)) {
        const [{ id }] = (await manager.query(
          `INSERT INTO batches (source, status, department_code, period, file_name, file_sha256, rows_total, rows_rejected, created_by, created_at)
           SELECT source, 'preview', department_code, period, file_name, file_sha256, $2, 0, created_by, created_at FROM batches WHERE id = $1
           RETURNING id`,
          [batchId, part.keys.length],
        )) as [{ id: string }];
        await manager.query(`UPDATE observations o SET batch_id = $2 WHERE o.batch_id = $1 AND o.status = 'draft' AND ${KEY_SQL} = ANY($3)`, [batchId, id, part.keys]);
        ids.push(id);
      }
      let rows = 0;
      for (const [i, part] of parts.entries()) {
        const id = ids[i]!;
        try {
          const result = (await manager.query(`UPDATE observations SET status = 'submitted' WHERE batch_id = $1 AND status = 'draft' RETURNING id`, [id])) as [unknown[], number];
          rows += result[1];
        } catch (error) {
          const failure = error as { driverError?: { code?: string }; code?: string };
          if ((failure.driverError?.code ?? failure.code) === '23505') throw new PendingFigureConflict();
          throw error;
        }
        const splitInto = parts.length > 1 ? ids.flatMap((other, k) => (k === i ? [] : [{ batchId: other, reviewerDepartmentCode: parts[k]!.reviewerDepartmentCode, figures: parts[k]!.keys.length }])) : undefined;
        await manager.query(
          `UPDATE batches SET status = 'submitted', submitted_at = $2, reviewer_department_code = $3, report = $4,
                  rows_total = CASE WHEN $5 THEN $6 ELSE rows_total END WHERE id = $1`,
          [id, actor.at, part.reviewerDepartmentCode, JSON.stringify({ ...part.report, ...(splitInto ? { splitInto } : {}) }), parts.length > 1, part.keys.length],
        );
      }
      await this.audit.record(
        {
          userId: actor.userId,
          action: 'submit',
          entity: 'batch',
          entityId: batchId,
          before: { status: 'preview' },
          // Each figure's 说明 and 修改原因 as submitted: what the reviewer was told, and why a figure changed.
          after: { status: 'submitted', rows, batches: ids, reviewers: parts.map((p) => p.reviewerDepartmentCode), figures },
        },
        manager,
      );
      return ids;
    });
  }

  /** submitted → approved: the batch's figures come into force as new revisions. */
  async approve(batchId: string, actor: { userId: string; at: Date; comment: string | null }): Promise<{ rows: number; indicatorCodes: string[] }> {
    return this.transaction(async ({ client, manager }) => {
      const [before] = (await manager.query(`SELECT status FROM batches WHERE id = $1 FOR UPDATE`, [batchId])) as Array<{ status: BatchStatus }>;
      if (before?.status !== 'submitted') throw new BatchStateConflict(before?.status ?? 'missing');
      const changes: Array<{ indicator: string; region: string; period: string; basis: string; old: string | null; new: string }> = await manager.query(
        `SELECT o.indicator_code AS indicator, o.region_code AS region, o.period, o.basis, a.value::text AS old, o.value::text AS new
           FROM observations o
           LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = o.indicator_code AND a.region_code = o.region_code
                AND a.period = o.period AND a.basis = o.basis
          WHERE o.batch_id = $1 AND o.status = 'submitted'
          ORDER BY o.id`,
        [batchId],
      );
      const rows = await approveRows(client, `o.batch_id = $1 AND o.status = 'submitted'`, [batchId], actor.userId);
      await manager.query(`UPDATE batches SET status = 'approved', reviewed_by = $2, reviewed_at = $3, review_comment = $4 WHERE id = $1`, [
        batchId,
        actor.userId,
        actor.at,
        actor.comment,
      ]);
      await this.audit.record(
        { userId: actor.userId, action: 'approve', entity: 'batch', entityId: batchId, before: { status: 'submitted' }, after: { status: 'approved', rows, comment: actor.comment, changes } },
        manager,
      );
      return { rows, indicatorCodes: [...new Set(changes.map((c) => c.indicator))] };
    });
  }

  /**
   * submitted → returned, with the reviewer's comment; the figures stay as returned versions in
   * the history, and the batch's department is told in its inbox (部门通知) in the same transaction.
   */
  async returnBatch(batchId: string, actor: { userId: string; at: Date; comment: string }, notice: (rows: number) => ReportingNotice | null): Promise<{ rows: number }> {
    return this.transaction(async ({ manager }) => {
      const [before] = (await manager.query(`SELECT status FROM batches WHERE id = $1 FOR UPDATE`, [batchId])) as Array<{ status: BatchStatus }>;
      if (before?.status !== 'submitted') throw new BatchStateConflict(before?.status ?? 'missing');
      const result = (await manager.query(
        `UPDATE observations SET status = 'returned', decided_by = $2, decided_at = $3 WHERE batch_id = $1 AND status = 'submitted' RETURNING id`,
        [batchId, actor.userId, actor.at],
      )) as [unknown[], number];
      await manager.query(`UPDATE batches SET status = 'returned', reviewed_by = $2, reviewed_at = $3, review_comment = $4 WHERE id = $1`, [
        batchId,
        actor.userId,
        actor.at,
        actor.comment,
      ]);
      const message = notice(result[1]);
      const notified = message ? await this.notices.send(message, manager) : null;
      await this.audit.record(
        { userId: actor.userId, action: 'return', entity: 'batch', entityId: batchId, before: { status: 'submitted' }, after: { status: 'returned', rows: result[1], comment: actor.comment, notification: notified } },
        manager,
      );
      return { rows: result[1] };
    });
  }

  /** preview → discarded: its drafts are removed. */
  async discard(batchId: string, actor: { userId: string; at: Date }): Promise<void> {
    await this.transaction(async ({ manager }) => {
      const [before] = (await manager.query(`SELECT status FROM batches WHERE id = $1 FOR UPDATE`, [batchId])) as Array<{ status: BatchStatus }>;
      if (before?.status !== 'preview') throw new BatchStateConflict(before?.status ?? 'missing');
      await this.discardWithin(manager, batchId, actor.userId, actor.at, {});
    });
  }

  /** Discards every preview of an upload or online entry created before `before` (never submitted, so never meant to stay). */
  async discardStalePreviews(before: Date, at: Date): Promise<string[]> {
    return this.transaction(async ({ manager }) => {
      const stale: Array<{ id: string }> = await manager.query(
        `SELECT id FROM batches WHERE status = 'preview' AND source IN ('upload','online') AND created_at < $1 ORDER BY created_at FOR UPDATE SKIP LOCKED`,
        [before],
      );
      for (const { id } of stale) await this.discardWithin(manager, id, null, at, { stale: true });
      return stale.map((b) => b.id);
    });
  }

  private async discardWithin(manager: EntityManager, batchId: string, userId: string | null, at: Date, extra: Record<string, unknown>): Promise<void> {
    const deleted = (await manager.query(`DELETE FROM observations WHERE batch_id = $1 AND status = 'draft' RETURNING id`, [batchId])) as [unknown[], number];
    await manager.query(`UPDATE batches SET status = 'discarded' WHERE id = $1`, [batchId]);
    const entry: AuditEntry = {
      userId,
      action: 'discard',
      entity: 'batch',
      entityId: batchId,
      before: { status: 'preview', drafts: deleted[1] },
      after: { status: 'discarded', at: at.toISOString(), ...extra },
    };
    await this.audit.record(entry, manager);
  }

  async storedFile(sha256: string): Promise<StoredFile | undefined> {
    const rows: Array<{ bytes: Buffer; content_type: string | null; size: number }> = await this.db.query(
      `SELECT bytes, content_type, size FROM stored_files WHERE sha256 = $1`,
      [sha256],
    );
    const row = rows[0];
    return row && { sha256, bytes: row.bytes, contentType: row.content_type, size: row.size };
  }

  private async transaction<T>(work: (tx: { client: ClientBase; manager: EntityManager }) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work({ client: pgClientOf(runner), manager: runner.manager });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
