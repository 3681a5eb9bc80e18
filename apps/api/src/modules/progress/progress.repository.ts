import { Inject, Injectable } from '@nestjs/common';
import type { AssessedIndicator, Basis, ChainKind, Period, RegionKind, Trajectory } from '@planwatch/shared';
import type pg from 'pg';
import { DataSource } from 'typeorm';

/** An indicator as the progress engine assesses it, plus what the reporting calendar needs. */
export interface CatalogIndicator extends AssessedIndicator {
  districtReported: boolean;
  deadlineDay: number;
  /** Published for January and February together: the reporting calendar never expects January alone. */
  janFebCombined: boolean;
}

export interface CatalogRegion {
  code: string;
  name: string;
  kind: RegionKind;
  parentCode: string | null;
}

export interface CatalogChain {
  code: string;
  name: string;
  kind: ChainKind;
}

export interface CatalogTarget {
  indicatorCode: string;
  regionCode: string;
  year: number;
  value: string;
  trajectory: Trajectory;
  baseline: boolean;
  anchor: boolean;
  annual: boolean;
  illustrative: boolean;
}

export interface Catalog {
  planVersion: string | null;
  indicators: CatalogIndicator[];
  regions: CatalogRegion[];
  chains: CatalogChain[];
  departments: Array<{ code: string; name: string; kind: string; regionCode: string }>;
  targets: CatalogTarget[];
}

/** One figure in force: approved, or (for its own department) a pending draft or submission. */
export interface FigureRow {
  indicatorCode: string;
  regionCode: string;
  period: Period;
  basis: Basis;
  spanStart: Period | null;
  value: string;
  sample: boolean;
  provisional: boolean;
}

/**
 * Numbers that change whenever what they cover changes, moved by triggers in the writing
 * transaction: `inForce` for approved figures, projects and the plan (the key of every public
 * answer), `pending` for departments' drafts and submissions (the key of a department's own view).
 */
export interface DataVersions {
  inForce: string;
  pending: string;
}

/**
 * What changed since an earlier read: the database snapshot now (`mark`, to ask again later),
 * and what transactions the earlier mark did not see changed — the figures in force of some
 * indicators, the projects — or 'everything' when the plan changed (or nothing was read before).
 * Reads made after this call see at least what `mark` saw.
 */
export interface DataChanges {
  mark: string;
  changed: { indicators: ReadonlySet<string>; projects: boolean } | 'everything';
}

const DATA_VERSIONS_QUERY = `SELECT data_version_of('in_force') AS "inForce", data_version_of('pending') AS pending`;

@Injectable()
export class ProgressRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The data versions (see DataVersions), through the pool. */
  async dataVersions(): Promise<DataVersions> {
    const [row] = (await this.db.query(DATA_VERSIONS_QUERY)) as DataVersions[];
    return row!;
  }

  /** The same on a connection of the caller's (the one that LISTENs, to check that it still answers). */
  async dataVersionsOn(client: pg.ClientBase): Promise<DataVersions> {
    return (await client.query<DataVersions>(DATA_VERSIONS_QUERY)).rows[0]!;
  }

  async changesSince(mark: string | null): Promise<DataChanges> {
    const [row] = (await this.db.query(
      `SELECT pg_current_snapshot()::text AS mark,
              CASE WHEN $1::pg_snapshot IS NOT NULL THEN
                (SELECT coalesce(array_agg(DISTINCT coalesce(c.indicator_code, '@' || c.scope)), '{}') FROM data_changes c
                  WHERE c.xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(c.xid, $1::pg_snapshot))
              END AS changed`,
      [mark],
    )) as Array<{ mark: string; changed: string[] | null }>;
    const { changed } = row!;
    // Indicator codes never start with '@': '@plan' and '@projects' stand for the other scopes.
    if (changed === null || changed.includes('@plan')) return { mark: row!.mark, changed: 'everything' };
    return { mark: row!.mark, changed: { indicators: new Set(changed.filter((c) => !c.startsWith('@'))), projects: changed.includes('@projects') } };
  }

  async catalog(): Promise<Catalog> {
    const [version, indicators, regions, chains, departments, targets] = await Promise.all([
      this.db.query(`SELECT version FROM plan_versions ORDER BY loaded_at DESC LIMIT 1`),
      this.db.query(
        `SELECT i.code, i.name, i.unit, i.kind, i.frequency, i.direction, i.department_code AS "departmentCode",
                d.name AS "departmentName", i.chain_code AS "chainCode",
                json_build_object('green', i.threshold_green::float8, 'yellow', i.threshold_yellow::float8) AS thresholds,
                i.weight::float8 AS weight, i.district_reported AS "districtReported", i.region_codes AS "regionCodes",
                i.deadline_day AS "deadlineDay", i.jan_feb_combined AS "janFebCombined", i.numerator_code AS "numeratorCode", i.denominator_code AS "denominatorCode",
                (SELECT json_object_agg(s.region_code, s.share::text)
                   FROM (SELECT DISTINCT region_code, share FROM targets WHERE indicator_code = i.code AND share IS NOT NULL) s) AS shares
           FROM indicators i JOIN departments d ON d.code = i.department_code
          ORDER BY i.sort_order, i.code`,
      ),
      this.db.query(`SELECT code, name, kind, parent_code AS "parentCode" FROM regions ORDER BY sort_order, code`),
      this.db.query(`SELECT code, name, kind FROM chains ORDER BY sort_order, code`),
      this.db.query(`SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY code`),
      this.db.query(
        `SELECT indicator_code AS "indicatorCode", region_code AS "regionCode", year, value::text AS value, trajectory,
                is_baseline AS baseline, is_anchor AS anchor, is_annual AS annual, illustrative
           FROM targets ORDER BY indicator_code, region_code, year`,
      ),
    ]);
    return {
      planVersion: (version as Array<{ version: string }>)[0]?.version ?? null,
      indicators,
      regions,
      chains,
      departments,
      targets,
    };
  }

  /**
   * Figures in force for periods between `from` and `to`: approved ones, and, for the given
   * department, its own drafts and submissions in place of the approved value (marked provisional).
   */
  async figures(from: Period, to: Period, options: { indicatorCodes?: string[]; ownDepartment?: string | null } = {}): Promise<FigureRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (o.indicator_code, o.region_code, o.period, o.basis)
              o.indicator_code AS "indicatorCode", o.region_code AS "regionCode", o.period, o.basis,
              o.span_start AS "spanStart", o.value::text AS value, o.is_sample AS sample, o.status <> 'approved' AS provisional
         FROM observations o
        WHERE o.period BETWEEN $1 AND $2
          AND ($3::text[] IS NULL OR o.indicator_code = ANY($3))
          AND (o.status = 'approved'
               OR ($4::text IS NOT NULL AND o.status IN ('draft','submitted')
                   AND EXISTS (SELECT 1 FROM batches b WHERE b.id = o.batch_id AND b.department_code = $4)))
        ORDER BY o.indicator_code, o.region_code, o.period, o.basis, (o.status = 'approved')`,
      [from, to, options.indicatorCodes ?? null, options.ownDepartment ?? null],
    );
  }

  /** The latest approved period per indicator (all, or the given ones) and region, for data freshness (one index probe per pair). */
  async latestApprovedPeriods(indicatorCodes?: readonly string[]): Promise<Map<string, Map<string, Period>>> {
    const rows: Array<{ code: string; region: string; period: Period | null }> = await this.db.query(
      `SELECT i.code, r.code AS region,
              (SELECT max(o.period) FROM observations o WHERE o.indicator_code = i.code AND o.region_code = r.code AND o.status = 'approved') AS period
         FROM indicators i CROSS JOIN regions r
        WHERE $1::text[] IS NULL OR i.code = ANY($1)`,
      [indicatorCodes ?? null],
    );
    const latest = new Map<string, Map<string, Period>>();
    for (const row of rows) {
      if (!row.period) continue;
      const byRegion = latest.get(row.code) ?? new Map<string, Period>();
      byRegion.set(row.region, row.period);
      latest.set(row.code, byRegion);
    }
    return latest;
  }
}
