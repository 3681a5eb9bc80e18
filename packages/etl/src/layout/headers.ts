/**
 * What a header cell means. Headers are compared after NFKC (full-width → half-width), with
 * whitespace, a leading "*" (required-field marker) and a trailing "(…)" removed; the
 * bracketed part is kept as a unit hint when it is a unit ("数值（万吨）").
 */
import type { Basis } from '@planwatch/shared';
import { normalizeUnit } from '@planwatch/shared';
import { compactText, smallNumber } from '../text.util.js';

export type FieldRole =
  | 'indicatorCode'
  | 'indicatorName'
  | 'regionCode'
  | 'regionName'
  | 'year'
  | 'period'
  | 'basis'
  | 'value'
  | 'unit'
  | 'note'
  | 'ignore';

/** Synonyms per column role, as they read after normalising. */
export const HEADER_SYNONYMS: Readonly<Record<FieldRole, readonly string[]>> = {
  indicatorCode: ['指标编码', '指标代码', '指标编号', '指标id', '指标ID', '指标标识'],
  indicatorName: ['指标名称', '指标', '指标名', '统计指标', '指标项', '指标项目', '指标内容'],
  regionCode: ['地区编码', '地区代码', '区划代码', '行政区划代码', '统计用区划代码', '区域编码', '区域代码', '乡镇编码', '乡镇代码', '地区编号'],
  regionName: [
    '地区',
    '地区名称',
    '区域',
    '区域名称',
    '乡镇',
    '乡镇名称',
    '乡镇街道',
    '乡镇/街道',
    '乡镇、街道',
    '乡镇(街道)',
    '镇街',
    '镇(街道)',
    '所属乡镇',
    '所属地区',
    '所属区域',
    '行政区划',
    '地区/园区',
    '乡镇/园区',
    '乡镇(园区)',
  ],
  year: ['年份', '年度', '年', '统计年度', '统计年份', '所属年度', '所属年份'],
  period: ['期间', '月份', '时间', '统计期', '统计期间', '报告期', '报告期间', '日期', '统计时间', '数据期', '所属期', '期别', '年月', '统计月份', '所属月份', '月', '期次'],
  basis: ['口径', '统计口径', '数据口径', '时间口径', '期间口径', '数据类型', '口径(当月/累计)'],
  value: ['数值', '值', '数据', '数量', '指标值', '完成值', '完成数', '实际值', '实际完成', '完成情况', '填报值', '填报数', '数'],
  unit: ['单位', '计量单位', '计算单位', '度量单位', '指标单位'],
  note: ['备注', '说明', '附注', '备注说明', '情况说明', '备注(说明)'],
  ignore: ['序号', '行次', '栏次'],
};

/** Value columns whose header names the basis: "本月" and "1-6月累计" side by side. */
export const BASIS_VALUE_HEADERS: Readonly<Record<Basis, readonly string[]>> = {
  month: ['本月', '当月', '本期', '当期', '本月数', '当月数', '本期数', '当期数', '本月值', '当月值', '本期值', '当期值', '本月完成', '当月完成', '本期完成', '月度', '月度值'],
  ytd: ['累计', '本年累计', '累计数', '累计值', '本年累计数', '本年累计值', '累计完成', '本年累计完成', '自年初累计', '年初至今', '年累计', '1-本月累计', '1至本月累计', '今年累计', '本年度累计'],
};

const ROLE_BY_HEADER = new Map<string, FieldRole>();
for (const [role, names] of Object.entries(HEADER_SYNONYMS) as Array<[FieldRole, readonly string[]]>) {
  for (const name of names) ROLE_BY_HEADER.set(compactText(name).toLowerCase(), role);
}
const BASIS_BY_HEADER = new Map<string, Basis>();
for (const [basis, names] of Object.entries(BASIS_VALUE_HEADERS) as Array<[Basis, readonly string[]]>) {
  for (const name of names) BASIS_BY_HEADER.set(compactText(name), basis);
}

export interface NormalisedHeader {
  /** The header text with whitespace, "*" and a trailing bracket removed. */
  key: string;
  /** Unit written in the header's trailing bracket, canonical spelling. */
  unitHint?: string;
}

/** The dash-like range separators people type between months: 1-2月, 1～2月, 1—2月, 1至2月. */
export const RANGE_SEPARATOR = '[-~〜～—–―─－至到]';

export function normaliseHeader(text: string): NormalisedHeader {
  let key = compactText(text).replace(/^[*※★]+/, '').replace(/[*※★:：]+$/, '');
  let unitHint: string | undefined;
  const bracket = /^(.+?)[(（[【]([^()（）]*)[)）\]】]$/.exec(key);
  if (bracket) {
    const inner = (bracket[2] ?? '').replace(/^(计量)?单位[:：]?/, '');
    const unit = inner ? normalizeUnit(inner) : undefined;
    if (unit !== undefined) {
      key = bracket[1] ?? key;
      unitHint = unit;
    } else if (!ROLE_BY_HEADER.has(key.toLowerCase())) {
      // "乡镇（街道）" is a synonym as written; "指标名称（必填）" is "指标名称".
      key = bracket[1] ?? key;
    }
  }
  return unitHint === undefined ? { key } : { key, unitHint };
}

export function fieldRole(key: string): FieldRole | undefined {
  return ROLE_BY_HEADER.get(key.toLowerCase());
}

/** A value column whose header names the basis. In a long sheet "1-6月" alone means 1-6月累计. */
export function basisValueHeader(key: string): Basis | undefined {
  const direct = BASIS_BY_HEADER.get(key);
  if (direct) return direct;
  if (new RegExp(`^1${RANGE_SEPARATOR}(\\d{1,2}|[一二三四五六七八九十]{1,3})月(份)?(累计)?(完成|数|值|完成数|完成值)?$`).test(key)) return 'ytd';
  if (/^(本年|今年)?(1|一)?月?(至|到)?(本|当)月累计(数|值)?$/.test(key)) return 'ytd';
  return undefined;
}

/** A month column of a wide sheet: "1月", "1-2月", "2025年3月", "3月累计", "2025-03". */
export interface MonthHeader {
  startMonth: number;
  endMonth: number;
  year?: number;
  /** The header itself says 累计. */
  ytd?: boolean;
}

const CN_MONTH = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const MONTH_HEADER = new RegExp(
  `^(?:((?:19|20)\\d{2})年度?)?${CN_MONTH}月?(?:份)?(?:${RANGE_SEPARATOR}${CN_MONTH})?月(?:份)?(累计)?(?:完成|数|值|完成数|完成值)?$`,
);

export function monthHeader(cell: unknown, key: string): MonthHeader | undefined {
  if (cell instanceof Date && !Number.isNaN(cell.getTime())) {
    return { startMonth: cell.getUTCMonth() + 1, endMonth: cell.getUTCMonth() + 1, year: cell.getUTCFullYear() };
  }
  const m = MONTH_HEADER.exec(key);
  if (m) {
    const start = smallNumber(m[2] ?? '');
    const end = m[3] ? smallNumber(m[3]) : start;
    if (start === undefined || end === undefined || start < 1 || end > 12 || start > end) return undefined;
    return {
      startMonth: start,
      endMonth: end,
      ...(m[1] ? { year: Number(m[1]) } : {}),
      ...(m[4] ? { ytd: true } : {}),
    };
  }
  const iso = /^((?:19|20)\d{2})(?:[-./](\d{1,2})|(0[1-9]|1[0-2]))$/.exec(key);
  if (iso) {
    const month = Number(iso[2] ?? iso[3]);
    if (month >= 1 && month <= 12) return { startMonth: month, endMonth: month, year: Number(iso[1]) };
  }
  return undefined;
}

/** The month span as the period parser reads it: "2025年1-2月", "3月". */
export function monthHeaderPeriodText(header: MonthHeader): string {
  const months = header.startMonth === header.endMonth ? `${header.endMonth}月` : `${header.startMonth}-${header.endMonth}月`;
  return header.year === undefined ? months : `${header.year}年${months}`;
}

/** A four-digit year in a sheet name or title ("2025年", "2025年上党区原煤产量月报"). */
export function yearIn(text: string, requireNian: boolean): number | undefined {
  const m = (requireNian ? /((?:19|20)\d{2})\s*年/ : /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/).exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : undefined;
}

/** "2025年6月", "2025年1-6月" in a title or sheet name: the period a sheet without a period column is about. */
export function periodIn(text: string): { year: number; startMonth: number; endMonth: number } | undefined {
  const m = new RegExp(`((?:19|20)\\d{2})年${CN_MONTH}(?:${RANGE_SEPARATOR}${CN_MONTH})?月`).exec(compactText(text));
  if (!m) return undefined;
  const start = smallNumber(m[2] ?? '');
  const end = m[3] ? smallNumber(m[3]) : start;
  if (start === undefined || end === undefined || start < 1 || end > 12 || start > end) return undefined;
  return { year: Number(m[1]), startMonth: start, endMonth: end };
}

/** "单位：万吨" in a title row: the unit of every value in the sheet (only when it names one unit). */
export function unitIn(text: string): string | undefined {
  const m = /(?:计量)?单位[:：]\s*([^\s,，;；、]+)\s*$/.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  return normalizeUnit(m[1] ?? '');
}
