/**
 * Raw records → clean observations, rejects (with a Chinese reason) and skipped values.
 * Pure: everything the transform needs from outside comes in `catalog` and `context`.
 */
import { convertUnit, normalizeUnit, planListsRegion, unitDimension, UnitConversionError } from '@planwatch/shared';
import type { Basis } from '@planwatch/shared';
import { Decimal } from 'decimal.js';
import { figureKey, type ObservationRecord, type RawRecord, type RecordField, type Reject, type Skipped } from '../model.js';
import { cellText, isBlankCell } from '../text.util.js';
import { parseBasis } from './basis.js';
import { CatalogIndex, type Catalog, type CatalogIndicator, type CatalogRegion } from './catalog.js';
import { parseValue } from './number.js';
import { parsePeriodCell, parseYearCell, toPeriod } from './period.js';

export interface TransformContext {
  /** Year for periods written without one ("6月") when the file gives none (no 年份 column, sheet name or title). */
  defaultYear?: number;
  /** Basis when the file has no 口径 column and the period does not say 累计. Without it, such rows are rejected. */
  defaultBasis?: Basis;
  /** Region code for files without a region column (a town's own upload). */
  defaultRegion?: string;
}

export interface TransformResult {
  records: ObservationRecord[];
  rejects: Reject[];
  skipped: Skipped[];
}

/** A row that passed the row-by-row validation: its record and what the file-wide rules need. */
export interface AcceptedFigure {
  /** Order of the raw record in the file (rejects are reported in this order). */
  seq: number;
  record: ObservationRecord;
  indicator: CatalogIndicator;
  regionItem: CatalogRegion;
  /** Last month of the span, for the YTD order. */
  month: number;
  year: number;
}

/** A row a file-wide rule refuses (a duplicate, a conflict, a falling YTD). */
export interface FileRuleReject {
  seq: number;
  reject: Reject;
}

class RejectError {
  constructor(
    readonly field: RecordField,
    readonly reason: string,
    readonly value?: string,
  ) {}
}

function where(record: ObservationRecord, other: ObservationRecord): string {
  const sheet = other.position.sheet !== undefined && other.position.sheet !== record.position.sheet ? `工作表"${other.position.sheet}"` : '';
  return `${sheet}第${other.position.row}行`;
}

const BASIS_NAMES: Record<Basis, string> = { month: '当月', ytd: '累计' };
/** Rows quoted in a conflict message; the rest are counted. */
const MAX_LISTED = 5;

/** Why a figure for a region the plan does not list for the indicator is refused: it could never be shown. */
function unlistedRegionReason(indicator: CatalogIndicator, region: CatalogRegion, district: CatalogRegion, index: CatalogIndex): string {
  const listed = indicator.regionCodes.map((code) => index.region({ code })).flatMap((m) => (m.ok ? [m.item.name] : []));
  const scope = listed.length > 0 ? `只按${district.name}和${listed.join('、')}统计` : `只统计${district.name}全区数据`;
  return `规划中指标"${indicator.name}"${scope}，不含"${region.name}"：该数据导入后无处显示，请核对地区`;
}

/**
 * Stateful form of `transformRows`. `push` raw records as they come, then `finish()`: the
 * file-wide rules (duplicates, conflicts, the YTD order) run over everything pushed. A caller
 * that cannot hold the whole file (the streaming load) calls `accept` instead, keeps the figures
 * elsewhere (a staging table) and runs `applyFileRules` on the rows that may break a rule;
 * `rowRejects` and `skippedValues` are then what the row-by-row validation found.
 */
export class ObservationTransformer {
  private readonly index: CatalogIndex;
  private readonly accepted: AcceptedFigure[] = [];
  private readonly rejects: FileRuleReject[] = [];
  private readonly skipped: Skipped[] = [];
  private seq = 0;

  constructor(
    catalog: Catalog | CatalogIndex,
    private readonly context: TransformContext = {},
  ) {
    this.index = catalog instanceof CatalogIndex ? catalog : new CatalogIndex(catalog);
  }

  push(raw: RawRecord): void {
    const accepted = this.accept(raw);
    if (accepted) this.accepted.push(accepted);
  }

  /** Validates and converts one raw record: the figure, or undefined when it was rejected or skipped (kept here). */
  accept(raw: RawRecord): AcceptedFigure | undefined {
    const seq = this.seq++;
    try {
      return this.convert(raw, seq);
    } catch (error) {
      if (!(error instanceof RejectError)) throw error;
      this.reject(seq, raw, error.field, error.reason, error.value);
      return undefined;
    }
  }

  /** The rows the row-by-row validation rejected so far, in file order. */
  rowRejects(): FileRuleReject[] {
    return this.rejects.sort((a, b) => a.seq - b.seq);
  }

  /** The values skipped so far (empty values). */
  skippedValues(): Skipped[] {
    return this.skipped;
  }

  finish(): TransformResult {
    const ruled = applyFileRules(this.accepted);
    return {
      records: ruled.kept.map((a) => a.record),
      rejects: [...this.rejects, ...ruled.rejects].sort((a, b) => a.seq - b.seq).map((r) => r.reject),
      skipped: this.skipped,
    };
  }

  private reject(seq: number, raw: Pick<RawRecord, 'position' | 'columns'> & Partial<RawRecord>, field: RecordField, reason: string, value?: string): void {
    const column = raw.columns[field] ?? raw.columns.value;
    this.rejects.push({
      seq,
      reject: {
        file: raw.position.file,
        ...(raw.position.sheet === undefined ? {} : { sheet: raw.position.sheet }),
        row: raw.position.row,
        ...(column === undefined ? {} : { column }),
        field,
        value: value ?? rawFieldText(raw, field),
        reason,
      },
    });
  }

  private convert(raw: RawRecord, seq: number): AcceptedFigure | undefined {
    // 1. The value: empty values are skipped (listed), never read as zero.
    const parsed = parseValue(raw.valueRaw);
    if (parsed.kind === 'empty') {
      this.skipped.push({
        file: raw.position.file,
        ...(raw.position.sheet === undefined ? {} : { sheet: raw.position.sheet }),
        row: raw.position.row,
        ...(raw.columns.value === undefined ? {} : { column: raw.columns.value }),
        rule: 'empty_value',
        ...(parsed.marker ? { value: parsed.marker } : {}),
        reason: parsed.marker ? `数值为"${parsed.marker}"，视为空值，未导入` : '数值为空，未导入',
      });
      return undefined;
    }
    if (parsed.kind === 'invalid') throw new RejectError('value', parsed.reason);

    // 2. Indicator and region.
    const indicatorMatch = this.index.indicator(raw.indicatorRef);
    if (!indicatorMatch.ok) throw new RejectError('indicator', indicatorMatch.reason, indicatorMatch.value || undefined);
    const indicator = indicatorMatch.item;
    const regionRef = raw.regionRef.code === undefined && raw.regionRef.name === undefined && this.context.defaultRegion !== undefined ? { code: this.context.defaultRegion } : raw.regionRef;
    const regionMatch = this.index.region(regionRef);
    if (!regionMatch.ok) throw new RejectError('region', regionMatch.reason, regionMatch.value || undefined);
    const region = regionMatch.item;
    const district = this.index.district;
    if (district && !planListsRegion(indicator, region.code, district.code)) {
      throw new RejectError('region', unlistedRegionReason(indicator, region, district, this.index));
    }

    // 3. Period, year and basis.
    if (isBlankCell(raw.periodRaw)) throw new RejectError('period', '缺少期间（请填写如2025-06或6月）', '');
    const periodParse = parsePeriodCell(raw.periodRaw);
    if (!periodParse.ok) throw new RejectError('period', periodParse.reason);
    const span = periodParse.span;
    let yearColumn: number | undefined;
    if (!isBlankCell(raw.yearRaw)) {
      yearColumn = parseYearCell(raw.yearRaw);
      if (yearColumn === undefined) throw new RejectError('year', `年份"${cellText(raw.yearRaw)}"无效`);
    }
    if (span.year !== undefined && yearColumn !== undefined && span.year !== yearColumn) {
      throw new RejectError('period', `期间"${cellText(raw.periodRaw)}"与年份${yearColumn}不一致`);
    }
    const year = span.year ?? yearColumn ?? raw.yearHint ?? this.context.defaultYear;
    if (year === undefined) {
      throw new RejectError('period', `期间"${cellText(raw.periodRaw)}"缺少年份（可增加"年份"列，或在工作表名/标题中写明年份，如"2025年"）`);
    }

    let basis: Basis;
    if (isBlankCell(raw.basisRaw)) {
      if (span.ytd) basis = 'ytd';
      else if (this.context.defaultBasis) basis = this.context.defaultBasis;
      else throw new RejectError('basis', '缺少口径（请填写"当月"或"累计"）', '');
    } else {
      const basisParse = parseBasis(raw.basisRaw);
      if (!basisParse.ok) throw new RejectError('basis', basisParse.reason);
      basis = basisParse.basis;
      if (basisParse.endMonth !== undefined && basisParse.endMonth !== span.endMonth) {
        throw new RejectError('basis', `口径"${cellText(raw.basisRaw)}"与期间"${cellText(raw.periodRaw)}"的月份不一致`);
      }
      if (span.ytd && basis === 'month') {
        throw new RejectError('basis', `期间"${cellText(raw.periodRaw)}"为累计，与口径"${cellText(raw.basisRaw)}"不一致`);
      }
    }
    if (basis === 'ytd' && span.startMonth !== 1 && span.startMonth !== span.endMonth) {
      throw new RejectError('period', `累计口径的期间应从1月开始（"${cellText(raw.periodRaw)}"）`);
    }
    const period = toPeriod(year, span.endMonth);
    const spanStart = basis === 'month' && span.startMonth < span.endMonth ? toPeriod(year, span.startMonth) : undefined;

    // 4. Unit: the unit column, else a unit written with the number, in the indicator name,
    // in the header or title; else the indicator's own unit.
    const target = normalizeUnit(indicator.unit) ?? indicator.unit;
    let unitColumn: string | undefined;
    if (!isBlankCell(raw.unitRaw)) {
      unitColumn = normalizeUnit(cellText(raw.unitRaw));
      if (unitColumn === undefined) throw new RejectError('unit', `单位"${cellText(raw.unitRaw)}"无法识别`);
    }
    if (unitColumn !== undefined && parsed.unit !== undefined && unitColumn !== parsed.unit) {
      throw new RejectError('value', `数值"${cellText(raw.valueRaw)}"中的单位与单位列"${cellText(raw.unitRaw)}"不一致`);
    }
    const from = unitColumn ?? parsed.unit ?? indicatorMatch.unitHint ?? raw.unitHint ?? target;
    const unitField: RecordField = unitColumn !== undefined ? 'unit' : 'value';
    let value = parsed.value;
    if (from !== target) {
      const fromDimension = unitDimension(from);
      const toDimension = unitDimension(target);
      if (fromDimension === undefined || fromDimension !== toDimension) {
        throw new RejectError(unitField, `单位"${from}"与指标单位"${indicator.unit}"量纲不同`, unitColumn !== undefined ? cellText(raw.unitRaw) : undefined);
      }
      try {
        value = convertUnit(value, from, target);
      } catch (error) {
        if (error instanceof UnitConversionError) throw new RejectError(unitField, error.message);
        throw error;
      }
    }

    // 5. Sign.
    if (indicator.nonNegative && value.startsWith('-')) {
      throw new RejectError('value', `指标"${indicator.name}"的数值不能为负数（${value}）`);
    }

    const record: ObservationRecord = {
      indicator: indicator.code,
      region: region.code,
      period,
      basis,
      value,
      ...(spanStart === undefined ? {} : { spanStart }),
      ...(raw.note ? { note: raw.note } : {}),
      ...(raw.columns.period === undefined ? {} : { periodColumn: raw.columns.period }),
      position: {
        file: raw.position.file,
        ...(raw.position.sheet === undefined ? {} : { sheet: raw.position.sheet }),
        row: raw.position.row,
        ...(raw.columns.value === undefined ? {} : { column: raw.columns.value }),
      },
    };
    return { seq, record, indicator, regionItem: region, month: span.endMonth, year };
  }
}

/**
 * The same indicator, region, period and basis twice: with the same value the later rows are
 * rejected as duplicates (the first is loaded); with different values every one of them is
 * rejected — the file contradicts itself and we do not guess which figure is right.
 */
function resolveDuplicates(accepted: readonly AcceptedFigure[], rejects: FileRuleReject[]): AcceptedFigure[] {
  const groups = new Map<string, AcceptedFigure[]>();
  for (const a of accepted) {
    const r = a.record;
    const key = figureKey(r);
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  const survivors: AcceptedFigure[] = [];
  for (const group of groups.values()) {
    const [first, ...rest] = group;
    if (!first) continue;
    if (rest.length === 0) {
      survivors.push(first);
      continue;
    }
    const sameValue = rest.every((a) => new Decimal(a.record.value).eq(first.record.value) && a.record.spanStart === first.record.spanStart);
    if (sameValue) {
      survivors.push(first);
      for (const a of rest) {
        rejectFigure(rejects, a, 'value', `与${where(a.record, first.record)}重复（指标、地区、期间、口径均相同），本行未导入`);
      }
      continue;
    }
    const shown = group.slice(0, MAX_LISTED).map((a) => `${where(first.record, a.record)}为${a.record.value}`);
    const listing = shown.join('，') + (group.length > MAX_LISTED ? `等${group.length}行` : '');
    const what = `${first.indicator.name}、${first.regionItem.name}、${first.record.period}、${BASIS_NAMES[first.record.basis]}`;
    const reason = `同一指标、地区、期间、口径（${what}）出现不同数值：${listing}，请核对后只保留一行`;
    for (const a of group) rejectFigure(rejects, a, 'value', reason);
  }
  return survivors;
}

/**
 * A year-to-date flow that cannot be negative never decreases within a year: each YTD value
 * in the file must be at least the previous month's in the file; the later value of a
 * decreasing pair is rejected. (Against what is already stored: the checks, in @planwatch/shared.)
 */
function checkYtdOrder(survivors: readonly AcceptedFigure[], rejects: FileRuleReject[]): AcceptedFigure[] {
  const series = new Map<string, AcceptedFigure[]>();
  const kept: AcceptedFigure[] = [];
  for (const a of survivors) {
    if (a.record.basis !== 'ytd' || !ytdOrderApplies(a.indicator)) {
      kept.push(a);
      continue;
    }
    const key = `${a.record.indicator}|${a.record.region}|${a.year}`;
    const list = series.get(key);
    if (list) list.push(a);
    else series.set(key, [a]);
  }
  for (const list of series.values()) {
    list.sort((a, b) => a.month - b.month);
    let previous: AcceptedFigure | undefined;
    for (const a of list) {
      const value = new Decimal(a.record.value);
      if (previous) {
        if (value.lt(previous.record.value)) {
          const label = previous.month === a.month - 1 ? '上月' : `${previous.month}月`;
          rejectFigure(rejects, a, 'value', `累计值${a.record.value}小于${label}累计${previous.record.value}（${where(a.record, previous.record)}）`);
          continue;
        }
      }
      previous = a;
      kept.push(a);
    }
  }
  return kept;
}

function rejectFigure(rejects: FileRuleReject[], a: AcceptedFigure, field: RecordField, reason: string): void {
  const p = a.record.position;
  rejects.push({
    seq: a.seq,
    reject: {
      file: p.file,
      ...(p.sheet === undefined ? {} : { sheet: p.sheet }),
      row: p.row,
      ...(p.column === undefined ? {} : { column: p.column }),
      field,
      value: a.record.value,
      reason,
    },
  });
}

/** The year-to-date order applies to flows that cannot be negative. */
export function ytdOrderApplies(indicator: Pick<CatalogIndicator, 'kind' | 'nonNegative'>): boolean {
  return indicator.kind === 'flow' && indicator.nonNegative;
}

/**
 * The file-wide rules, over the figures of one file (or every figure that may break one: see
 * `suspectSeries`): duplicates and conflicts first, then the YTD order of what is left.
 * Returns the figures kept, in file order, and a reject for each other one.
 */
export function applyFileRules(figures: readonly AcceptedFigure[]): { kept: AcceptedFigure[]; rejects: FileRuleReject[] } {
  const rejects: FileRuleReject[] = [];
  const kept = checkYtdOrder(resolveDuplicates(figures, rejects), rejects);
  return { kept: kept.sort((a, b) => a.seq - b.seq), rejects: rejects.sort((a, b) => a.seq - b.seq) };
}

function rawFieldText(raw: Partial<RawRecord>, field: RecordField): string {
  switch (field) {
    case 'indicator':
      return raw.indicatorRef?.code ?? raw.indicatorRef?.name ?? '';
    case 'region':
      return raw.regionRef?.code ?? raw.regionRef?.name ?? '';
    case 'year':
      return cellText(raw.yearRaw);
    case 'period':
      return cellText(raw.periodRaw);
    case 'basis':
      return cellText(raw.basisRaw);
    case 'unit':
      return cellText(raw.unitRaw);
    case 'note':
      return raw.note ?? '';
    case 'value':
      return cellText(raw.valueRaw);
  }
}

/** Raw records → clean records, rejects and skipped values, for a whole file at once. */
export function transformRows(rawRecords: Iterable<RawRecord>, catalog: Catalog | CatalogIndex, context: TransformContext = {}): TransformResult {
  const transformer = new ObservationTransformer(catalog, context);
  for (const raw of rawRecords) transformer.push(raw);
  return transformer.finish();
}
