import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_RANKING_CONFIG, figureKey, type AccessDepartment, type Period, type RankingConfig, type RankingIndicator, type RankingInput } from '@planwatch/shared';
import { DataSource } from 'typeorm';

type Raw = Omit<RankingInput, 'month' | 'now' | 'progressByRegion'>;

/** What the 红黑榜 counts, read for a span of months in one go. */
@Injectable()
export class RankingRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The loaded plan's `ranking:` weighting (a plan loaded before it existed: the defaults). */
  async config(): Promise<RankingConfig> {
    const rows: Array<{ ranking: RankingConfig | null }> = await this.db.query(`SELECT summary->'ranking' AS ranking FROM plan_versions ORDER BY loaded_at DESC LIMIT 1`);
    return rows[0]?.ranking ?? DEFAULT_RANKING_CONFIG;
  }

  /**
   * Departments, indicators, first approvals of the periods from `fromPeriod`, reviews and 督办
   * from `since` on. Sample figures count like any other.
   */
  async facts(fromPeriod: string, since: Date): Promise<Raw> {
    const departments: Array<AccessDepartment & { name: string }> = await this.db.query(
      `SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY kind = 'bureau' DESC, code`,
    );
    const indicators: RankingIndicator[] = await this.db.query(
      `SELECT code, department_code AS "departmentCode", region_codes AS "regionCodes", owners, frequency,
              jan_feb_combined AS "janFebCombined", deadline_day AS "deadlineDay"
         FROM indicators ORDER BY sort_order, code`,
    );
    const approvals: Array<{ indicator: string; region: string; period: string; at: Date }> = await this.db.query(
      `SELECT indicator_code AS indicator, region_code AS region, period, min(decided_at) AS at
         FROM observations WHERE status IN ('approved','superseded') AND decided_at IS NOT NULL AND period >= $1
        GROUP BY indicator_code, region_code, period`,
      [fromPeriod],
    );
    const reviews: Raw['reviews'] = await this.db.query(
      `SELECT department_code AS "departmentCode", reviewed_at AS "reviewedAt", status = 'approved' AS approved
         FROM batches WHERE status IN ('approved','returned') AND reviewed_at >= $1 AND department_code IS NOT NULL`,
      [since],
    );
    const supervisions: Raw['supervisions'] = await this.db.query(
      `SELECT department_code AS "departmentCode", opened_at AS "openedAt", to_char(deadline, 'YYYY-MM-DD') AS deadline,
              signed_at AS "signedAt", first_reply_at AS "firstReplyAt"
         FROM supervisions WHERE deadline >= $1::date`,
      [since],
    );
    return {
      departments,
      indicators,
      firstApproved: new Map(approvals.map((a) => [figureKey(a.indicator, a.region, a.period as Period), a.at])),
      reviews,
      supervisions,
    };
  }
}
