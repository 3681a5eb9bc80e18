import type { ClientBase } from 'pg';
import type { CatalogIndex } from '../transform/catalog.js';
import { applyFileRules, ytdOrderApplies, type AcceptedFigure, type FileRuleReject } from '../transform/transform-rows.js';

/** A series the file-wide rules look within: an indicator, region, basis and year. */
export const seriesKey = (figure: Pick<AcceptedFigure, 'record' | 'year'>): string =>
  `${figure.record.indicator}|${figure.record.region}|${figure.record.basis}|${figure.year}`;

/**
 * The series of a streamed file that may break a file-wide rule (`applyFileRules`: a figure
 * twice, or a YTD below an earlier month's), found by SQL without holding the file. Every figure
 * of the file is exactly once in `observations` under the batch (written, or superseded by a
 * later row of the same file) or in `file_rows` (left unchanged, or read after merging stopped):
 *
 * - approved figures of one batch are unique (the one-approved-version index), so a figure
 *   twice shows as a version the batch itself superseded, or as a row of `file_rows` that
 *   meets another of the batch's figures;
 * - the YTD order needs the file's YTD figures of each series in month order: one sort of those.
 *
 * `written` says which of these the load made: a batch that replaced none of its figures and kept
 * none in `file_rows` (a first load of new months) has nothing to find twice.
 *
 * Finding a few series too many costs nothing (the rules then judge them and keep all); missing
 * one would load a file the whole-file rules refuse, which the streamed-load tests compare.
 */
export async function suspectSeries(client: ClientBase, batchId: string, catalog: CatalogIndex, written: { replaced: boolean; kept: boolean }): Promise<Set<string>> {
  const ordered = catalog.catalog.indicators.filter(ytdOrderApplies).map((i) => i.code);
  // The codes sort bytewise, and in memory for a million rows: PostgreSQL's memory, this transaction only.
  await client.query(`SET LOCAL work_mem = '256MB'`);
  const twice = [
    // A version of the batch that a later row of the file replaced.
    ...(written.replaced ? [`SELECT indicator_code, region_code, basis, period FROM observations WHERE batch_id = $1 AND status = 'superseded'`] : []),
    ...(written.kept
      ? [
          `SELECT f.indicator_code, f.region_code, f.basis, f.period FROM file_rows f
            WHERE EXISTS (SELECT 1 FROM observations o WHERE o.batch_id = $1 AND o.indicator_code = f.indicator_code
                             AND o.region_code = f.region_code AND o.period = f.period AND o.basis = f.basis)`,
          `SELECT indicator_code, region_code, basis, period FROM file_rows GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
        ]
      : []),
  ];
  const ytd = `SELECT indicator_code, region_code, basis, period, value FROM observations WHERE batch_id = $1 AND basis = 'ytd' AND indicator_code = ANY($2)${
    written.kept ? ` UNION ALL SELECT indicator_code, region_code, basis, period, value FROM file_rows WHERE basis = 'ytd' AND indicator_code = ANY($2)` : ''
  }`;
  const falling = `SELECT indicator_code, region_code, basis, period FROM (
      SELECT indicator_code, region_code, basis, period, value,
             max(value) OVER (PARTITION BY indicator_code COLLATE "C", region_code COLLATE "C", left(period, 4) COLLATE "C"
                              ORDER BY period COLLATE "C" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_max
        FROM (${ytd}) AS file_ytd) AS ordered_ytd
     WHERE value < earlier_max`;
  const { rows } = await client.query<{ key: string }>(
    `SELECT DISTINCT indicator_code || '|' || region_code || '|' || basis || '|' || left(period, 4) AS key
       FROM (${[...twice, falling].join('\n UNION ALL\n')}) AS suspect`,
    [batchId, ordered],
  );
  return new Set(rows.map((r) => r.key));
}

/**
 * The file-wide rules' rejects, judged by `applyFileRules` — the function the upload preview
 * applies to a whole file — over the suspect series, whole, as a second read of the file yields
 * them. Only a file that may break a rule is read twice.
 */
export async function suspectSeriesRejects(suspects: ReadonlySet<string>, readAgain: () => AsyncIterable<AcceptedFigure[]>): Promise<FileRuleReject[]> {
  if (suspects.size === 0) return [];
  const figures: AcceptedFigure[] = [];
  for await (const chunk of readAgain()) {
    for (const figure of chunk) if (suspects.has(seriesKey(figure))) figures.push(figure);
  }
  return applyFileRules(figures).rejects;
}
