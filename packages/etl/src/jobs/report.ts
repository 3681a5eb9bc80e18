/**
 * The report written beside a file the inbox could not load (or loaded with quarantined rows):
 * plain UTF-8 text with a BOM (Notepad and WPS open it correctly), in Chinese, one line per
 * rejected row naming its sheet, row, column and value.
 */
import type { Reject } from '../model.js';
import type { UnitOutcome } from './outcome.js';

function localStamp(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at)) {
    parts[p.type] = p.value;
  }
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** "工作表"填报表" 第5行 E列 值"abc"：数值"abc"无法识别" */
export function describeReject(reject: Reject): string {
  const where = [
    reject.sheet ? `工作表"${reject.sheet}"` : '',
    reject.row > 0 ? `第${reject.row}行` : '',
    reject.column ? `${/^[A-Z]{1,3}$/.test(reject.column) ? `${reject.column}列` : `字段"${reject.column}"`}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const value = reject.value === '' ? '值为空' : `值"${reject.value}"`;
  return `${where} ${value}：${reject.reason}`;
}

const HEADLINE: Record<UnitOutcome['status'], (o: UnitOutcome) => string> = {
  loaded: (o) => `已导入：新增${o.inserted}条，修改${o.changed}条，未变化${o.unchanged}条。`,
  quarantined: (o) =>
    `部分导入（隔离模式）：有效数据已导入（新增${o.inserted}条，修改${o.changed}条，未变化${o.unchanged}条）；以下${o.rejected}行有误，未导入，请修改后只重新报送这些行。`,
  rejected: (o) => `未导入：发现${o.rejected}行数据有误。为避免只导入一部分数据，本文件的全部数据均未导入；请按下列说明修改后，将整个文件重新放入收件箱。`,
  failed: (o) => `未导入：${o.error ?? '文件无法读取'}`,
};

export function formatUnitReport(outcome: UnitOutcome, rejects: readonly Reject[], context: { at: Date; timeZone: string; job: string; runId: string }): string {
  const lines = [
    `文件：${outcome.label}`,
    `处理时间：${localStamp(context.at, context.timeZone)}（${context.timeZone}）`,
    `任务：${context.job}（运行编号 ${context.runId}）`,
    `结果：${HEADLINE[outcome.status](outcome)}`,
  ];
  if (outcome.detected) {
    lines.push(`识别：${outcome.detected.kind.toUpperCase()}${outcome.detected.encoding ? `，编码 ${outcome.detected.encoding}` : ''}，读取${outcome.rowsRead}行`);
  }
  if (rejects.length > 0) {
    lines.push('', `错误明细（共${rejects.length}处）：`);
    rejects.forEach((reject, i) => lines.push(`${i + 1}. ${describeReject(reject)}`));
  }
  const skipped = Object.entries(outcome.skippedByRule);
  if (skipped.length > 0) {
    lines.push('', `已按规则跳过（不是错误）：${skipped.map(([rule, n]) => `${SKIP_NAMES[rule] ?? rule}${n}处`).join('，')}`);
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const SKIP_NAMES: Readonly<Record<string, string>> = {
  title_row: '标题行',
  header_row: '表头行',
  repeated_header: '重复表头',
  blank_rows: '空行',
  note_row: '说明行',
  subtotal_row: '合计/小计行',
  no_data_row: '无数据行',
  empty_value: '空值',
  hidden_sheet: '隐藏工作表',
  sheet_without_layout: '无法识别的工作表',
  blank_run_stop: '大量连续空行',
};
