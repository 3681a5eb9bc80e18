import { Inject, Injectable } from '@nestjs/common';
import type { Basis, FigureVersion, Period } from '@planwatch/shared';
import { DataSource } from 'typeorm';

interface VersionRow {
  id: string;
  revision: number;
  /** Non-draft versions of the figure up to and including this one. */
  version: string;
  status: FigureVersion['status'];
  basis: Basis;
  span_start: Period | null;
  value: string;
  previous_value: string | null;
  supersedes_id: string | null;
  reason: string | null;
  note: string | null;
  is_sample: boolean;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  batch_id: string;
  batch_source: string;
  batch_status: string;
  batch_department: string | null;
  batch_reviewer: string | null;
  file_name: string | null;
  file_sha256: string | null;
  review_comment: string | null;
}

/** The read side of figure history: every version of a figure, oldest first. */
@Injectable()
export class ObservationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async indicator(code: string): Promise<{ code: string; name: string; unit: string; regionCodes: string[] } | undefined> {
    const rows: Array<{ code: string; name: string; unit: string; regionCodes: string[] }> = await this.db.query(
      'SELECT code, name, unit, region_codes AS "regionCodes" FROM indicators WHERE code = $1',
      [code],
    );
    return rows[0];
  }

  async region(code: string): Promise<{ code: string; name: string; kind: string } | undefined> {
    const rows: Array<{ code: string; name: string; kind: string }> = await this.db.query('SELECT code, name, kind FROM regions WHERE code = $1', [code]);
    return rows[0];
  }

  /** Names of regions, in the plan's order. */
  async regions(codes: string[]): Promise<Array<{ code: string; name: string }>> {
    return this.db.query('SELECT code, name FROM regions WHERE code = ANY($1) ORDER BY sort_order, code', [codes]);
  }

  async history(indicator: string, region: string, period: Period, basis: Basis | undefined): Promise<FigureVersion[]> {
    const rows: VersionRow[] = await this.db.query(
      `SELECT o.id, o.revision, o.status, o.basis, o.span_start, o.value::text AS value,
              count(*) FILTER (WHERE o.status <> 'draft') OVER (PARTITION BY o.indicator_code, o.region_code, o.period ORDER BY o.created_at, o.id) AS version,
              coalesce(s.value, prior.value)::text AS previous_value, o.supersedes_id, o.reason, o.note, o.is_sample,
              o.created_by, cu.username AS created_by_name, o.created_at, o.decided_by, du.username AS decided_by_name, o.decided_at,
              b.id AS batch_id, b.source AS batch_source, b.status AS batch_status, b.department_code AS batch_department, b.reviewer_department_code AS batch_reviewer,
              b.file_name, b.file_sha256, b.review_comment
         FROM observations o
         JOIN batches b ON b.id = o.batch_id
         LEFT JOIN observations s ON s.id = o.supersedes_id
         LEFT JOIN LATERAL (
           SELECT x.value FROM observations x
            WHERE x.indicator_code = o.indicator_code AND x.region_code = o.region_code AND x.period = o.period AND x.basis = o.basis
              AND x.status IN ('approved','superseded') AND x.id <> o.id AND x.decided_at <= o.created_at
            ORDER BY x.decided_at DESC, x.id DESC LIMIT 1) prior ON o.supersedes_id IS NULL
         LEFT JOIN users cu ON cu.id = o.created_by
         LEFT JOIN users du ON du.id = o.decided_by
        WHERE o.indicator_code = $1 AND o.region_code = $2 AND o.period = $3
        ORDER BY o.basis, o.created_at, o.id`,
      [indicator, region, period],
    );
    // Numbered over both bases, so a figure's versions count 1, 2, 3 … whichever basis they report.
    return rows.filter((r) => basis === undefined || r.basis === basis).map((r) => ({
      id: r.id,
      revision: r.revision,
      // A draft is the version being prepared: the one after the last.
      version: Number(r.version) + (r.status === 'draft' ? 1 : 0),
      status: r.status,
      basis: r.basis,
      spanStart: r.span_start,
      value: r.value,
      previousValue: r.previous_value,
      supersedesId: r.supersedes_id,
      reason: r.reason,
      note: r.note,
      sample: r.is_sample,
      createdBy: r.created_by ? { id: r.created_by, username: r.created_by_name } : null,
      createdAt: r.created_at.toISOString(),
      decidedBy: r.decided_by ? { id: r.decided_by, username: r.decided_by_name } : null,
      decidedAt: r.decided_at?.toISOString() ?? null,
      batch: {
        id: r.batch_id,
        source: r.batch_source,
        status: r.batch_status,
        departmentCode: r.batch_department,
        reviewerDepartmentCode: r.batch_reviewer,
        fileName: r.file_name,
        fileSha256: r.file_sha256,
        reviewComment: r.review_comment,
      },
    }));
  }
}
