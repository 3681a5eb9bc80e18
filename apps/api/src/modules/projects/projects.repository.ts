import { Inject, Injectable } from '@nestjs/common';
import type { Period, ProjectProvenance, ProjectStage } from '@planwatch/shared';
import { DataSource } from 'typeorm';

export interface ProjectRow {
  code: string;
  name: string;
  chainCode: string | null;
  chainName: string | null;
  regionCode: string;
  regionName: string;
  enterprise: string | null;
  totalInvestment: string;
  annualPlanInvestment: string;
  stage: ProjectStage;
  plannedStart: Period | null;
  actualStart: Period | null;
  sample: boolean;
  provenance: ProjectProvenance | null;
  progress: Array<{ period: Period; investment: string; stage: ProjectStage }>;
}

@Injectable()
export class ProjectsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Every key project with its monthly progress through `asOf`. */
  async findAll(asOf: Period): Promise<ProjectRow[]> {
    return this.db.query(
      `SELECT p.code, p.name, p.chain_code AS "chainCode", c.name AS "chainName", p.region_code AS "regionCode",
              r.name AS "regionName", p.enterprise, p.total_investment::text AS "totalInvestment",
              p.annual_plan_investment::text AS "annualPlanInvestment", p.stage, p.planned_start AS "plannedStart",
              p.actual_start AS "actualStart", p.is_sample AS sample, p.provenance,
              coalesce((SELECT json_agg(json_build_object('period', g.period, 'investment', g.investment::text, 'stage', g.stage) ORDER BY g.period)
                          FROM project_progress g WHERE g.project_code = p.code AND g.period <= $1), '[]') AS progress
         FROM projects p JOIN regions r ON r.code = p.region_code LEFT JOIN chains c ON c.code = p.chain_code
        ORDER BY p.code`,
      [asOf],
    );
  }

  async latestProgressPeriod(): Promise<Period | null> {
    const [row] = (await this.db.query(`SELECT max(period) AS period FROM project_progress`)) as Array<{ period: Period | null }>;
    return row?.period ?? null;
  }
}
