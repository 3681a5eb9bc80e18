import { describe, expect, it } from 'vitest';
import type { RawRow } from '../model.js';
import { recordsFromRows, type LayoutEvent } from './records.js';

async function* from(rows: RawRow[]): AsyncGenerator<RawRow> {
  yield* rows;
}

async function collect(rows: RawRow[]): Promise<LayoutEvent[]> {
  const events: LayoutEvent[] = [];
  for await (const e of recordsFromRows(from(rows))) events.push(e);
  return events;
}

const row = (r: number, cells: unknown[], sheet = 'S'): RawRow => ({ file: 'f.xlsx', sheet, row: r, cells });

describe('rows that are not observations are skipped by a named rule', () => {
  it('notes, subtotals, blank runs, repeated headers and empty rows are listed, not dropped silently', async () => {
    const events = await collect([
      row(1, ['指标名称', '地区', '期间', '口径', '数值']),
      row(2, ['原煤产量', '西池乡', '2025-06', '累计', 160]),
      row(3, ['原煤产量', '小计', '2025-06', '累计', 160]),
      row(4, ['原煤产量', '全区合计', '2025-06', '累计', 160]),
      row(5, ['合计', '西池乡', '2025-06', '累计', 160]),
      row(9, ['填报说明：数值保留两位小数']),
      row(10, ['注：1-2月合并填报']),
      row(11, ['注1.本表为快报数']),
      row(12, ['单位负责人：张三', null, '填表人：李四']),
      row(13, ['指标名称', '地区', '期间', '口径', '数值']),
      row(14, ['规上工业总产值合计', '八义镇', '2025-06', '累计', 5]),
      row(15, ['', '', '', '', '', '备用']),
    ]);
    const skipped = events.flatMap((e) => (e.type === 'skipped' ? [[e.skipped.row, e.skipped.rule, e.skipped.value ?? '']] : []));
    expect(skipped).toEqual([
      [1, 'header_row', '指标名称 地区 期间 口径 数值'],
      [3, 'subtotal_row', '小计'],
      [4, 'subtotal_row', '全区合计'],
      [5, 'subtotal_row', '合计'],
      [6, 'blank_rows', ''],
      [9, 'note_row', '填报说明：数值保留两位小数'],
      [10, 'note_row', '注：1-2月合并填报'],
      [11, 'note_row', '注1.本表为快报数'],
      [12, 'note_row', '单位负责人：张三'],
      [13, 'repeated_header', ''],
      [15, 'no_data_row', '备用'],
    ]);
    const blank = events.find((e) => e.type === 'skipped' && e.skipped.rule === 'blank_rows');
    expect(blank?.type === 'skipped' && blank.skipped).toMatchObject({ row: 6, toRow: 8, reason: '空白行（3行）' });
    // An indicator whose name merely ends in 合计 is data.
    const records = events.flatMap((e) => (e.type === 'record' ? [e.record.indicatorRef.name] : []));
    expect(records).toEqual(['原煤产量', '规上工业总产值合计']);
  });

  it('each sheet gets its own layout; a sheet without a header is reported', async () => {
    const events = await collect([
      row(1, ['填报说明：请按月填报'], '说明'),
      row(2, ['1. 数值保留两位小数'], '说明'),
      row(1, ['指标名称', '地区', '1月'], '2025年'),
      row(2, ['原煤产量', '西池乡', 10], '2025年'),
    ]);
    expect(events.map((e) => e.type)).toEqual(['skipped', 'layout', 'skipped', 'record']);
    expect(events[0]?.type === 'skipped' && events[0].skipped).toMatchObject({ sheet: '说明', rule: 'sheet_without_layout' });
    expect(events[3]?.type === 'record' && events[3].record).toMatchObject({ periodRaw: '1月', yearHint: 2025, position: { sheet: '2025年', row: 2 } });
  });

  it('keeps the positions and column letters of each field', async () => {
    const events = await collect([
      row(3, ['序号', '指标编码', '指标名称', '地区', '期间', '口径', '数值', '单位', '备注']),
      row(4, [1, 'COAL_OUTPUT', '原煤产量', '西池乡', '2025-06', '累计', '1,580', '万吨', ' 快报  数 ']),
    ]);
    const record = events.find((e) => e.type === 'record');
    expect(record?.type === 'record' && record.record).toEqual({
      position: { file: 'f.xlsx', sheet: 'S', row: 4 },
      columns: { indicator: 'B', region: 'D', period: 'E', basis: 'F', unit: 'H', note: 'I', value: 'G' },
      indicatorRef: { code: 'COAL_OUTPUT', name: '原煤产量' },
      regionRef: { name: '西池乡' },
      periodRaw: '2025-06',
      basisRaw: '累计',
      valueRaw: '1,580',
      unitRaw: '万吨',
      note: '快报 数',
    });
  });
});
