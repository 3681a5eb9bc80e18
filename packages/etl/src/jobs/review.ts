/**
 * What a job's figures go through before they are loaded, as a department's upload does: the
 * department rule row by row, figures already waiting elsewhere, the checks (强制性审核 refuses,
 * 核实性审核 needs a 说明 in the row's note), and a report in the preview's shape so the review
 * page lists the batch's rows with their comparisons.
 */
import {
  NO_COMPARISONS,
  canWriteFigure,
  checkReport,
  figureOwner,
  figureStatusText,
  reportingUnitName,
  writeRefusalReason,
  type AccessPrincipal,
  type FigureCheck,
  type PreviewReport,
  type PreviewRow,
} from '@planwatch/shared';
import type { ClientBase } from 'pg';
import { checkReportedFigures } from '../load/figure-checks.js';
import { pendingVersions, previewRecords, type ClassifiedRecord } from '../load/observation-store.js';
import { figureKey, type ObservationRecord, type Reject, type Skipped } from '../model.js';
import type { CatalogIndex } from '../transform/catalog.js';
import type { ReportingDirectory } from './run-store.js';

export interface Screened {
  allowed: ObservationRecord[];
  rejects: Reject[];
}

function rejectOf(record: ObservationRecord, field: Reject['field'], reason: string): Reject {
  return {
    file: record.position.file,
    ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
    row: record.position.row,
    ...(record.position.column === undefined ? {} : { column: record.position.column }),
    ...(field ? { field } : {}),
    value: record.value,
    reason,
  };
}

const regionName = (catalog: CatalogIndex, code: string) => {
  const match = catalog.region({ code });
  return match.ok ? match.item.name : code;
};

/** A department as the messages name it: 西火镇, 能源局. */
export function unitNameOf(directory: ReportingDirectory, departmentCode: string): string {
  const department = directory.departments.get(departmentCode);
  return department ? reportingUnitName(department, (code) => directory.regionNames.get(code)) : departmentCode;
}

/**
 * The rows the department may write (`canWriteFigure`, as for its reporters' uploads), and a
 * reject for each other row. A trusted system feed the department reviews in its own system
 * (`asReviewer`) also brings the figures it is the 审核单位 of.
 */
export function screenByDepartment(
  records: readonly ObservationRecord[],
  departmentCode: string,
  directory: ReportingDirectory,
  catalog: CatalogIndex,
  options: { asReviewer?: boolean } = {},
): Screened {
  const department = directory.departments.get(departmentCode);
  if (!department) throw new Error(`unknown department "${departmentCode}"`);
  const principal: AccessPrincipal = { role: 'reporter', departmentCode, departmentKind: department.kind, regionCode: department.regionCode };
  const own = regionName(catalog, department.regionCode);
  const screened: Screened = { allowed: [], rejects: [] };
  for (const record of records) {
    const indicator = directory.indicators.get(record.indicator);
    if (indicator && (canWriteFigure(principal, indicator, record.region) || (options.asReviewer && figureOwner(indicator, record.region)?.reviewer === departmentCode))) {
      screened.allowed.push(record);
      continue;
    }
    const region = { code: record.region, name: regionName(catalog, record.region) };
    const reason = indicator ? writeRefusalReason(principal, indicator, region, own, '本部门', (code) => unitNameOf(directory, code)) : `指标"${record.indicator}"不存在`;
    screened.rejects.push(rejectOf(record, 'region', reason));
  }
  return screened;
}

/** The rows whose figure has no draft or submission waiting elsewhere, and a reject for each that has (never naming a batch). */
export async function screenPending(client: ClientBase, records: readonly ObservationRecord[], directory: ReportingDirectory): Promise<Screened> {
  const pending = await pendingVersions(client, records);
  const screened: Screened = { allowed: [], rejects: [] };
  for (const record of records) {
    const taken = pending.get(figureKey(record));
    if (!taken) {
      screened.allowed.push(record);
      continue;
    }
    const owner = figureOwner(directory.indicators.get(record.indicator) ?? { owners: [] }, record.region);
    const reason =
      taken.status === 'submitted'
        ? `${owner ? figureStatusText('submitted', { reporter: unitNameOf(directory, owner.reporter), reviewer: unitNameOf(directory, owner.reviewer) }) : '该数据已提交待审核'}，审核完成前不能再次报送`
        : '该数据已有待提交的网上填报草稿，请先在网上提交或作废后再放入收件箱';
    screened.rejects.push(rejectOf(record, undefined, reason));
  }
  return screened;
}

export interface Checked extends Screened {
  /** The checks of each allowed record that changes a figure (unchanged figures are not checked). */
  checks: Map<ObservationRecord, FigureCheck>;
}

/**
 * The checks, for the records that change a figure: a hard hit refuses the row; a soft hit
 * without a 说明 in the row's note refuses it too (a job's figures cannot be explained later).
 */
export async function screenByChecks(client: ClientBase, records: readonly ObservationRecord[], directory: ReportingDirectory): Promise<Checked> {
  const classified = await previewRecords(client, [...records]);
  const changing = records.filter((_, i) => classified[i]?.kind !== 'unchanged');
  const results = await checkReportedFigures(client, changing, { districtCode: directory.districtCode, indicators: directory.indicators });
  const byRecord = new Map(changing.map((record, i) => [record, results[i]!]));
  const checked: Checked = { allowed: [], rejects: [], checks: new Map() };
  for (const record of records) {
    const check = byRecord.get(record);
    if (check?.refused) {
      checked.rejects.push(rejectOf(record, 'value', `强制性审核未通过：${check.hits.filter((h) => h.level === 'hard').map((h) => h.message).join('；')}`));
    } else if (check?.needsExplanation) {
      checked.rejects.push(rejectOf(record, 'note', `核实性审核：${check.hits.map((h) => h.message).join('；')}。请在备注（说明）中写明原因（至少4个字）后重新报送`));
    } else {
      checked.allowed.push(record);
      if (check) checked.checks.set(record, check);
    }
  }
  return checked;
}

/** Rejects in file order: by sheet, then row. */
export function inFileOrder(rejects: Reject[]): Reject[] {
  return rejects.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
}

/** A submitted batch's report in the preview's shape: its rows (new / changed old → new / unchanged) with their checks, rejects and skipped rows. */
export function submissionReport(
  records: readonly ObservationRecord[],
  classified: readonly ClassifiedRecord[],
  input: { rowsRead: number; rejects: readonly Reject[]; skipped: readonly Skipped[]; directory: ReportingDirectory; catalog: CatalogIndex; checks: ReadonlyMap<ObservationRecord, FigureCheck> },
): PreviewReport {
  const rows: PreviewRow[] = records.map((record, i) => {
    const indicator = input.directory.indicators.get(record.indicator);
    const c = classified[i];
    const check = input.checks.get(record);
    return {
      row: record.position.row,
      ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
      ...(record.position.column === undefined ? {} : { column: record.position.column }),
      indicatorCode: record.indicator,
      indicatorName: indicator?.name ?? record.indicator,
      regionCode: record.region,
      regionName: regionName(input.catalog, record.region),
      period: record.period,
      basis: record.basis,
      spanStart: record.spanStart ?? null,
      unit: indicator?.unit ?? '',
      value: record.value,
      note: record.note ?? null,
      kind: c?.kind ?? 'new',
      oldValue: c?.oldValue ?? null,
      comparisons: check?.comparisons ?? NO_COMPARISONS,
      checks: check?.hits ?? [],
      needsExplanation: false,
      reason: null,
      returned: null,
    };
  });
  // Waiting for a reviewer, never submitted again: not submittable.
  return {
    ...checkReport({
      rowsRead: input.rowsRead,
      records: records.length + input.rejects.length,
      rows,
      rejects: input.rejects.map(({ field: _field, ...reject }) => reject),
      skipped: input.skipped.slice(0, 200).map(({ file: _file, value: _value, ...skip }) => skip),
      reason: null,
    }),
    submittable: false,
  };
}
