/**
 * How old the figures on a self-refreshing page are (wall screen, phone home). Apart from
 * lib/format.ts, whose number formatting brings decimal.js: the phone home's first visit needs
 * only this.
 */

/** Whole minutes since `sinceMs` at `nowMs`, never negative. */
export function minutesBetween(sinceMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - sinceMs) / 60_000));
}

/** "数据已 N 分钟未更新" / "数据已 N 小时未更新". */
export function staleText(minutes: number): string {
  if (minutes < 1) return '数据更新中断，正在重试';
  if (minutes < 120) return `数据已 ${minutes} 分钟未更新`;
  return `数据已 ${Math.floor(minutes / 60)} 小时未更新`;
}
