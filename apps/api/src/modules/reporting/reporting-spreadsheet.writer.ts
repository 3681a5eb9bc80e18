import { Injectable } from '@nestjs/common';
import { BASIS_LABELS, escapeSpreadsheetText, type Basis, type DecimalString, type Period } from '@planwatch/shared';
import ExcelJS from 'exceljs';
import { toCsv } from './reporting-report.util.js';
import type { ExportFigure } from './reporting.types.js';

/**
 * The template's columns. The headers are the ones @planwatch/etl's layout recogniser reads
 * (指标编码 / 指标名称 / 地区编码 / 地区 / 期间 / 口径 / 单位 / 数值 / 说明); the two reference
 * columns mean nothing to it and are ignored on upload, so a filled template (or a CSV in the
 * same columns) goes straight back in.
 */
export const TEMPLATE_HEADERS = [
  '指标编码',
  '指标名称',
  '地区编码',
  '地区',
  '期间',
  '口径',
  '单位',
  '上期数值（参考）',
  '上年同期数值（参考）',
  '数值',
  // The row's note: the 说明 a 核实性审核 hit needs (a jump, a share out of range) travels here.
  '说明',
] as const;
const VALUE_COLUMN = 10;
const NOTE_COLUMN = 11;
const BASIS_COLUMN = 6;
export const TEMPLATE_SHEET = '填报表';
export const TEMPLATE_HEADER_ROW = 2;

export const EXPORT_HEADERS = ['指标编码', '指标名称', '地区编码', '地区', '期间', '口径', '单位', '数值', '备注', '修订版本', '审核时间'] as const;

export interface TemplateRow {
  indicatorCode: string;
  indicatorName: string;
  regionCode: string;
  regionName: string;
  /** As written in the 期间 cell: "2026-10", or "2026年1-2月" for a combined January–February. */
  periodText: string;
  basis: Basis;
  unit: string;
  nonNegative: boolean;
  previousValue: DecimalString | null;
  lastYearValue: DecimalString | null;
  dueDate: string;
}

export interface TemplateInput {
  departmentName: string;
  period: Period;
  rows: TemplateRow[];
  /** Figures of the month already waiting for review, left out of the sheet. */
  waiting: number;
}

/** A decimal string as an Excel number when the number holds it exactly, else as text. */
function numberOrText(value: DecimalString | null): number | string | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') ? n : value;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Builds the reporting template and the exports (XLSX with exceljs, CSV). */
@Injectable()
export class ReportingSpreadsheetWriter {
  async template(input: TemplateInput): Promise<Buffer> {
    const { year, month } = { year: input.period.slice(0, 4), month: Number(input.period.slice(5)) };
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'PlanWatch 上党区产业布局规划监测平台';
    const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW }] });
    sheet.columns = TEMPLATE_HEADERS.map((_, i) => ({ width: [26, 30, 14, 16, 14, 8, 10, 16, 18, 16, 30][i] ?? 14 }));

    sheet.mergeCells(1, 1, 1, TEMPLATE_HEADERS.length);
    const title = sheet.getCell(1, 1);
    title.value = `${input.departmentName} ${year}年${month}月数据填报表（只填写"数值"和"说明"两列）${input.waiting > 0 ? `；另有${input.waiting}项已提交待审核，未列入本表` : ''}`;
    title.font = { bold: true, size: 13 };

    const header = sheet.getRow(TEMPLATE_HEADER_ROW);
    header.values = [...TEMPLATE_HEADERS];
    header.font = { bold: true };
    header.eachCell((cell, col) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: col === VALUE_COLUMN || col === NOTE_COLUMN ? 'FFFFF2CC' : 'FFD9E1F2' } };
      cell.border = { bottom: { style: 'thin' } };
    });

    input.rows.forEach((row, index) => {
      const r = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + index);
      r.values = [
        row.indicatorCode,
        row.indicatorName,
        row.regionCode,
        row.regionName,
        row.periodText,
        BASIS_LABELS[row.basis],
        row.unit,
        numberOrText(row.previousValue),
        numberOrText(row.lastYearValue),
        null,
        null,
      ];
      for (const col of [VALUE_COLUMN, NOTE_COLUMN]) {
        const cell = r.getCell(col);
        cell.protection = { locked: false };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
      }
      r.getCell(BASIS_COLUMN).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: ['"当月,累计"'],
        showErrorMessage: true,
        errorTitle: '口径',
        error: '口径只能是"当月"或"累计"',
      };
      r.getCell(VALUE_COLUMN).dataValidation = {
        type: 'decimal',
        operator: row.nonNegative ? 'greaterThanOrEqual' : 'between',
        allowBlank: true,
        formulae: row.nonNegative ? [0] : [-1e15, 1e15],
        showErrorMessage: true,
        errorTitle: '数值',
        error: row.nonNegative ? `请填写不小于0的数字（单位：${row.unit}）` : `请填写数字（单位：${row.unit}）`,
        showInputMessage: true,
        promptTitle: `${row.indicatorName}（${row.unit}）`,
        prompt: `截止日期：${row.dueDate}`,
      };
    });
    await sheet.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      formatCells: false,
      insertRows: false,
      deleteRows: false,
      insertColumns: false,
      deleteColumns: false,
      sort: false,
      autoFilter: false,
    });

    const help = workbook.addWorksheet('填报说明');
    help.getColumn(1).width = 100;
    [
      '填报说明',
      '1. 只在"填报表"的"数值"列填写本期数据，"说明"列填写情况说明；其余列已锁定，请勿修改。',
      '2. 数值按"单位"列的单位填写，不要带单位或千分位以外的符号；不填写的行视为未报送。',
      '3. "口径"：当月 = 本月数；累计 = 1月至本月累计数。"1-2月"为1、2月合并数。',
      '4. "上期数值""上年同期数值"仅供参考，上传时不导入。',
      '5. 上传后系统先显示预览（新增/变更/未变/错误及审核提示），确认无误后再提交审核；修改已审核的数据须填写修改原因。',
      '   强制性审核（如累计值小于上月累计）不通过的行不能提交；核实性审核（环比、同比波动过大，疑似单位错误，占全区比重异常）提示的行，须在"说明"列写明原因（至少4个字）才能提交。',
      '   已提交待审核的数据不列入本表，审核完成前不能再次填报。',
      '6. 也可上传与本表列名相同的CSV文件。',
    ].forEach((line, i) => {
      help.getCell(i + 1, 1).value = line;
    });
    help.getCell(1, 1).font = { bold: true };
    return toBuffer(workbook);
  }

  async exportXlsx(figures: ExportFigure[]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据导出');
    sheet.columns = EXPORT_HEADERS.map((header, i) => ({ header, width: [26, 30, 14, 16, 14, 8, 10, 16, 30, 10, 22][i] ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for (const figure of figures) {
      const cells = exportCells(figure);
      sheet.addRow(cells.map((text, i) => (i === 7 ? (numberOrText(figure.value) ?? text) : i === 9 ? figure.revision : escapeSpreadsheetText(text))));
    }
    return toBuffer(workbook);
  }

  exportCsv(figures: ExportFigure[]): Buffer {
    return toCsv([[...EXPORT_HEADERS], ...figures.map(exportCells)]);
  }
}

/** The export's cells as text; each writer escapes them. */
function exportCells(figure: ExportFigure): string[] {
  const periodText = figure.spanStart ? `${figure.period.slice(0, 4)}年${Number(figure.spanStart.slice(5))}-${Number(figure.period.slice(5))}月` : figure.period;
  return [
    figure.indicatorCode,
    figure.indicatorName,
    figure.regionCode,
    figure.regionName,
    periodText,
    BASIS_LABELS[figure.basis],
    figure.unit,
    figure.value,
    figure.note ?? '',
    String(figure.revision),
    figure.decidedAt ? new Date(figure.decidedAt).toISOString() : '',
  ];
}
