/**
 * What an untrusted job's figures go through before they wait for a reviewer, as a
 * department's upload does: the department rule row by row, figures already waiting elsewhere,
 * and a report in the preview's shape so the review page lists the batch's rows.
 */
import { canWriteFigure, writeRefusalReason, type AccessPrincipal, type PreviewReport, type PreviewRow } from '@planwatch/shared';
import type { ClientBase } from 'pg';
import { pendingVersions, type ClassifiedRecord } from '../load/observation-store.js';
import type { ObservationRecord, Reject, Skipped } from '../model.js';
import type { CatalogIndex } from '../transform/catalog.js';
import type { ReportingDirectory } from './run-store.js';

export interface Screened {
  allowed: ObservationRecord[];
  rejects: Reject[];
}

function rejectOf(record: ObservationRecord, field: Reject['field'], value: string, reason: string): Reject {
  return {
    file: record.position.file,
    ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
    row: record.position.row,
    ...(record.position.column === undefined ? {} : { column: record.position.column }),
    ...(field ? { field } : {}),
    value,
    reason,
  };
}

const regionName = (catalog: CatalogIndex, code: string) => {
  const match = catalog.region({ code });
  return match.ok ? match.item.name : code;
};

/** The rows the department may write (`canWriteFigure`, as for its reporters' uploads), and a reject for each other row. */
export function screenByDepartment(records: readonly ObservationRecord[], departmentCode: string, directory: ReportingDirectory, catalog: CatalogIndex): Screened {
  const department = directory.departments.get(departmentCode);
  if (!department) throw new Error(`unknown department "${departmentCode}"`);
  const principal: AccessPrincipal = { role: 'reporter', departmentCode, departmentKind: department.kind, regionCode: department.regionCode };
  const own = regionName(catalog, department.regionCode);
  const screened: Screened = { allowed: [], rejects: [] };
  for (const record of records) {
    const indicator = directory.indicators.get(record.indicator);
    if (indicator && canWriteFigure(principal, indicator, record.region)) {
      screened.allowed.push(record);
      continue;
    }
    const region = { code: record.region, name: regionName(catalog, record.region) };
    const reason = indicator ? writeRefusalReason(principal, indicator, region, own, '本部门') : `指标"${record.indicator}"不存在`;
    screened.rejects.push(rejectOf(record, 'region', `${indicator?.name ?? record.indicator}/${region.name}`, reason));
  }
  return screened;
}

/** The rows whose figure has no draft or submission waiting elsewhere, and a reject for each that has. */
export async function screenPending(client: ClientBase, records: readonly ObservationRecord[]): Promise<Screened> {
  const pending = await pendingVersions(client, records);
  const screened: Screened = { allowed: [], rejects: [] };
  for (const record of records) {
    const taken = pending.get(`${record.indicator}|${record.region}|${record.period}|${record.basis}`);
    if (!taken) {
      screened.allowed.push(record);
      continue;
    }
    const reason =
      taken.status === 'submitted'
        ? `该数据已提交待审核（批次${taken.batchId}），审核完成前不能再次报送`
        : `该数据已有待提交的网上填报草稿（批次${taken.batchId}），请先在网上提交或作废后再放入收件箱`;
    screened.rejects.push(rejectOf(record, undefined, record.value, reason));
  }
  return screened;
}

/** Rejects in file order: by sheet, then row. */
export function inFileOrder(rejects: Reject[]): Reject[] {
  return rejects.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
}

/** A submitted batch's report in the preview's shape: its rows (new / changed old → new / unchanged), rejects and skipped rows. */
export function submissionReport(
  records: readonly ObservationRecord[],
  classified: readonly ClassifiedRecord[],
  input: { rowsRead: number; rejects: readonly Reject[]; skipped: readonly Skipped[]; directory: ReportingDirectory; catalog: CatalogIndex },
): PreviewReport {
  const rows: PreviewRow[] = records.map((record, i) => {
    const indicator = input.directory.indicators.get(record.indicator);
    const c = classified[i];
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
      warnings: [],
    };
  });
  const count = (kind: PreviewRow['kind']) => rows.filter((r) => r.kind === kind).length;
  return {
    summary: {
      rowsRead: input.rowsRead,
      records: records.length + input.rejects.length,
      new: count('new'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      rejected: input.rejects.length,
      skipped: input.skipped.length,
      warnings: 0,
    },
    submittable: false,
    reasonRequired: count('changed') > 0,
    reason: null,
    rows,
    rejects: input.rejects.map(({ field: _field, ...reject }) => reject),
    warnings: [],
    skipped: input.skipped.slice(0, 200).map(({ file: _file, value: _value, ...skip }) => skip),
  };
}
