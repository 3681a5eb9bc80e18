/**
 * The checks a reported figure goes through (@planwatch/shared `checkFigures`), with what they
 * compare against read from the database: every path that brings figures in (the API's upload
 * and online entry, the inbox, HTTP and SQL sources) checks through here.
 */
import { checkDataWindow, checkFigures, type CheckedIndicator, type FigureCheck, type FigureToCheck, type StoredFigure } from '@planwatch/shared';
import type { ClientBase } from 'pg';

/** The stored figures of `checkDataWindow`: approved and submitted versions of those indicators and months. */
export async function storedFiguresForChecks(client: ClientBase, figures: readonly FigureToCheck[]): Promise<StoredFigure[]> {
  const window = checkDataWindow(figures);
  if (!window) return [];
  const { rows } = await client.query<StoredFigure>(
    `SELECT indicator_code AS indicator, region_code AS region, period, basis, value::text AS value, span_start AS "spanStart", status
       FROM observations
      WHERE status IN ('approved','submitted') AND indicator_code = ANY($1) AND period BETWEEN $2 AND $3`,
    [window.indicatorCodes, window.from, window.to],
  );
  return rows;
}

/** Checks the figures (same order) against the database as the caller's connection sees it. */
export async function checkReportedFigures(
  client: ClientBase,
  figures: readonly FigureToCheck[],
  catalog: { districtCode: string; indicators: ReadonlyMap<string, CheckedIndicator> },
): Promise<FigureCheck[]> {
  if (figures.length === 0) return [];
  return checkFigures(figures, { ...catalog, stored: await storedFiguresForChecks(client, figures) });
}
