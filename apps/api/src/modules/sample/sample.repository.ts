import { Inject, Injectable } from '@nestjs/common';
import type { FigureOwner, Period, SampleData } from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** Writes the generated sample data; everything it writes is flagged is_sample. */
@Injectable()
export class SampleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async loadedThrough(): Promise<{ period: Period; planVersion: string } | undefined> {
    const rows: Array<{ period: Period; plan_version: string }> = await this.db.query(
      `SELECT period, report->>'planVersion' AS plan_version FROM batches
        WHERE source = 'sample' AND status = 'loaded' ORDER BY created_at DESC LIMIT 1`,
    );
    return rows[0] && { period: rows[0].period, planVersion: rows[0].plan_version };
  }

  /** Replaces all sample rows at once: a new month or a new plan regenerates the whole history. */
  async replace(
    sample: SampleData,
    asOf: Period,
    planVersion: string,
    ownerOf: (indicator: string, region: string) => FigureOwner,
    approvedAt: (figure: SampleData['observations'][number]) => Date,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.removeSample(tx);
      const [{ id: approvedBatch }] = (await tx.query(
        `INSERT INTO batches (source, status, period, rows_total, report)
         VALUES ('sample', 'loaded', $1, $2, $3) RETURNING id`,
        [asOf, sample.observations.length, JSON.stringify({ planVersion, note: '示例数据 (deterministic sample data)' })],
      )) as [{ id: string }];

      // Figures not yet approved form one submission per 报送单位, period and 审核单位, as a real entry would.
      const pending = sample.observations.filter((o) => o.status !== 'approved');
      const pendingBatches = new Map<string, string>();
      const keyOf = (o: SampleData['observations'][number]) => {
        const owner = ownerOf(o.indicator, o.region);
        return `${owner.reporter}|${o.period}|${o.status}|${o.status === 'submitted' ? owner.reviewer : ''}`;
      };
      for (const observation of pending) {
        const key = keyOf(observation);
        if (pendingBatches.has(key)) continue;
        const owner = ownerOf(observation.indicator, observation.region);
        const figures = pending.filter((o) => keyOf(o) === key).length;
        const [{ id }] = (await tx.query(
          `INSERT INTO batches (source, status, department_code, period, submitted_at, report, rows_total, reviewer_department_code)
           VALUES ('online', $1, $2, $3, CASE WHEN $1 = 'submitted' THEN now() END, $4, $5, CASE WHEN $1 = 'submitted' THEN $6 END) RETURNING id`,
          [observation.status === 'submitted' ? 'submitted' : 'preview', owner.reporter, observation.period, JSON.stringify({ sample: true }), figures, owner.reviewer],
        )) as [{ id: string }];
        pendingBatches.set(key, id);
      }

      const rows = sample.observations.map((o) => ({
        i: o.indicator,
        r: o.region,
        p: o.period,
        b: o.basis,
        s: o.spanStart ?? null,
        v: o.value,
        st: o.status,
        batch: o.status === 'approved' ? approvedBatch : pendingBatches.get(keyOf(o)),
        d: o.status === 'approved' ? approvedAt(o).toISOString() : null,
      }));
      for (let start = 0; start < rows.length; start += 5000) {
        await tx.query(
          `INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, is_sample, decided_at)
           SELECT i, r, p, b, s, v, st, batch, true, d
             FROM jsonb_to_recordset($1::jsonb) AS x(i text, r text, p text, b text, s text, v numeric, st text, batch uuid, d timestamptz)`,
          [JSON.stringify(rows.slice(start, start + 5000))],
        );
      }

      await tx.query(
        `INSERT INTO projects (code, name, chain_code, region_code, enterprise, total_investment, annual_plan_investment, plan_year,
                               stage, planned_start, actual_start, completed_at, is_sample, provenance)
         SELECT code, name, chain, region, enterprise, "totalInvestment", "annualPlanInvestment", $2, stage,
                "plannedStart", "actualStart", "completedAt", true, provenance
           FROM jsonb_to_recordset($1::jsonb) AS p(code text, name text, chain text, region text, enterprise text,
                "totalInvestment" numeric, "annualPlanInvestment" numeric, stage text, "plannedStart" text,
                "actualStart" text, "completedAt" text, provenance jsonb)`,
        [JSON.stringify(sample.projects), Number(asOf.slice(0, 4))],
      );
      await tx.query(
        `INSERT INTO project_progress (project_code, period, investment, stage, batch_id)
         SELECT code, period, investment, stage, $2
           FROM jsonb_to_recordset($1::jsonb) AS x(code text, period text, investment numeric, stage text)`,
        [JSON.stringify(sample.projects.flatMap((p) => p.progress.map((step) => ({ code: p.code, ...step })))), approvedBatch],
      );
    });
  }

  private async removeSample(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM project_progress WHERE project_code IN (SELECT code FROM projects WHERE is_sample)`);
    await tx.query(`DELETE FROM projects WHERE is_sample`);
    await tx.query(`DELETE FROM observations WHERE is_sample`);
    await tx.query(
      `DELETE FROM batches b WHERE (source = 'sample' OR report->>'sample' = 'true')
          AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.batch_id = b.id)`,
    );
  }
}
