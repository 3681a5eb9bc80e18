import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { NO_COMPARISONS, type FigureCheck, type FigureToCheck, type PreviewReport, type PreviewRow, type RowKind } from '@planwatch/shared';
import type { ObservationRecord } from '@planwatch/etl';
import { ReportingFiguresRepository, type ReportingCatalog } from './reporting-figures.repository.js';
import type { FigureKey } from './reporting.types.js';

const keyOf = (k: FigureKey) => `${k.indicator}|${k.region}|${k.period}|${k.basis}`;

/** A figure of a preview before it becomes a row: the record, how it relates to the figure in force. */
export interface PreviewEntry {
  record: ObservationRecord;
  kind: RowKind;
  oldValue: string | null;
}

/** A figure the checks refuse (强制性审核), with its hits. */
export interface RefusedEntry {
  record: ObservationRecord;
  message: string;
}

/** A figure as submitted: the key, the value, its 说明 and names for the messages. */
export interface SubmittedCheck extends FigureToCheck {
  indicatorName: string;
  regionName: string;
}

/**
 * The checks room: one check report for every way figures come in. A preview's rows get their
 * comparisons (上月, 上年同期, 环比, 同比, 占全区比重), their hits and, for a figure returned
 * before, what it was and why; a submission is checked again against what is in force then.
 * The rules are @planwatch/shared's (`checkFigures`); the figures they compare with, the
 * database's.
 */
@Injectable()
export class ReportingChecksService {
  constructor(@Inject(ReportingFiguresRepository) private readonly figures: ReportingFiguresRepository) {}

  /**
   * The preview's rows (in order), the figures a hard hit refuses, and the returned submissions it
   * reports again (each once, with the reviewer's comment). Unchanged figures are not checked.
   */
  async previewRows(entries: readonly PreviewEntry[], catalog: ReportingCatalog): Promise<{ rows: PreviewRow[]; refused: RefusedEntry[]; resubmits: NonNullable<PreviewReport['resubmits']> }> {
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const regions = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const changing = entries.filter((e) => e.kind !== 'unchanged');
    const [checks, returned] = await Promise.all([
      this.figures.check(changing.map((e) => e.record), catalog),
      this.figures.returnedVersions(changing.map((e) => e.record)),
    ]);
    const checkOf = new Map<ObservationRecord, FigureCheck>(changing.map((e, i) => [e.record, checks[i]!]));
    const rows: PreviewRow[] = [];
    const refused: RefusedEntry[] = [];
    for (const { record, kind, oldValue } of entries) {
      const check = checkOf.get(record);
      if (check?.refused) {
        refused.push({ record, message: `强制性审核未通过：${check.hits.filter((h) => h.level === 'hard').map((h) => h.message).join('；')}` });
        continue;
      }
      const indicator = indicators.get(record.indicator)!;
      const back = returned.get(keyOf(record));
      rows.push({
        row: record.position.row,
        ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
        ...(record.position.column === undefined ? {} : { column: record.position.column }),
        indicatorCode: record.indicator,
        indicatorName: indicator.name,
        regionCode: record.region,
        regionName: regions.get(record.region) ?? record.region,
        period: record.period,
        basis: record.basis,
        spanStart: record.spanStart ?? null,
        unit: indicator.unit,
        value: record.value,
        note: record.note ?? null,
        kind,
        oldValue,
        comparisons: check?.comparisons ?? NO_COMPARISONS,
        checks: check?.hits ?? [],
        needsExplanation: check?.needsExplanation ?? false,
        reason: null,
        returned: back ? { batchId: back.batchId, value: back.value, comment: back.comment } : null,
      });
    }
    const resubmits = new Map<string, NonNullable<PreviewReport['resubmits']>[number]>();
    for (const back of returned.values()) resubmits.set(back.batchId, { batchId: back.batchId, reviewComment: back.comment, reviewedBy: back.reviewedBy, reviewedAt: back.reviewedAt });
    return { rows, refused, resubmits: [...resubmits.values()] };
  }

  /**
   * A submission checked again, as it is submitted (notes included): 422 when a hard hit refuses a
   * figure or a soft hit still has no 说明, listing those rows; otherwise each figure's check, in order.
   */
  async checkSubmission(figures: readonly SubmittedCheck[], catalog: ReportingCatalog): Promise<FigureCheck[]> {
    const checks = await this.figures.check(figures, catalog);
    const named = (i: number) => ({ indicatorCode: figures[i]!.indicator, indicatorName: figures[i]!.indicatorName, regionCode: figures[i]!.region, regionName: figures[i]!.regionName, period: figures[i]!.period, basis: figures[i]!.basis, value: figures[i]!.value });
    const refused = checks.flatMap((c, i) => (c.refused ? [{ ...named(i), hits: c.hits.filter((h) => h.level === 'hard') }] : []));
    if (refused.length > 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: 'check_refused',
        message: `${refused.length}行未通过强制性审核，不能提交：${refused.map((r) => `${r.indicatorName}/${r.regionName}（${r.hits.map((h) => h.message).join('；')}）`).join('；')}。`,
        rows: refused,
      });
    }
    const unexplained = checks.flatMap((c, i) => (c.needsExplanation ? [{ ...named(i), hits: c.hits }] : []));
    if (unexplained.length > 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: 'explanation_required',
        message: `${unexplained.length}行未通过核实性审核，须逐行填写说明（至少4个字）后才能提交：${unexplained.map((r) => `${r.indicatorName}/${r.regionName}`).join('、')}。`,
        rows: unexplained,
      });
    }
    return checks;
  }
}
