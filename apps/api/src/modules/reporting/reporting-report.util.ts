/**
 * Pure pieces of the reporting flow's report: the preview report built from its rows, the part
 * of a report a batch keeps when a submission is split by 审核单位, the figure key, and CSV with
 * escaped cells.
 */
import { escapeSpreadsheetText, type PreviewReport, type PreviewRow, type RejectView, type WarningView } from '@planwatch/shared';

/** The figure key of a preview row or warning: `indicator|region|period|basis`. */
export const previewFigureKey = (f: { indicatorCode: string; regionCode: string; period: string; basis: string }) =>
  `${f.indicatorCode}|${f.regionCode}|${f.period}|${f.basis}`;

/** Every 核实性审核 hit of the rows, with where the row is. */
function warningsOf(rows: readonly PreviewRow[]): WarningView[] {
  return rows.flatMap((r) =>
    r.checks.map((hit) => ({ ...hit, row: r.row, ...(r.sheet === undefined ? {} : { sheet: r.sheet }), indicatorCode: r.indicatorCode, regionCode: r.regionCode, period: r.period, basis: r.basis, value: r.value })),
  );
}

export interface PreviewReportInput {
  rowsRead: number;
  /** Records read (kept and rejected) before the figure checks. */
  records: number;
  rows: PreviewRow[];
  rejects: RejectView[];
  skipped: PreviewReport['skipped'];
  reason: string | null;
}

/** A preview's report: counts, whether it may be submitted, and the hits listed with their rows. */
export function previewReport(input: PreviewReportInput): PreviewReport {
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

/** The part of a report about some of its figures (a submission split by 审核单位): their rows, with counts to match. */
export function reportPart(report: PreviewReport, keys: ReadonlySet<string>): PreviewReport {
  const rows = report.rows.filter((r) => keys.has(previewFigureKey(r)));
  const part = previewReport({ rowsRead: report.summary.rowsRead, records: rows.length, rows, rejects: report.rejects, skipped: report.skipped, reason: report.reason });
  return { ...report, ...part };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV for Excel: UTF-8 with a byte-order mark, CRLF, every cell escaped and quoted as needed. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): Buffer {
  const text = rows.map((row) => row.map((cell) => csvField(escapeSpreadsheetText(cell))).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** A message as one sentence: whatever punctuation it ends with becomes one 。. */
export function asSentence(text: string): string {
  return `${text.trim().replace(/[\s。．.，,；;：:、]+$/u, '')}。`;
}
