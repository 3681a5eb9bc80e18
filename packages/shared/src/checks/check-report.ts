/**
 * The check report a batch keeps, whichever way its figures came in (a preview of an upload or an
 * online entry, a submission, an inbox file or a source's load): the rows with their comparisons
 * and hits, counts to match, and every hit listed with the row it is on.
 */
import type { PreviewReport, PreviewRow, RejectView, WarningView } from '../api/reporting.js';
import type { FigureComparisons } from './check-figures.js';

/** A row nothing was compared with (an unchanged figure is not checked). */
export const NO_COMPARISONS: FigureComparisons = { previous: null, lastYear: null, monthOnMonthPct: null, yearOnYearPct: null, share: null };

export interface CheckReportInput {
  rowsRead: number;
  /** Records read (kept and rejected) before the figure checks. */
  records: number;
  rows: PreviewRow[];
  rejects: RejectView[];
  skipped: PreviewReport['skipped'];
  reason: string | null;
}

/** Every hit of the rows, with where its row is. */
function warningsOf(rows: readonly PreviewRow[]): WarningView[] {
  return rows.flatMap((r) =>
    r.checks.map((hit) => ({ ...hit, row: r.row, ...(r.sheet === undefined ? {} : { sheet: r.sheet }), indicatorCode: r.indicatorCode, regionCode: r.regionCode, period: r.period, basis: r.basis, value: r.value })),
  );
}

/** The report: counts, whether it may be submitted (no reject, something new or changed), and the hits listed with their rows. */
export function checkReport(input: CheckReportInput): PreviewReport {
  const count = (kind: PreviewRow['kind']) => input.rows.filter((r) => r.kind === kind).length;
  const warnings = warningsOf(input.rows);
  return {
    summary: {
      rowsRead: input.rowsRead,
      records: input.records,
      new: count('new'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      rejected: input.rejects.length,
      skipped: input.skipped.length,
      warnings: warnings.length,
      needExplanation: input.rows.filter((r) => r.needsExplanation).length,
    },
    submittable: input.rejects.length === 0 && input.rows.some((r) => r.kind !== 'unchanged'),
    reasonRequired: count('changed') > 0,
    reason: input.reason,
    rows: input.rows,
    rejects: input.rejects,
    warnings,
    skipped: input.skipped,
  };
}
