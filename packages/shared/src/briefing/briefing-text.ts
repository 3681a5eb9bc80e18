/**
 * How a 通报 states a figure: in full, with its period, target, completion, 序时 gap and 同比,
 * in the words published county briefings use ("1—10月累计完成投资96.4亿元，占年度计划31.7%，
 * 低于序时进度1.6个百分点"). Pure wording over the progress results; no maths of its own.
 */
import type { IndicatorProgress } from '../api/contracts.js';
import type { Period } from '../domain/types.js';
import { formatNumber, formatPercent, formatPp, formatQuantity } from '../format/format.js';
import { parsePeriod } from '../periods/periods.js';
import type { BriefingCell, BriefingColumnFormat, BriefingTable } from './briefing.types.js';

/** 2026年1—10月 for a year-to-date through October; 2026年1月 for January alone. */
export function ytdSpan(period: Period): string {
  const { year, month } = parsePeriod(period);
  return month === 1 ? `${year}年1月` : `${year}年1—${month}月`;
}

/** 2026年10月 */
export function monthLabel(period: Period): string {
  const { year, month } = parsePeriod(period);
  return `${year}年${month}月`;
}

/** A date as GB/T 9704-2012 writes 成文日期: Arabic numerals, the year in full, no leading zeros. */
export function documentDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The calendar date (YYYY-MM-DD) of an instant in China time. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function gapClause(i: IndicatorProgress): string {
  if (i.gapPp === null) return '';
  const rounded = Number(formatNumber(i.gapPp, 1));
  if (rounded === 0) return '，与序时进度持平';
  const ahead = rounded > 0;
  const words =
    i.direction === 'higher_is_better' ? (ahead ? '超过序时进度' : '落后序时进度') : ahead ? '低于序时控制进度' : '高于序时控制进度';
  return `，${words}${formatPp(i.gapPp, 1, false)}`;
}

function yoyClause(i: IndicatorProgress): string {
  if (i.yoyPct === null) return '';
  const rounded = Number(formatNumber(i.yoyPct, 1));
  if (rounded === 0) return `，${i.likeForLike ? '同口径' : ''}与上年同期持平`;
  return `，${i.likeForLike ? '同口径' : ''}同比${rounded > 0 ? '增长' : '下降'}${formatPercent(Math.abs(i.yoyPct))}`;
}

/** 为已报乡镇汇总（不含西火镇） */
function scopeClause(i: IndicatorProgress, regionName: (code: string) => string): string {
  if (!i.flags.incomplete) return '';
  const missing = i.missingRegions.map(regionName).join('、');
  return i.judgement === 'pending' ? `，为已报乡镇汇总（${missing}未报）` : `，为已报乡镇汇总（不含${missing}）`;
}

/**
 * One indicator in full, e.g.
 * 原煤产量2026年1—9月累计1,890.5万吨，为已报乡镇汇总（不含西火镇），年度目标3,300万吨，同口径完成79.6%，超过序时进度4.6个百分点，同口径同比增长8.7%。
 */
export function figureStatement(i: IndicatorProgress, regionName: (code: string) => string): string {
  if (i.value === null || i.dataAsOf === null) return `${i.name}${monthLabel(i.period)}暂无已审核数据。`;
  const scope = scopeClause(i, regionName);
  if (i.kind === 'flow') {
    const head = `${i.name}${ytdSpan(i.dataAsOf)}累计${formatQuantity(i.value, i.unit)}${scope}`;
    if (i.status === 'pending') return `${head}，待补报后评价。`;
    if (i.annualTarget === null) return `${head}，暂无年度目标${yoyClause(i)}。`;
    const target = `，年度目标${formatQuantity(i.annualTarget, i.unit)}`;
    const completion =
      i.completionPct === null
        ? ''
        : i.direction === 'higher_is_better'
          ? `，${i.likeForLike ? '同口径' : ''}完成${formatPercent(i.completionPct)}`
          : `，${i.likeForLike ? '同口径' : ''}累计达控制目标的${formatPercent(i.completionPct)}`;
    return `${head}${target}${completion}${gapClause(i)}${yoyClause(i)}。`;
  }
  const head = `${i.name}截至${monthLabel(i.dataAsOf)}为${formatQuantity(i.value, i.unit)}${scope}`;
  if (i.status === 'pending') return `${head}，待补报后评价。`;
  if (i.expected === null || i.completionPct === null) return `${head}${yoyClause(i)}。`;
  const side = i.completionPct >= 100 ? '达到' : '为';
  return `${head}，${i.likeForLike ? '同口径' : ''}计划值${formatQuantity(i.expected, i.unit)}，${side}计划值的${formatPercent(i.completionPct)}${yoyClause(i)}。`;
}

/** A table cell as printed: "—" for nothing, numbers by their column's format. */
export function briefingCellText(value: BriefingCell, format: BriefingColumnFormat = 'text'): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'percent':
      return formatPercent(value);
    case 'pp': {
      const text = formatNumber(value, 1);
      return Number(text) > 0 ? `+${text}` : text;
    }
    case 'score':
      return formatNumber(value, 1);
    default:
      return String(value);
  }
}

/** Width of text in characters of its font: a CJK character is one, Latin letters and digits about half. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e7f ? 1 : 0.55;
  return width;
}

/**
 * How a printed table shares its width (fractions adding up to 1), from what its cells hold:
 * number columns as wide as their widest number (headers may wrap onto two lines), text columns
 * sharing the rest by how much they say, each at least its header's half and four characters.
 */
export function columnShares(t: BriefingTable, lineChars: number): number[] {
  const headerNeed = t.columns.map((c) => Math.ceil(textWidth(c.header) / 2));
  const contentNeed = t.columns.map((c, i) => Math.max(0, ...t.rows.map((row) => textWidth(briefingCellText(row[i] ?? null, c.format)))));
  const numeric = t.columns.map((_, i) => t.rows.length > 0 && t.rows.every((row) => typeof row[i] === 'number' || row[i] === null || row[i] === '—'));
  // Numbers get a character and a half to spare for the cell padding and wider digits of some fonts.
  const widths = t.columns.map((_, i) => (numeric[i] ? Math.max(contentNeed[i]! + 1.5, headerNeed[i]!) : 0));
  const fixed = widths.reduce((a, b) => a + b, 0);
  const textColumns = t.columns.map((_, i) => i).filter((i) => !numeric[i]);
  const floor = (i: number) => Math.max(headerNeed[i]!, 4);
  const wants = textColumns.map((i) => Math.max(floor(i), Math.min(contentNeed[i]!, 40)));
  const room = Math.max(lineChars - fixed, textColumns.reduce((sum, i) => sum + floor(i), 0));
  const wanted = wants.reduce((a, b) => a + b, 0);
  textColumns.forEach((i, n) => (widths[i] = wanted <= room ? wants[n]! + (room - wanted) * (wants[n]! / wanted) : Math.max(floor(i), (wants[n]! / wanted) * room)));
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / total);
}
