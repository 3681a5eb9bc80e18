import { BloomFilter } from 'bloomfilter';
import { Decimal } from 'decimal.js';
import type { ClientBase } from 'pg';
import type { CatalogIndex } from '../transform/catalog.js';
import { applyFileRules, ytdOrderApplies, type AcceptedFigure, type FileRuleReject } from '../transform/transform-rows.js';

/** A series the file-wide rules look within: an indicator, region, basis and year. */
export const seriesKey = (figure: Pick<AcceptedFigure, 'record' | 'year'>): string =>
  `${figure.record.indicator}|${figure.record.region}|${figure.record.basis}|${figure.year}`;

/** A series being read: the months seen, and for a YTD in order its values by month. */
interface OpenSeries {
  months: number;
  ytd: Array<string | undefined> | null;
}

/** How much a `SeriesWatch` holds, whatever the file's length. */
export interface SeriesWatchLimits {
  /** Series held open at once (least recently read put away first). */
  openSeries: number;
  /** Suspect series before the watch gives up (a file in no useful order). */
  suspects: number;
  /** Bits of the filter of series put away. */
  putAwayBits: number;
}

export const SERIES_WATCH_LIMITS: SeriesWatchLimits = { openSeries: 20_000, suspects: 2_000, putAwayBits: 32 * 1024 * 1024 };

/**
 * The series of a streamed file that may break a file-wide rule (`applyFileRules`: a figure
 * twice, a YTD below an earlier month's), watched as the file is read, in bounded memory, so
 * that the database need not search the file afterwards. The series being read are held open;
 * past `openSeries` the least recently read is put away into a Bloom filter. A figure of a series
 * that may have been put away cannot be checked against it, so that series becomes suspect (as,
 * rarely, a new series the filter mistakes for one). Files in the usual orders — month by month,
 * or series by series — read few series at a time and put none away that comes back. A file in
 * no useful order makes more than `suspects` suspect: the watch gives up (`gaveUp`) and
 * `suspectSeries` asks the database instead.
 */
export class SeriesWatch {
  readonly suspects = new Set<string>();
  gaveUp = false;
  private readonly open = new Map<string, OpenSeries>();
  private readonly putAway: BloomFilter;

  constructor(private readonly limits: SeriesWatchLimits = SERIES_WATCH_LIMITS) {
    this.putAway = new BloomFilter(limits.putAwayBits, 7);
  }

  add(figure: AcceptedFigure): void {
    if (this.gaveUp) return;
    const key = seriesKey(figure);
    if (this.suspects.has(key)) return;
    let series = this.open.get(key);
    if (series) {
      // Most recently read last: the first in the map is the one to put away.
      this.open.delete(key);
      this.open.set(key, series);
    } else {
      if (this.putAway.test(key)) return this.suspect(key);
      series = { months: 0, ytd: figure.record.basis === 'ytd' && ytdOrderApplies(figure.indicator) ? [] : null };
      this.open.set(key, series);
      if (this.open.size > this.limits.openSeries) {
        const oldest = this.open.keys().next().value!;
        this.open.delete(oldest);
        this.putAway.add(oldest);
      }
    }
    const month = 1 << figure.month;
    if (series.months & month) return this.suspect(key);
    series.months |= month;
    if (series.ytd) {
      const value = figure.record.value;
      for (let other = 1; other <= 12; other++) {
        const earlier = series.ytd[other];
        if (earlier === undefined) continue;
        if (other < figure.month ? below(value, earlier) : below(earlier, value)) return this.suspect(key);
      }
      series.ytd[figure.month] = value;
    }
  }

  private suspect(key: string): void {
    this.suspects.add(key);
    this.open.delete(key);
    if (this.suspects.size > this.limits.suspects) {
      this.gaveUp = true;
      this.open.clear();
    }
  }
}

/** a < b for decimal texts: by their doubles (rounding keeps order), exactly where those are equal. */
function below(a: string, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  return x !== y ? x < y : a !== b && new Decimal(a).lt(b);
}

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
