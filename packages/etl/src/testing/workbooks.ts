/** Workbooks more than one spec reads: the same content as .xlsx and, converted by LibreOffice, as .xls. */
import type { SheetSpec } from './files.js';

/** A bureau's monthly report: a title and unit row over a wide header, 合计 and notes; a second sheet with a two-row merged header. */
export const TITLED_WIDE_REPORT: SheetSpec[] = [
  {
    name: 'Sheet1',
    rows: [
      ['2025年上党区原煤产量月报'],
      ['填报单位：上党区能源局', null, null, null, '单位：万吨'],
      ['指标名称', '地区', '口径', '1～2月', '3月'],
      ['原煤产量', '西池乡', '累计', 60, 95],
      ['原煤产量', '长治县八义镇', '累计', 20, 35],
      ['原煤产量', '合计', '累计', 80, 130],
      [],
      ['填报说明：1-2月合并填报，其余按月填报。'],
    ],
    merges: ['A1:E1'],
  },
  {
    name: '分月',
    rows: [
      ['指标名称', '地区', '口径', '2025年', null, null],
      [null, null, null, '1-2月', '3月', '4月'],
      ['原煤产量', '西池乡', '当月', 60, 35, 30],
      ['原煤产量', '西火', '当月', 10, 5, '-'],
      ['小计', null, '当月', 70, 40, 30],
    ],
    merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:F1'],
  },
];
