/** 口径: 当月/本月/本期 → 'month'; 累计/本年累计/1-N月累计 → 'ytd'. */
import type { Basis } from '@planwatch/shared';
import { compactText, smallNumber } from '../text.util.js';

export type BasisParse = { ok: true; basis: Basis; /** "1-6月累计" names its last month. */ endMonth?: number } | { ok: false; reason: string };

const MONTH_WORDS = new Set(['当月', '本月', '本期', '当期', '月度', '月', '单月', '当月值', '本月值', '本月数', '当月数', '本期数', '当期数', '本期值', '当期值', '本月完成', '当月完成', '本期完成', 'month', 'monthly', 'm']);
const YTD_WORDS = new Set(['累计', '本年累计', '年累计', '累计值', '累计数', '本年累计值', '本年累计数', '自年初累计', '年初至今', '今年累计', '本年度累计', '累计完成', '本年累计完成', '1-本月累计', '1至本月累计', 'ytd', 'cumulative']);

export function parseBasis(raw: unknown): BasisParse {
  const text = compactText(typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw)).toLowerCase();
  if (MONTH_WORDS.has(text)) return { ok: true, basis: 'month' };
  if (YTD_WORDS.has(text)) return { ok: true, basis: 'ytd' };
  const m = /^1[-~〜～—–―─－至到](\d{1,2}|[一二三四五六七八九十]{1,3})月(份)?(累计)?(完成|数|值|完成数|完成值)?$/.exec(text);
  const end = m ? smallNumber(m[1] ?? '') : undefined;
  if (end !== undefined && end >= 1 && end <= 12) return { ok: true, basis: 'ytd', endMonth: end };
  return { ok: false, reason: `口径"${String(raw)}"无法识别，应为"当月"或"累计"` };
}
