import { Inject, Injectable } from '@nestjs/common';
import { checkReportedFigures, previewRecords, type ObservationRecord } from '@planwatch/etl';
import {
  DEFAULT_CHECK_RULES,
  type Basis,
  type CheckedIndicator,
  type CheckRules,
  type DepartmentKind,
  type FigureCheck,
  type FigureOwner,
  type FigureToCheck,
  type Frequency,
  type Period,
  type PlanReporting,
} from '@planwatch/shared';
import type { ClientBase } from 'pg';
import { DataSource } from 'typeorm';
import type { ClassifiedFigure, ExportFigure, FigureKey, FigureState, PendingFigure, ReturnedVersion } from './reporting.types.js';

export interface ReportingIndicator extends CheckedIndicator {
  name: string;
  departmentCode: string;
  departmentName: string;
  districtReported: boolean;
  usualBasis: Basis;
  deadlineDay: number;
  frequency: Frequency;
  owners: FigureOwner[];
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

const keyOf = (k: FigureKey) => `${k.indicator}|${k.region}|${k.period}|${k.basis}`;

/**
 * What reporting reads about figures: the catalogue as reporting sees it (owners and checks
 * included), the figures behind tasks, templates, checks, resubmissions and exports. Batches and
 * their transitions are ReportingRepository's.
 */
@Injectable()
export class ReportingFiguresRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async catalog(): Promise<ReportingCatalog> {
    const [indicators, regions, departments] = await Promise.all([
      this.db.query(
        `SELECT i.code, i.name, i.unit, i.kind, i.frequency, i.department_code AS "departmentCode", d.name AS "departmentName",
                i.region_codes AS "regionCodes", i.district_reported AS "districtReported", i.jan_feb_combined AS "janFebCombined",
                i.usual_basis AS "usualBasis", i.deadline_day AS "deadlineDay", i.non_negative AS "nonNegative", i.owners, i.check_rules AS checks
           FROM indicators i JOIN departments d ON d.code = i.department_code
          ORDER BY i.sort_order, i.code`,
      ) as Promise<Array<Omit<ReportingIndicator, 'checks'> & { checks: CheckRules | null }>>,
      this.db.query(`SELECT code, name, kind, aliases FROM regions ORDER BY sort_order, code`) as Promise<ReportingRegion[]>,
      this.db.query(`SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY code`) as Promise<ReportingDepartment[]>,
    ]);
    const district = regions.find((r) => r.kind === 'district');
    return { districtCode: district?.code ?? '', indicators: indicators.map((i) => ({ ...i, checks: i.checks ?? DEFAULT_CHECK_RULES })), regions, departments };
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

  /**
   * The current versions (not superseded) of the given indicators' figures for some periods: the
   * approved ones, the submissions and returns of every department (where a figure stands), and
   * the drafts of `departmentCode`'s own batches only — another department's unsubmitted work is
   * not this department's to see.
   */
  async figureStates(periods: Period[], indicatorCodes: string[], departmentCode: string | null): Promise<FigureState[]> {
    if (periods.length === 0 || indicatorCodes.length === 0) return [];
    const rows: Array<Omit<FigureState, 'createdAt' | 'decidedAt'> & { createdAt: Date; decidedAt: Date | null }> = await this.db.query(
      `SELECT o.indicator_code AS "indicatorCode", o.region_code AS "regionCode", o.period, o.basis, o.status, o.value::text AS value, o.note,
              o.batch_id AS "batchId", b.department_code AS "departmentCode", b.review_comment AS "reviewComment",
              o.created_at AS "createdAt", o.decided_at AS "decidedAt"
         FROM observations o JOIN batches b ON b.id = o.batch_id
        WHERE o.period = ANY($1) AND o.indicator_code = ANY($2)
          AND (o.status IN ('approved','submitted','returned') OR (o.status = 'draft' AND b.department_code = $3))
        ORDER BY o.created_at, o.id`,
      [periods, indicatorCodes, departmentCode],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null }));
  }

  /**
   * Compares records with the figures in force (nothing is written) and says, for a figure with
   * a pending version, which batch and department it belongs to.
   */
  async classify(records: ObservationRecord[]): Promise<ClassifiedFigure[]> {
    if (records.length === 0) return [];
    return this.withClient(async (client) => {
      const classified = await previewRecords(client, records);
      const pendingBatches = [...new Set(classified.map((c) => c.pendingBatch).filter((b): b is string => !!b))];
      const departments = new Map<string, string | null>();
      if (pendingBatches.length) {
        const { rows } = await client.query<{ id: string; department_code: string | null }>(`SELECT id, department_code FROM batches WHERE id = ANY($1::uuid[])`, [pendingBatches]);
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
    });
  }

  /** The checks of each figure (same order), against what the database holds now. */
  async check(figures: readonly FigureToCheck[], catalog: ReportingCatalog): Promise<FigureCheck[]> {
    if (figures.length === 0) return [];
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    return this.withClient((client) => checkReportedFigures(client, figures, { districtCode: catalog.districtCode, indicators }));
  }

  /**
   * For each figure whose latest version was returned (and not approved since), that version:
   * a resubmission shows what changed and the reviewer's comment. Keyed `indicator|region|period|basis`.
   */
  async returnedVersions(keys: FigureKey[]): Promise<Map<string, ReturnedVersion>> {
    if (keys.length === 0) return new Map();
    const rows: Array<FigureKey & { status: string; batchId: string; value: string; comment: string | null; reviewedBy: string | null; reviewedAt: Date | null }> = await this.db.query(
      `SELECT DISTINCT ON (o.indicator_code, o.region_code, o.period, o.basis)
              o.indicator_code AS indicator, o.region_code AS region, o.period, o.basis, o.status,
              o.batch_id AS "batchId", o.value::text AS value, b.review_comment AS comment, u.username AS "reviewedBy", b.reviewed_at AS "reviewedAt"
         FROM observations o
         JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(indicator, region, period, basis)
           ON o.indicator_code = k.indicator AND o.region_code = k.region AND o.period = k.period AND o.basis = k.basis
         JOIN batches b ON b.id = o.batch_id
         LEFT JOIN users u ON u.id = b.reviewed_by
        WHERE o.status IN ('approved','superseded','returned')
        ORDER BY o.indicator_code, o.region_code, o.period, o.basis, coalesce(o.decided_at, o.created_at) DESC, o.id DESC`,
      [keys.map((k) => k.indicator), keys.map((k) => k.region), keys.map((k) => k.period), keys.map((k) => k.basis)],
    );
    return new Map(
      rows
        .filter((r) => r.status === 'returned')
        .map((r) => [keyOf(r), { batchId: r.batchId, value: r.value, comment: r.comment, reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt?.toISOString() ?? null }]),
    );
  }

  /** The drafts of a preview batch, with the approved value each would replace. */
  async pendingFigures(batchId: string): Promise<PendingFigure[]> {
    return this.db.query(
      `SELECT o.indicator_code AS indicator, o.region_code AS region, o.period, o.basis, o.value::text AS value, o.span_start AS "spanStart", o.note,
              a.value::text AS "oldValue", (a.id IS NOT NULL AND (a.value <> o.value OR a.span_start IS DISTINCT FROM o.span_start)) AS changed
         FROM observations o
         LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = o.indicator_code AND a.region_code = o.region_code
              AND a.period = o.period AND a.basis = o.basis
        WHERE o.batch_id = $1 AND o.status IN ('draft','submitted')
        ORDER BY o.id`,
      [batchId],
    );
  }

  /** The plan's reporting settings (the reminder before a deadline), as last loaded. */
  async reportingSettings(): Promise<PlanReporting | null> {
    const rows: Array<{ reporting: PlanReporting | null }> = await this.db.query(`SELECT reporting FROM plan_versions ORDER BY loaded_at DESC LIMIT 1`);
    return rows[0]?.reporting ?? null;
  }

  /** The first month each indicator × region has an approved figure, keyed `indicator|region`. */
  async firstApproved(indicatorCodes: string[]): Promise<Map<string, Period>> {
    if (indicatorCodes.length === 0) return new Map();
    const rows: Array<{ key: string; period: Period }> = await this.db.query(
      `SELECT indicator_code || '|' || region_code AS key, min(period) AS period FROM observations
        WHERE status IN ('approved','superseded') AND indicator_code = ANY($1) GROUP BY indicator_code, region_code`,
      [indicatorCodes],
    );
    return new Map(rows.map((r) => [r.key, r.period]));
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

  private async withClient<T>(work: (client: ClientBase) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      return await work(pgClientOf(runner));
    } finally {
      await runner.release();
    }
  }
}

/** The node-postgres client behind a connected TypeORM query runner (PostgresQueryRunner.databaseConnection). */
export function pgClientOf(runner: unknown): ClientBase {
  const client = (runner as { databaseConnection?: ClientBase }).databaseConnection;
  if (!client) throw new Error('query runner is not connected');
  return client;
}
