import { Inject, Injectable } from '@nestjs/common';
import { approveRows, loadRecords, lockFigures, pendingVersions, previewRecords, type ObservationRecord } from '@planwatch/etl';
import type { Basis, BatchRecord, BatchSource, BatchStatus, DepartmentKind, Frequency, IndicatorKind, Period, PreviewReport } from '@planwatch/shared';
import type { ClientBase } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository.js';
import { withoutMovedFigures } from './reporting-checks.util.js';
import type { BatchListFilter, ClassifiedFigure, ExportFigure, FigureKey, FigureState, StoredFile } from './reporting.types.js';

export interface ReportingIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  frequency: Frequency;
  departmentCode: string;
  departmentName: string;
  regionCodes: string[];
  districtReported: boolean;
  janFebCombined: boolean;
  usualBasis: Basis;
  deadlineDay: number;
  nonNegative: boolean;
}

export interface ReportingRegion {
  code: string;
  name: string;
  kind: string;
  aliases: string[];
}

export interface ReportingDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  regionCode: string;
}

export interface ReportingCatalog {
  districtCode: string;
  indicators: ReportingIndicator[];
  regions: ReportingRegion[];
  departments: ReportingDepartment[];
}

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
  report: unknown;
  /** Written as drafts only when the preview can be submitted (no rejected row). */
  drafts: ObservationRecord[] | null;
  reason: string | null;
  auditSummary: Record<string, unknown>;
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
  pending_rows: string;
}

const BATCH_SELECT = `
  SELECT b.id, b.source, b.status, b.department_code, d.name AS department_name, b.period, b.file_name, b.file_sha256,
         b.rows_total, b.rows_rejected, b.report, b.created_by, cu.username AS created_by_name, b.created_at, b.submitted_at,
         b.reviewed_by, ru.username AS reviewed_by_name, b.reviewed_at, b.review_comment,
         (SELECT count(*) FROM observations o WHERE o.batch_id = b.id AND o.status IN ('draft','submitted')) AS pending_rows
    FROM batches b
    LEFT JOIN departments d ON d.code = b.department_code
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
    report: withReport ? (row.report as BatchRecord['report']) : undefined,
  };
}

const keyOf = (k: FigureKey) => `${k.indicator}|${k.region}|${k.period}|${k.basis}`;

/** Thrown when a state transition finds the batch no longer in the state it expected. */
export class BatchStateConflict extends Error {}
/** Thrown when a figure already has a pending version in another batch; the message says which, in Chinese. */
export class PendingFigureConflict extends Error {
  constructor(message = '部分数据已有其他待审核的提交，请等待审核完成后重新上传') {
    super(message);
  }
}

/**
 * Reporting's database access: the catalogue as reporting sees it, batches and their state
 * transitions, and the figures behind tasks, warnings and exports. Figures are written only
 * through @planwatch/etl's observation store.
 */
@Injectable()
export class ReportingRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  async catalog(): Promise<ReportingCatalog> {
    const [indicators, regions, departments] = await Promise.all([
      this.db.query(
        `SELECT i.code, i.name, i.unit, i.kind, i.frequency, i.department_code AS "departmentCode", d.name AS "departmentName",
                i.region_codes AS "regionCodes", i.district_reported AS "districtReported", i.jan_feb_combined AS "janFebCombined",
                i.usual_basis AS "usualBasis", i.deadline_day AS "deadlineDay", i.non_negative AS "nonNegative"
           FROM indicators i JOIN departments d ON d.code = i.department_code
          ORDER BY i.sort_order, i.code`,
      ) as Promise<ReportingIndicator[]>,
      this.db.query(`SELECT code, name, kind, aliases FROM regions ORDER BY sort_order, code`) as Promise<ReportingRegion[]>,
      this.db.query(`SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY code`) as Promise<ReportingDepartment[]>,
    ]);
    const district = regions.find((r) => r.kind === 'district');
    return { districtCode: district?.code ?? '', indicators, regions, departments };
  }

  /**
   * Approved values of the given figures, keyed `indicator|region|period|basis`, each with its
   * first month when it spans several (1–2月 published together), else null.
   */
  async approvedValues(keys: FigureKey[]): Promise<Map<string, { value: string; spanStart: Period | null }>> {
    if (keys.length === 0) return new Map();
    const rows: Array<FigureKey & { value: string; spanStart: Period | null }> = await this.db.query(
      `SELECT o.indicator_code AS indicator, o.region_code AS region, o.period, o.basis, o.value::text AS value, o.span_start AS "spanStart"
         FROM observations o
         JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(indicator, region, period, basis)
           ON o.indicator_code = k.indicator AND o.region_code = k.region AND o.period = k.period AND o.basis = k.basis
        WHERE o.status = 'approved'`,
      [keys.map((k) => k.indicator), keys.map((k) => k.region), keys.map((k) => k.period), keys.map((k) => k.basis)],
    );
    return new Map(rows.map((r) => [keyOf(r), { value: r.value, spanStart: r.spanStart }]));
  }

  /** Approved year-to-date values from `from` on, keyed `indicator|region|period` (for the YTD order check). */
  async approvedYtdSince(from: Period): Promise<Map<string, string>> {
    const rows: Array<{ indicator: string; region: string; period: string; value: string }> = await this.db.query(
      `SELECT indicator_code AS indicator, region_code AS region, period, value::text AS value
         FROM observations WHERE status = 'approved' AND basis = 'ytd' AND period >= $1`,
      [from],
    );
    return new Map(rows.map((r) => [`${r.indicator}|${r.region}|${r.period}`, r.value]));
  }

  /**
   * The current versions (not superseded) of the given indicators' figures for one period: the
   * approved ones, and the drafts, submissions and returns of `departmentCode`'s own batches —
   * another department's unsubmitted work is not this department's to see.
   */
  async figureStates(period: Period, indicatorCodes: string[], departmentCode: string): Promise<FigureState[]> {
    const rows: Array<Omit<FigureState, 'createdAt' | 'decidedAt'> & { createdAt: Date; decidedAt: Date | null }> = await this.db.query(
      `SELECT o.indicator_code AS "indicatorCode", o.region_code AS "regionCode", o.basis, o.status, o.value::text AS value,
              o.batch_id AS "batchId", b.review_comment AS "reviewComment", o.created_at AS "createdAt", o.decided_at AS "decidedAt"
         FROM observations o JOIN batches b ON b.id = o.batch_id
        WHERE o.period = $1 AND o.indicator_code = ANY($2) AND (o.status = 'approved' OR (o.status <> 'superseded' AND b.department_code = $3))
        ORDER BY o.created_at, o.id`,
      [period, indicatorCodes, departmentCode],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null }));
  }

  /**
   * Compares records with the figures in force (nothing is written) and says, for a figure with
   * a pending version, which batch and department it belongs to.
   */
  async classify(records: ObservationRecord[]): Promise<ClassifiedFigure[]> {
    if (records.length === 0) return [];
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const client = pgClientOf(runner);
      const classified = await previewRecords(client, records);
      const pendingBatches = [...new Set(classified.map((c) => c.pendingBatch).filter((b): b is string => !!b))];
      const departments = new Map<string, string | null>();
      if (pendingBatches.length) {
        const rows: Array<{ id: string; department_code: string | null }> = await runner.query(
          `SELECT id, department_code FROM batches WHERE id = ANY($1::uuid[])`,
          [pendingBatches],
        );
        for (const row of rows) departments.set(row.id, row.department_code);
      }
      return classified.map((c) => ({
        seq: c.seq,
        kind: c.kind,
        oldValue: c.oldValue,
        pendingStatus: c.pendingStatus,
        pendingBatch: c.pendingBatch,
        pendingDepartment: c.pendingBatch ? (departments.get(c.pendingBatch) ?? null) : null,
      }));
    } finally {
      await runner.release();
    }
  }

  /**
   * Creates a preview batch: the original file (by hash), the batch, and — when the preview is
   * submittable — its figures as drafts. Earlier previews holding drafts of the same figures are
   * discarded (the newer upload replaces them). One transaction, audited.
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
          throw new PendingFigureConflict(
            taken.status === 'submitted'
              ? `部分数据刚刚已提交待审核（批次${taken.batchId}），审核完成前不能再次填报`
              : `其他部门刚刚填报了同一数据（批次${taken.batchId}），请协调后再填报`,
          );
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
      // The department's earlier previews holding drafts of the same figures give them up to this one;
      // a preview left without drafts is replaced (discarded), one with others keeps them.
      const overlapping: Array<{ id: string; keys: string[]; remaining: number }> =
        input.drafts && input.drafts.length
          ? await manager.query(
              `SELECT b.id, array_agg(o.indicator_code || '|' || o.region_code || '|' || o.period || '|' || o.basis) AS keys,
                      (SELECT count(*)::int FROM observations r WHERE r.batch_id = b.id AND r.status = 'draft') - count(*)::int AS remaining
                 FROM batches b JOIN observations o ON o.batch_id = b.id AND o.status = 'draft'
                 JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(indicator, region, period, basis)
                   ON o.indicator_code = k.indicator AND o.region_code = k.region AND o.period = k.period AND o.basis = k.basis
                WHERE b.status = 'preview' AND b.department_code IS NOT DISTINCT FROM $5
                GROUP BY b.id`,
              [input.drafts.map((r) => r.indicator), input.drafts.map((r) => r.region), input.drafts.map((r) => r.period), input.drafts.map((r) => r.basis), input.departmentCode],
            )
          : [];
      const replaced = overlapping.filter((o) => o.remaining === 0).map((o) => o.id);
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
          JSON.stringify({ ...(input.report as object), replaced }),
          input.createdBy,
          input.createdAt,
        ],
      )) as Array<{ id: string }>;
      const batchId = batch!.id;
      for (const id of replaced) await this.discardWithin(manager, id, input.createdBy, input.createdAt, { replacedBy: batchId });
      for (const partly of overlapping.filter((o) => o.remaining > 0)) {
        // Also a figure this preview leaves as it is (unchanged): its earlier draft no longer stands.
        await manager.query(
          `DELETE FROM observations o WHERE o.batch_id = $1 AND o.status = 'draft' AND (o.indicator_code || '|' || o.region_code || '|' || o.period || '|' || o.basis) = ANY($2)`,
          [partly.id, partly.keys],
        );
        const [{ report }] = (await manager.query(`SELECT report FROM batches WHERE id = $1 FOR UPDATE`, [partly.id])) as [{ report: PreviewReport }];
        await manager.query(`UPDATE batches SET report = $2 WHERE id = $1`, [partly.id, JSON.stringify(withoutMovedFigures(report, new Set(partly.keys), batchId))]);
        await this.audit.record({ userId: input.createdBy, action: 'figures_moved', entity: 'batch', entityId: partly.id, after: { to: batchId, figures: partly.keys.length } }, manager);
      }
      if (input.drafts && input.drafts.length) {
        // Replaces the department's drafts of the same figures, wherever they were.
        await loadRecords(client, input.drafts, { batchId, status: 'draft', departmentCode: input.departmentCode, createdBy: input.createdBy, reason: input.reason });
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
          AND ($2::text[] IS NULL OR b.department_code = ANY($2))
          AND ($3::text IS NULL OR b.period = $3)
          AND (b.source IN ('upload','online') OR (b.source = 'etl' AND b.status <> 'loaded'))
        ORDER BY coalesce(b.submitted_at, b.created_at) DESC, b.id
        LIMIT $4 OFFSET $5`,
      [filter.status ?? null, filter.departmentCodes ?? null, filter.period ?? null, filter.limit, filter.offset],
    );
    return rows.map((r) => toBatch(r, false));
  }

  /** Indicator × region of each pending figure in the batch. */
  async pendingFigures(batchId: string): Promise<Array<{ indicator: string; region: string }>> {
    return this.db.query(
      `SELECT DISTINCT indicator_code AS indicator, region_code AS region FROM observations WHERE batch_id = $1 AND status IN ('draft','submitted')`,
      [batchId],
    );
  }

  /** The batch's figures whose approved value differs: a submission of them needs a reason. */
  async countChangesToApproved(batchId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*) AS n FROM observations o
         JOIN observations a ON a.status = 'approved' AND a.indicator_code = o.indicator_code AND a.region_code = o.region_code
              AND a.period = o.period AND a.basis = o.basis
        WHERE o.batch_id = $1 AND o.status IN ('draft','submitted')
          AND (a.value <> o.value OR a.span_start IS DISTINCT FROM o.span_start)`,
      [batchId],
    )) as Array<{ n: string }>;
    return Number(row!.n);
  }

  /** preview → submitted: every draft of the batch becomes a submission, all or nothing. */
  async submit(batchId: string, actor: { userId: string; at: Date; reason: string | null }): Promise<{ rows: number }> {
    return this.transaction(async ({ manager }) => {
      const [before] = (await manager.query(`SELECT status FROM batches WHERE id = $1 FOR UPDATE`, [batchId])) as Array<{ status: BatchStatus }>;
      if (before?.status !== 'preview') throw new BatchStateConflict(before?.status ?? 'missing');
      let rows: number;
      try {
        const result = (await manager.query(
          `UPDATE observations SET status = 'submitted', reason = coalesce($2, reason) WHERE batch_id = $1 AND status = 'draft' RETURNING id`,
          [batchId, actor.reason],
        )) as [unknown[], number];
        rows = result[1];
      } catch (error) {
        const failure = error as { driverError?: { code?: string }; code?: string };
        if ((failure.driverError?.code ?? failure.code) === '23505') throw new PendingFigureConflict();
        throw error;
      }
      await manager.query(
        `UPDATE batches SET status = 'submitted', submitted_at = $2,
                report = jsonb_set(coalesce(report, '{}'), '{reason}', to_jsonb($3::text))
          WHERE id = $1`,
        [batchId, actor.at, actor.reason],
      );
      await this.audit.record(
        { userId: actor.userId, action: 'submit', entity: 'batch', entityId: batchId, before: { status: 'preview' }, after: { status: 'submitted', rows, reason: actor.reason } },
        manager,
      );
      return { rows };
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

  /** submitted → returned, with the reviewer's comment; the figures stay as returned versions in the history. */
  async returnBatch(batchId: string, actor: { userId: string; at: Date; comment: string }): Promise<{ rows: number }> {
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
      await this.audit.record(
        { userId: actor.userId, action: 'return', entity: 'batch', entityId: batchId, before: { status: 'submitted' }, after: { status: 'returned', rows: result[1], comment: actor.comment } },
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

  private async discardWithin(manager: EntityManager, batchId: string, userId: string, at: Date, extra: Record<string, unknown>): Promise<void> {
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

  /** Approved figures of one period for the given indicators, with names, for exports. */
  async approvedFigures(period: Period, indicatorCodes: string[]): Promise<ExportFigure[]> {
    return this.db.query(
      `SELECT o.indicator_code AS "indicatorCode", i.name AS "indicatorName", o.region_code AS "regionCode", r.name AS "regionName",
              o.period, o.basis, o.span_start AS "spanStart", i.unit, o.value::text AS value, o.note, o.revision,
              o.decided_at AS "decidedAt"
         FROM observations o JOIN indicators i ON i.code = o.indicator_code JOIN regions r ON r.code = o.region_code
        WHERE o.status = 'approved' AND o.period = $1 AND o.indicator_code = ANY($2)
        ORDER BY i.sort_order, i.code, r.sort_order, r.code, o.basis`,
      [period, indicatorCodes],
    );
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

/** The node-postgres client behind a connected TypeORM query runner (PostgresQueryRunner.databaseConnection). */
function pgClientOf(runner: unknown): ClientBase {
  const client = (runner as { databaseConnection?: ClientBase }).databaseConnection;
  if (!client) throw new Error('query runner is not connected');
  return client;
}
