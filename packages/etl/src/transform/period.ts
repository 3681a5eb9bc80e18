/**
 * Periods as people write them: 2025-06, 2025-6, 2025年6月, 2025.6, 202506, 2025/06, a date,
 * 6月 or 1-2月 (year from elsewhere), 2025年1-6月, 一季度, 上半年.
 */
import type { Period } from '@planwatch/shared';
import { compactText, smallNumber } from '../text.util.js';

/** A span of months in one year; `ytd` when the text itself says 累计. */
export interface MonthSpan {
  year?: number;
  startMonth: number;
  endMonth: number;
  ytd?: boolean;
}

export type PeriodParse = { ok: true; span: MonthSpan } | { ok: false; reason: string };

export function toPeriod(year: number, month: number): Period {
  return `${year}-${String(month).padStart(2, '0')}` as Period;
}

const MONTH = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const SEP = '[-~〜～—–―─－至到]';
const QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function span(year: number | undefined, start: number | undefined, end: number | undefined, ytd: boolean, raw: string): PeriodParse {
  if (start === undefined || end === undefined || start < 1 || end > 12 || start > end) {
    return { ok: false, reason: `期间"${raw}"的月份无效` };
  }
  if (year !== undefined && (year < 1990 || year > 2100)) return { ok: false, reason: `期间"${raw}"的年份${year}无效` };
  const result: MonthSpan = { startMonth: start, endMonth: end };
  if (year !== undefined) result.year = year;
  if (ytd) result.ytd = true;
  return { ok: true, span: result };
}

/** The months a period cell names; the year may be missing (resolved by the caller). */
export function parsePeriodCell(raw: unknown): PeriodParse {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: '期间日期无效' };
    return span(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCMonth() + 1, false, raw.toISOString().slice(0, 10));
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1 && raw <= 12) return span(undefined, raw, raw, false, String(raw));
    if (Number.isInteger(raw) && raw >= 199001 && raw <= 210012) return span(Math.floor(raw / 100), raw % 100, raw % 100, false, String(raw));
    // A number cell 2025.1 may have been typed 2025.10: Excel dropped the zero.
    if (/^\d{4}\.1$/.test(String(raw))) {
      return { ok: false, reason: `期间${raw}有歧义（可能是1月或10月，Excel会去掉末尾的0），请写作${Math.trunc(raw)}-01或${Math.trunc(raw)}-10` };
    }
    return parsePeriodText(String(raw));
  }
  if (typeof raw === 'string') return parsePeriodText(raw);
  return { ok: false, reason: '期间为空' };
}

export function parsePeriodText(raw: string): PeriodParse {
  const text = compactText(raw).replace(/^(19|20)(\d{2})年度/, '$1$2年');
  if (text === '') return { ok: false, reason: '期间为空' };
  const ytd = /累计$/.test(text);
  const t = text.replace(/(累计|完成|份)+$/, '').replace(/月份/, '月');
  let m: RegExpExecArray | null;

  // 2025-06, 2025-6, 2025/06, 2025.6, 2025-06-30
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(t))) return span(Number(m[1]), Number(m[2]), Number(m[2]), ytd, raw);
  // 202506
  if ((m = /^(\d{4})(\d{2})$/.exec(t))) return span(Number(m[1]), Number(m[2]), Number(m[2]), ytd, raw);
  // 2025年6月, 2025年1-6月, 2025年6月30日, 2025年1月-6月
  if ((m = new RegExp(`^(\\d{4})年${MONTH}月?(?:${SEP}${MONTH})?月(?:\\d{1,2}日)?$`).exec(t))) {
    const start = smallNumber(m[2] ?? '');
    return span(Number(m[1]), start, m[3] ? smallNumber(m[3]) : start, ytd, raw);
  }
  // 6月, 1-2月, 1～2月, 一月
  if ((m = new RegExp(`^${MONTH}月?(?:${SEP}${MONTH})?月$`).exec(t))) {
    const start = smallNumber(m[1] ?? '');
    return span(undefined, start, m[2] ? smallNumber(m[2]) : start, ytd, raw);
  }
  // 2025-01~02, 2025.1-2
  if ((m = new RegExp(`^(\\d{4})[-/.](\\d{1,2})${SEP}(\\d{1,2})$`).exec(t))) return span(Number(m[1]), Number(m[2]), Number(m[3]), ytd, raw);
  // 6 (a bare month number)
  if ((m = /^(\d{1,2})$/.exec(t))) return span(undefined, Number(m[1]), Number(m[1]), ytd, raw);
  // 2025年一季度, 2025Q1, 2025年第1季度, 一季度
  if ((m = /^(?:(\d{4})年?)?(?:第)?([一二三四1-4])季度?$|^(\d{4})[-]?q([1-4])$/i.exec(t))) {
    const q = QUARTERS[(m[2] ?? m[4] ?? '').toString()] ?? 0;
    const year = m[1] ?? m[3];
    return span(year ? Number(year) : undefined, q * 3 - 2, q * 3, ytd, raw);
  }
  // 上半年, 下半年, 全年
  if ((m = /^(?:(\d{4})年?)?(上半年|下半年|全年|年度)$/.exec(t))) {
    const [start, end] = m[2] === '上半年' ? [1, 6] : m[2] === '下半年' ? [7, 12] : [1, 12];
    return span(m[1] ? Number(m[1]) : undefined, start, end, ytd, raw);
  }
  if (/^\d{4}年?$/.test(t)) {
    return { ok: false, reason: `期间"${raw}"缺少月份（年度数据请填写${t.slice(0, 4)}-12并选择"累计"口径）` };
  }
  return { ok: false, reason: `期间"${raw}"无法识别（应为2025-06、2025年6月、6月或1-2月等格式）` };
}

/** The year of a 年份 cell: 2025, "2025", "2025年", "2025年度". */
export function parseYearCell(raw: unknown): number | undefined {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? compactText(raw) : '';
  const m = /^((?:19|20)\d{2})(年度?)?$/.exec(text);
  return m ? Number(m[1]) : undefined;
}
