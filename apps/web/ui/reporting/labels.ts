/** How reporting states are written: a glyph, a text and a tone (never colour alone). */
import type { BatchSource, BatchStatus, CheckLevel, ProgressCellStatus, RowKind, TaskStatus } from '@planwatch/shared';
import type { Tone } from '../kit/kit';

export interface StateLabel {
  text: string;
  glyph: string;
  tone: Tone;
}

export const TASK_STATUS: Record<TaskStatus, StateLabel> = {
  due: { text: '待填报', glyph: '○', tone: 'neutral' },
  draft: { text: '草稿未提交', glyph: '✎', tone: 'blue' },
  submitted: { text: '已提交待审核', glyph: '◐', tone: 'violet' },
  returned: { text: '已退回', glyph: '↩', tone: 'yellow' },
  approved: { text: '已审核通过', glyph: '✔', tone: 'green' },
  late: { text: '逾期未报', glyph: '✖', tone: 'red' },
};

export const BATCH_STATUS: Record<BatchStatus, StateLabel> = {
  preview: { text: '预览（未提交）', glyph: '✎', tone: 'blue' },
  submitted: { text: '已提交待审核', glyph: '◐', tone: 'violet' },
  approved: { text: '已审核通过', glyph: '✔', tone: 'green' },
  returned: { text: '已退回', glyph: '↩', tone: 'yellow' },
  loaded: { text: '已导入', glyph: '✔', tone: 'green' },
  discarded: { text: '已作废', glyph: '⊘', tone: 'neutral' },
};

export const ROW_KIND: Record<RowKind, StateLabel> = {
  new: { text: '新增', glyph: '＋', tone: 'blue' },
  changed: { text: '变更', glyph: '↻', tone: 'yellow' },
  unchanged: { text: '未变', glyph: '＝', tone: 'neutral' },
};

export const SOURCE_LABELS: Record<BatchSource, string> = { upload: '文件上传', online: '在线填报', etl: '收件箱或数据接口', sample: '示例数据', published: '已公布（来源文件）' };

export const VERSION_STATUS: Record<string, StateLabel> = {
  draft: { text: '草稿', glyph: '✎', tone: 'blue' },
  submitted: { text: '待审核', glyph: '◐', tone: 'violet' },
  approved: { text: '现行有效', glyph: '✔', tone: 'green' },
  returned: { text: '已退回', glyph: '↩', tone: 'yellow' },
  superseded: { text: '已被替代', glyph: '⤓', tone: 'neutral' },
};

/** 强制性审核 refuses a row; 核实性审核 needs a 说明. */
export const CHECK_LEVEL: Record<CheckLevel, StateLabel> = {
  hard: { text: '强制性审核', glyph: '✖', tone: 'red' },
  soft: { text: '核实性审核', glyph: '▲', tone: 'yellow' },
};

/** A cell of 报送进度. */
export const PROGRESS_CELL: Record<ProgressCellStatus, StateLabel> = {
  missing: { text: '未报', glyph: '○', tone: 'neutral' },
  submitted: { text: '已报', glyph: '◐', tone: 'violet' },
  returned: { text: '已退回', glyph: '↩', tone: 'yellow' },
  approved: { text: '已审核', glyph: '✔', tone: 'green' },
  late: { text: '逾期', glyph: '✖', tone: 'red' },
};

/** "剩余8天", "今天截止", "已逾期3天". */
export function daysLeftText(daysLeft: number): string {
  return daysLeft > 0 ? `剩余${daysLeft}天` : daysLeft === 0 ? '今天截止' : `已逾期${-daysLeft}天`;
}
