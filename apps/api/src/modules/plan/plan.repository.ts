import { Inject, Injectable } from '@nestjs/common';
import type { NormalizedPlan, PlanResponse } from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';

export interface PlanLoadResult {
  version: string;
  /** False when this exact plan was already loaded (nothing written). */
  changed: boolean;
  targetsInserted: number;
  targetsUpdated: number;
  targetsRemoved: number;
  /** Published figures that came into force (new or changed) with this load. */
  publishedLoaded: number;
  /** Published figures a department's approved report already stands for: the report stays in force. */
  publishedBehindReports: number;
}

/** Writes the plan into the catalogue tables and reads it back for GET /api/plan. */
@Injectable()
export class PlanRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async loadedChecksum(version: string): Promise<string | undefined> {
    const rows: Array<{ checksum: string }> = await this.db.query('SELECT checksum FROM plan_versions WHERE version = $1', [version]);
    return rows[0]?.checksum;
  }

  /** Upserts everything in one transaction and records each target change in target_history. */
  async load(plan: NormalizedPlan, checksum: string): Promise<PlanLoadResult> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO plan_versions (version, checksum, summary, reporting) VALUES ($1, $2, $3, $4)`,
        [plan.version, checksum, JSON.stringify({ ...plan.plan, indicators: plan.indicators.length, targets: plan.targets.length, ranking: plan.ranking, notifications: plan.notifications }), JSON.stringify(plan.reporting)],
      );
      await this.upsertSources(tx, plan);
      await this.upsertRegions(tx, plan);
      await this.upsertChains(tx, plan);
      await this.upsertDepartments(tx, plan);
      await this.upsertIndicators(tx, plan);
      const targets = await this.upsertTargets(tx, plan);
      const published = await this.upsertPublished(tx, plan);
      await this.upsertAlertRules(tx, plan);
      return { version: plan.version, changed: true, ...targets, ...published };
    });
  }

  private json(value: unknown): string {
    return JSON.stringify(value);
  }

  private async upsertSources(tx: EntityManager, plan: NormalizedPlan) {
    await tx.query(
      `INSERT INTO sources (id, title, document, year)
       SELECT id, title, document, year FROM jsonb_to_recordset($1::jsonb) AS s(id text, title text, document text, year int)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, document = EXCLUDED.document, year = EXCLUDED.year`,
      [this.json(plan.sources)],
    );
  }

  private async upsertRegions(tx: EntityManager, plan: NormalizedPlan) {
    // Parents first (by depth): the district row must exist before a town refers to it.
    const ordered = plan.regions.map((region, ord) => ({ ...region, ord, depth: depth(plan, region.code) }));
    await tx.query(
      `INSERT INTO regions (code, name, kind, parent_code, town_code, aliases, schematic_x, schematic_y, sort_order, place_sources, illustrative_places)
       SELECT code, name, kind, parent, town, ARRAY(SELECT jsonb_array_elements_text(aliases)), x, y, ord,
              "placeSources", ARRAY(SELECT jsonb_array_elements_text("illustrativePlaces"))
         FROM jsonb_to_recordset($1::jsonb)
              AS r(code text, name text, kind text, parent text, town text, aliases jsonb, x numeric, y numeric, ord int, depth int,
                   "placeSources" jsonb, "illustrativePlaces" jsonb)
        ORDER BY depth, ord
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code,
         town_code = EXCLUDED.town_code,
         aliases = EXCLUDED.aliases, schematic_x = EXCLUDED.schematic_x, schematic_y = EXCLUDED.schematic_y, sort_order = EXCLUDED.sort_order,
         place_sources = EXCLUDED.place_sources, illustrative_places = EXCLUDED.illustrative_places`,
      [this.json(ordered.map((r) => ({ ...r, x: r.schematic?.x ?? null, y: r.schematic?.y ?? null })))],
    );
  }

  private async upsertChains(tx: EntityManager, plan: NormalizedPlan) {
    await tx.query(
      `INSERT INTO chains (code, name, kind, sort_order, summary, region_codes, graph, place_sources, illustrative_places)
       SELECT code, name, kind, "order", summary, ARRAY(SELECT jsonb_array_elements_text(regions)), graph,
              "placeSources", ARRAY(SELECT jsonb_array_elements_text("illustrativePlaces"))
         FROM jsonb_to_recordset($1::jsonb) AS c(code text, name text, kind text, "order" int, summary text, regions jsonb, graph jsonb,
              "placeSources" jsonb, "illustrativePlaces" jsonb)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, sort_order = EXCLUDED.sort_order,
         summary = EXCLUDED.summary, region_codes = EXCLUDED.region_codes, graph = EXCLUDED.graph,
         place_sources = EXCLUDED.place_sources, illustrative_places = EXCLUDED.illustrative_places`,
      [this.json(plan.chains)],
    );
  }

  private async upsertDepartments(tx: EntityManager, plan: NormalizedPlan) {
    await tx.query(
      `INSERT INTO departments (code, name, kind, region_code)
       SELECT code, name, kind, region FROM jsonb_to_recordset($1::jsonb) AS d(code text, name text, kind text, region text)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, region_code = EXCLUDED.region_code`,
      [this.json(plan.departments)],
    );
  }

  private async upsertIndicators(tx: EntityManager, plan: NormalizedPlan) {
    const rows = plan.indicators.map((indicator, index) => ({
      ...indicator,
      green: indicator.thresholds.green,
      yellow: indicator.thresholds.yellow,
      numerator: indicator.ratio?.numerator ?? null,
      denominator: indicator.ratio?.denominator ?? null,
      ord: index,
    }));
    // Ratio parts refer to other indicators: insert all rows first, then set the references.
    await tx.query(
      `INSERT INTO indicators (code, name, unit, kind, frequency, direction, department_code, chain_code, threshold_green,
              threshold_yellow, non_negative, weight, district_reported, region_codes, usual_basis, jan_feb_combined, description, sort_order,
              place_sources, illustrative_places, owners, check_rules)
       SELECT code, name, unit, kind, frequency, direction, department, chain, green, yellow, "nonNegative", weight,
              "districtReported", ARRAY(SELECT jsonb_array_elements_text(regions)), basis, "janFebCombined", description, ord,
              "placeSources", ARRAY(SELECT jsonb_array_elements_text("illustrativePlaces")), owners, checks
         FROM jsonb_to_recordset($1::jsonb) AS i(code text, name text, unit text, kind text, frequency text, direction text,
              department text, chain text, green numeric, yellow numeric, "nonNegative" boolean, weight numeric,
              "districtReported" boolean, regions jsonb, basis text, "janFebCombined" boolean, description text, ord int,
              "placeSources" jsonb, "illustrativePlaces" jsonb, owners jsonb, checks jsonb)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit, kind = EXCLUDED.kind,
         frequency = EXCLUDED.frequency, direction = EXCLUDED.direction, department_code = EXCLUDED.department_code,
         chain_code = EXCLUDED.chain_code, threshold_green = EXCLUDED.threshold_green, threshold_yellow = EXCLUDED.threshold_yellow,
         non_negative = EXCLUDED.non_negative, weight = EXCLUDED.weight, district_reported = EXCLUDED.district_reported,
         region_codes = EXCLUDED.region_codes, usual_basis = EXCLUDED.usual_basis, jan_feb_combined = EXCLUDED.jan_feb_combined,
         description = EXCLUDED.description,
         sort_order = EXCLUDED.sort_order, place_sources = EXCLUDED.place_sources, illustrative_places = EXCLUDED.illustrative_places,
         owners = EXCLUDED.owners, check_rules = EXCLUDED.check_rules`,
      [this.json(rows)],
    );
    await tx.query(
      `UPDATE indicators i SET numerator_code = r.numerator, denominator_code = r.denominator
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, numerator text, denominator text)
        WHERE i.code = r.code`,
      [this.json(rows)],
    );
  }

  private async upsertTargets(tx: EntityManager, plan: NormalizedPlan) {
    await tx.query(
      `CREATE TEMP TABLE incoming_targets ON COMMIT DROP AS
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(indicator text, region text, year int, value numeric,
              trajectory text, baseline boolean, anchor boolean, annual boolean, illustrative boolean, share numeric,
              "sourceId" text, "sourceQuote" text, "sourceNote" text)`,
      [
        this.json(
          plan.targets.map((t) => ({ ...t, sourceId: t.source?.id ?? null, sourceQuote: t.source?.quote ?? null, sourceNote: t.source?.note ?? null })),
        ),
      ],
    );
    const history = (kind: 'inserted' | 'updated' | 'removed') =>
      ({
        inserted: `SELECT n.indicator, n.region, n.year, NULL::numeric, n.value, NULL::boolean, n.illustrative
                     FROM incoming_targets n LEFT JOIN targets t
                       ON (t.indicator_code, t.region_code, t.year) = (n.indicator, n.region, n.year)
                    WHERE t.id IS NULL`,
        updated: `SELECT n.indicator, n.region, n.year, t.value, n.value, t.illustrative, n.illustrative
                    FROM incoming_targets n JOIN targets t
                      ON (t.indicator_code, t.region_code, t.year) = (n.indicator, n.region, n.year)
                   WHERE t.value <> n.value OR t.illustrative <> n.illustrative`,
        removed: `SELECT t.indicator_code, t.region_code, t.year, t.value, NULL::numeric, t.illustrative, NULL::boolean
                    FROM targets t LEFT JOIN incoming_targets n
                      ON (t.indicator_code, t.region_code, t.year) = (n.indicator, n.region, n.year)
                   WHERE n.indicator IS NULL`,
      })[kind];
    const counts = { targetsInserted: 0, targetsUpdated: 0, targetsRemoved: 0 };
    for (const kind of ['inserted', 'updated', 'removed'] as const) {
      const result: Array<{ n: string }> = await tx.query(
        `WITH changed AS (
           INSERT INTO target_history (indicator_code, region_code, year, old_value, new_value, old_illustrative, new_illustrative, plan_version)
           SELECT *, $1::text FROM (${history(kind)}) AS c RETURNING 1)
         SELECT count(*) AS n FROM changed`,
        [plan.version],
      );
      counts[`targets${kind[0]!.toUpperCase()}${kind.slice(1)}` as keyof typeof counts] = Number(result[0]!.n);
    }
    await tx.query(
      `DELETE FROM targets t WHERE NOT EXISTS (SELECT 1 FROM incoming_targets n
         WHERE (t.indicator_code, t.region_code, t.year) = (n.indicator, n.region, n.year))`,
    );
    await tx.query(
      `INSERT INTO targets (indicator_code, region_code, year, value, trajectory, is_baseline, is_anchor, is_annual, illustrative,
              share, source_id, source_quote, source_note, plan_version)
       SELECT indicator, region, year, value, trajectory, baseline, anchor, annual, illustrative, share,
              "sourceId", "sourceQuote", "sourceNote", $1 FROM incoming_targets
       ON CONFLICT (indicator_code, region_code, year) DO UPDATE SET value = EXCLUDED.value, trajectory = EXCLUDED.trajectory,
         is_baseline = EXCLUDED.is_baseline, is_anchor = EXCLUDED.is_anchor, is_annual = EXCLUDED.is_annual,
         illustrative = EXCLUDED.illustrative, share = EXCLUDED.share, source_id = EXCLUDED.source_id,
         source_quote = EXCLUDED.source_quote, source_note = EXCLUDED.source_note,
         plan_version = CASE WHEN targets.value = EXCLUDED.value AND targets.illustrative = EXCLUDED.illustrative
                             THEN targets.plan_version ELSE EXCLUDED.plan_version END`,
      [plan.version],
    );
    return counts;
  }

  /**
   * The plan's published figures (已公布), as plan data and as the figures in force: each is an
   * approved observation of a 'published' batch. A sample figure at the same key yields to it; a
   * changed figure supersedes its earlier version; a figure the plan withdrew goes; a
   * department's approved report at the key stays in force (it is the newer word).
   */
  private async upsertPublished(tx: EntityManager, plan: NormalizedPlan): Promise<Pick<PlanLoadResult, 'publishedLoaded' | 'publishedBehindReports'>> {
    await tx.query(
      `CREATE TEMP TABLE incoming_published ON COMMIT DROP AS
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(indicator text, region text, period text, basis text, dated text, value numeric,
              "sourceId" text, quote text, note text)`,
      [this.json(plan.published.map((p) => ({ ...p, sourceId: p.source.id, quote: p.source.quote, note: p.source.note })))],
    );
    const atKey = `(n.indicator, n.region, n.period, n.basis) = (o.indicator_code, o.region_code, o.period, o.basis)`;
    await tx.query(
      `DELETE FROM published_figures f WHERE NOT EXISTS (SELECT 1 FROM incoming_published n
         WHERE (n.indicator, n.region, n.period, n.basis) = (f.indicator_code, f.region_code, f.period, f.basis))`,
    );
    await tx.query(
      `INSERT INTO published_figures (indicator_code, region_code, period, basis, dated, value, source_id, source_quote, source_note, plan_version)
       SELECT indicator, region, period, basis, dated, value, "sourceId", quote, note, $1 FROM incoming_published
       ON CONFLICT (indicator_code, region_code, period, basis) DO UPDATE SET dated = EXCLUDED.dated, value = EXCLUDED.value,
         source_id = EXCLUDED.source_id, source_quote = EXCLUDED.source_quote, source_note = EXCLUDED.source_note, plan_version = EXCLUDED.plan_version`,
      [plan.version],
    );
    await tx.query(
      `DELETE FROM observations o USING batches b WHERE b.id = o.batch_id AND b.source = 'published'
          AND NOT EXISTS (SELECT 1 FROM incoming_published n WHERE ${atKey})`,
    );
    await tx.query(`DELETE FROM observations o WHERE o.is_sample AND EXISTS (SELECT 1 FROM incoming_published n WHERE ${atKey})`);
    const [{ behind }] = (await tx.query(
      `SELECT count(*)::int AS behind FROM incoming_published n
         JOIN observations o ON o.status = 'approved' AND ${atKey}
         JOIN batches b ON b.id = o.batch_id AND b.source <> 'published'`,
    )) as [{ behind: number }];
    // New figures, and published figures whose value the plan changed (never a department's report).
    await tx.query(
      `CREATE TEMP TABLE published_changes ON COMMIT DROP AS
       SELECT n.*, o.id AS current_id, o.revision AS current_revision
         FROM incoming_published n
         LEFT JOIN observations o ON o.status = 'approved' AND ${atKey}
         LEFT JOIN batches b ON b.id = o.batch_id
        WHERE o.id IS NULL OR (b.source = 'published' AND o.value <> n.value)`,
    );
    const [{ loaded }] = (await tx.query(`SELECT count(*)::int AS loaded FROM published_changes`)) as [{ loaded: number }];
    if (loaded === 0) return { publishedLoaded: 0, publishedBehindReports: behind };
    const [{ id: batch }] = (await tx.query(
      `INSERT INTO batches (source, status, rows_total, report) VALUES ('published', 'loaded', $1, $2) RETURNING id`,
      [loaded, this.json({ planVersion: plan.version, note: '已公布数据（规划文件所引来源）' })],
    )) as [{ id: string }];
    // Superseded first: one approved version per figure at every moment.
    await tx.query(`UPDATE observations SET status = 'superseded' WHERE id IN (SELECT current_id FROM published_changes)`);
    await tx.query(
      `INSERT INTO observations (indicator_code, region_code, period, basis, value, status, batch_id, revision, supersedes_id, reason, note, decided_at)
       SELECT indicator, region, period, basis, value, 'approved', $1, coalesce(current_revision, 0) + 1, current_id,
              CASE WHEN current_id IS NOT NULL THEN '规划文件 ' || $2::text || ' 更新了已公布数据' END, quote, now()
         FROM published_changes`,
      [batch, plan.version],
    );
    return { publishedLoaded: loaded, publishedBehindReports: behind };
  }

  /** Default rules ship with the plan; a rule an administrator already edited keeps its edits. */
  private async upsertAlertRules(tx: EntityManager, plan: NormalizedPlan) {
    await tx.query(
      `INSERT INTO alert_rules (code, type, name, params, scope, severity, schedule, timezone, enabled)
       SELECT code, type, name, params, scope, severity, schedule, timezone, enabled
         FROM jsonb_to_recordset($1::jsonb)
              AS r(code text, type text, name text, params jsonb, scope jsonb, severity jsonb, schedule text, timezone text, enabled boolean)
       ON CONFLICT (code) DO NOTHING`,
      [this.json(plan.alertRules)],
    );
  }

  async targetHistory(indicatorCode: string) {
    return this.db.query(
      `SELECT region_code AS "regionCode", year, old_value AS "oldValue", new_value AS "newValue",
              old_illustrative AS "oldIllustrative", new_illustrative AS "newIllustrative", plan_version AS "planVersion", changed_at AS "changedAt"
         FROM target_history WHERE indicator_code = $1 ORDER BY changed_at, id`,
      [indicatorCode],
    );
  }

  async read(): Promise<PlanResponse | undefined> {
    const [version] = (await this.db.query(
      `SELECT version, summary FROM plan_versions ORDER BY loaded_at DESC LIMIT 1`,
    )) as Array<{ version: string; summary: PlanResponse['plan'] }>;
    if (!version) return undefined;
    const evidence = `place_sources AS "placeSources", illustrative_places AS "illustrativePlaces"`;
    const [sources, regions, chains, departments, indicators, targets, published] = await Promise.all([
      this.db.query(`SELECT id, title, year FROM sources ORDER BY id`),
      this.db.query(
        `SELECT code, name, kind, parent_code AS "parentCode", town_code AS "townCode", aliases,
                CASE WHEN schematic_x IS NULL THEN NULL ELSE json_build_object('x', schematic_x::float8, 'y', schematic_y::float8) END AS schematic,
                ${evidence}
           FROM regions ORDER BY sort_order, code`,
      ),
      this.db.query(`SELECT code, name, kind, summary, region_codes AS "regionCodes", graph, ${evidence} FROM chains ORDER BY sort_order, code`),
      this.db.query(`SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY code`),
      this.db.query(
        `SELECT i.code, i.name, i.unit, i.kind, i.frequency, i.direction, i.department_code AS "departmentCode",
                i.chain_code AS "chainCode", i.region_codes AS "regionCodes",
                EXISTS (SELECT 1 FROM targets t WHERE t.indicator_code = i.code AND t.illustrative) AS illustrative,
                i.place_sources AS "placeSources", i.illustrative_places AS "illustrativePlaces"
           FROM indicators i ORDER BY i.sort_order, i.code`,
      ),
      this.db.query(
        `SELECT indicator_code AS "indicatorCode", region_code AS "regionCode", year, value::text AS value, trajectory,
                is_baseline AS baseline, illustrative,
                CASE WHEN source_id IS NULL THEN NULL ELSE json_build_object('id', source_id, 'quote', source_quote, 'note', source_note) END AS source
           FROM targets ORDER BY indicator_code, region_code, year`,
      ),
      this.db.query(
        `SELECT f.indicator_code AS "indicatorCode", f.region_code AS "regionCode", f.period, f.dated, f.basis, f.value::text AS value,
                json_build_object('sourceId', s.id, 'sourceTitle', s.title, 'quote', f.source_quote, 'note', f.source_note) AS source
           FROM published_figures f JOIN sources s ON s.id = f.source_id
           LEFT JOIN indicators i ON i.code = f.indicator_code
          ORDER BY i.sort_order, f.region_code, f.period`,
      ),
    ]);
    const { name, region, baseYear, nearTermYear, targetYear, visionYear } = version.summary;
    return {
      version: version.version,
      plan: { name, region, baseYear, nearTermYear, targetYear, visionYear },
      sources,
      regions,
      chains,
      departments,
      indicators,
      targets,
      published,
    };
  }
}

function depth(plan: NormalizedPlan, code: string): number {
  let level = 0;
  let current = plan.regions.find((r) => r.code === code);
  while (current?.parent) {
    level += 1;
    current = plan.regions.find((r) => r.code === current!.parent);
  }
  return level;
}
