import type { ClientBase } from 'pg';
import type { ObservationRecord } from '../model.js';
import type { CatalogIndex, CatalogIndicator, CatalogRegion } from '../transform/catalog.js';
import { applyFileRules, ytdOrderApplies, type AcceptedFigure, type FileRuleReject } from '../transform/transform-rows.js';

interface FileRow {
  seq: number;
  indicator: string;
  region: string;
  period: ObservationRecord['period'];
  basis: ObservationRecord['basis'];
  spanStart: ObservationRecord['period'] | null;
  value: string;
  file: string;
  sheet: string | null;
  row: number;
  column: string | null;
}

/**
 * The file-wide rules (`applyFileRules`: duplicates, conflicts, the YTD order) over a streamed
 * file in `file_rows`, without holding the file. A rule looks within one series — an
 * indicator, region, basis and year — so SQL finds the series that may break one (a figure
 * twice, or a YTD below an earlier month's), and only those series, whole, come back to be
 * judged by the rules themselves: exactly what `applyFileRules` over the whole file rejects.
 */
export async function stagedFileRuleRejects(client: ClientBase, catalog: CatalogIndex): Promise<FileRuleReject[]> {
  const indicators = new Map<string, CatalogIndicator>(catalog.catalog.indicators.map((i) => [i.code, i]));
  const regions = new Map<string, CatalogRegion>(catalog.catalog.regions.map((r) => [r.code, r]));
  const ordered = [...indicators.values()].filter(ytdOrderApplies).map((i) => i.code);
  // One sort serves both windows (the series' order extends the figure's); the codes sort
  // bytewise, and in memory for a million rows: PostgreSQL's memory, this transaction only.
  await client.query(`SET LOCAL work_mem = '256MB'`);
  const { rows } = await client.query<FileRow>(
    `WITH series AS (
       SELECT indicator_code COLLATE "C" AS indicator_code, region_code COLLATE "C" AS region_code, basis COLLATE "C" AS basis,
              left(period, 4) COLLATE "C" AS year, value,
              count(*) OVER (PARTITION BY indicator_code COLLATE "C", region_code COLLATE "C", basis COLLATE "C", left(period, 4) COLLATE "C", period COLLATE "C") AS copies,
              max(value) OVER (PARTITION BY indicator_code COLLATE "C", region_code COLLATE "C", basis COLLATE "C", left(period, 4) COLLATE "C"
                               ORDER BY period COLLATE "C", seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_max
         FROM file_rows),
     suspect AS (
       SELECT DISTINCT indicator_code, region_code, basis, year FROM series
        WHERE copies > 1 OR (basis = 'ytd' AND indicator_code = ANY($1) AND value < earlier_max))
     SELECT f.seq, f.indicator_code AS indicator, f.region_code AS region, f.period, f.basis, f.span_start AS "spanStart",
            f.value::text AS value, f.file, f.sheet, f.row_no AS row, f.col AS column
       FROM file_rows f
       JOIN suspect s ON s.indicator_code = f.indicator_code AND s.region_code = f.region_code AND s.basis = f.basis AND s.year = left(f.period, 4)
      ORDER BY f.seq`,
    [ordered],
  );
  const figures: AcceptedFigure[] = rows.map((r) => ({
    seq: r.seq,
    record: {
      indicator: r.indicator,
      region: r.region,
      period: r.period,
      basis: r.basis,
      value: r.value,
      ...(r.spanStart === null ? {} : { spanStart: r.spanStart }),
      position: { file: r.file, ...(r.sheet === null ? {} : { sheet: r.sheet }), row: r.row, ...(r.column === null ? {} : { column: r.column }) },
    },
    indicator: indicators.get(r.indicator)!,
    regionItem: regions.get(r.region)!,
    year: Number(r.period.slice(0, 4)),
    month: Number(r.period.slice(5, 7)),
  }));
  return applyFileRules(figures).rejects;
}
