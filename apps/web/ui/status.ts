/**
 * How a progress status is shown. Never by colour alone: every status has a shape (icon) and
 * its Chinese label as well, in the DOM and in charts.
 */
import { PROGRESS_STATUS_LABELS, type Direction, type ProgressStatus } from '@planwatch/shared';

export const STATUS_ORDER: readonly ProgressStatus[] = ['green', 'yellow', 'red', 'pending', 'no_data'];

export const STATUS_COLORS: Record<'dark' | 'light', Record<ProgressStatus, string>> = {
  // 待补报 is grey like 暂无数据 (not judged), told apart by its half-filled shape and its word.
  dark: { green: '#34d399', yellow: '#fbbf24', red: '#f87171', pending: '#cbd5e1', no_data: '#94a3b8' },
  light: { green: '#059669', yellow: '#b45309', red: '#dc2626', pending: '#475569', no_data: '#64748b' },
};

/** A text glyph for charts (canvas labels); the DOM uses the SVG icons in status-badge.tsx. */
export const STATUS_GLYPHS: Record<ProgressStatus, string> = {
  green: '✔',
  yellow: '▲',
  red: '✖',
  pending: '◐',
  no_data: '○',
};

/** ECharts symbol per status, so the map's points differ in shape too. */
export const STATUS_SYMBOLS: Record<ProgressStatus, string> = {
  green: 'circle',
  yellow: 'triangle',
  red: 'diamond',
  pending: 'emptyRect',
  no_data: 'emptyCircle',
};

export function statusLabel(status: ProgressStatus): string {
  return PROGRESS_STATUS_LABELS[status];
}

/** "✔ 超序时". */
export function statusText(status: ProgressStatus): string {
  return `${STATUS_GLYPHS[status]} ${PROGRESS_STATUS_LABELS[status]}`;
}

/**
 * Where a value stands against the plan trajectory, in words: off track is above it for a
 * lower-is-better indicator (energy per output), below it otherwise.
 */
export function trackLabel(onTrack: boolean | null, direction: Direction): string {
  if (onTrack === null) return '暂无数据';
  if (onTrack) return '符合规划轨迹';
  return direction === 'lower_is_better' ? '高于规划轨迹' : '低于规划轨迹';
}
