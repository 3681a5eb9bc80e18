/**
 * Pure pieces of the reporting flow's report: the part of a report a batch keeps when a submission
 * is split by 审核单位, the figure key, and CSV with escaped cells. The report itself is
 * @planwatch/shared's `checkReport`, as for the ETL's loads.
 */
import { checkReport, escapeSpreadsheetText, type PreviewReport } from '@planwatch/shared';

/** The figure key of a preview row or warning: `indicator|region|period|basis`. */
export const previewFigureKey = (f: { indicatorCode: string; regionCode: string; period: string; basis: string }) =>
  `${f.indicatorCode}|${f.regionCode}|${f.period}|${f.basis}`;

/** The part of a report about some of its figures (a submission split by 审核单位): their rows, with counts to match. */
export function reportPart(report: PreviewReport, keys: ReadonlySet<string>): PreviewReport {
  const rows = report.rows.filter((r) => keys.has(previewFigureKey(r)));
  const part = checkReport({ rowsRead: report.summary.rowsRead, records: rows.length, rows, rejects: report.rejects, skipped: report.skipped, reason: report.reason });
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
