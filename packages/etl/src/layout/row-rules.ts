/**
 * Rows under the header that are not observations, each skipped by a named rule so the
 * upload report can list them: notes (注：…), subtotals (合计/小计/总计), repeated headers.
 */
import { compactText } from '../text.util.js';

/** "填报说明：…", "注：…", "注1.…", "单位负责人：…", "报出日期：…" at the start of a row. */
const NOTE_ROW =
  /^(注|注释|说明|填报说明|填表说明|备注|附注|数据来源|资料来源|制表|制表人|制表单位|填报人|填表人|审核人|负责人|单位负责人|统计负责人|联系人|联系电话|报出日期|填报日期|填表日期|填报单位)\d*[:：.、]|^注\d+/;

export function isNoteText(text: string): boolean {
  // Cheap pre-check (every row passes here): a note has a colon-like mark or starts with 注.
  if (!/[:：.．、]|注/.test(text)) return false;
  return NOTE_ROW.test(compactText(text));
}

const SUBTOTAL_EXACT = /^(其中[:：]?)?(合计|小计|总计|共计|总合计|全区合计|累计合计)$/;
const SUBTOTAL_SUFFIX = /(合计|小计|总计)$/;

/** A subtotal in the region column: "合计", "小计", "全区合计", "各乡镇小计". */
export function isSubtotalRegion(text: string): boolean {
  // 合计, 小计, 总计, 共计 all contain 计 (a character NFKC leaves alone).
  if (!text.includes('计')) return false;
  const key = compactText(text);
  return SUBTOTAL_EXACT.test(key) || SUBTOTAL_SUFFIX.test(key);
}

/**
 * A subtotal in the indicator column: only the bare words, since real indicator names may end
 * in 合计 ("规上工业总产值合计").
 */
export function isSubtotalIndicator(text: string): boolean {
  if (!text.includes('计')) return false;
  return SUBTOTAL_EXACT.test(compactText(text));
}
