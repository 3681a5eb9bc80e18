import { Injectable } from '@nestjs/common';
import { PROGRESS_STATUS_LABELS, RANKING_GROUP_LABELS, RANKING_GROUPS, SEVERITY_LABELS } from '@planwatch/shared';
import ExcelJS from 'exceljs';
import { escapeCell } from '../reporting/reporting-checks.util.js';
import type { MonthlyBriefing } from './briefing.types.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };

function sheet(book: ExcelJS.Workbook, name: string, title: string, columns: Array<{ header: string; width: number }>, rows: unknown[][]): void {
  const ws = book.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
    header.getCell(i + 1).fill = HEADER_FILL;
    ws.getColumn(i + 1).width = c.width;
  });
  for (const row of rows) ws.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

/** The briefing as a workbook: one sheet per section, percentages as numbers. */
@Injectable()
export class BriefingWorkbookWriter {
  async write(b: MonthlyBriefing): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.creator = 'PlanWatch';
    book.created = new Date(b.generatedAt);
    const title = (s: string) => `${s}（${b.periodLabel}）${b.sample ? '【示例数据】' : ''}`;
    sheet(book, '总体情况', title('上党区产业布局规划实施情况月度通报'), [{ header: '内容', width: 120 }], [
      ...b.headline.map((h) => [h.sentence]),
      [`全区监测指标：超序时${b.statusCounts.green}项、略滞后${b.statusCounts.yellow}项、严重滞后${b.statusCounts.red}项、${b.statusCounts.pending ? `乡镇待补报${b.statusCounts.pending}项、` : ''}暂无数据${b.statusCounts.no_data}项`],
      [`逾期未报部门：${b.lateDepartments.map((d) => d.name).join('、') || '无'}`],
      [`重点项目${b.projects.total}个，停滞${b.projects.stalled}个`],
      ...(b.illustrativeTargets ? [['部分目标为示意目标，并非规划原文给出的数值。']] : []),
    ]);
    sheet(
      book,
      '产业链',
      title('产业链运行情况'),
      [
        { header: '产业链/服务业', width: 18 },
        { header: '状态', width: 10 },
        { header: '超序时', width: 8 },
        { header: '略滞后', width: 8 },
        { header: '严重滞后', width: 9 },
        { header: '待补报', width: 8 },
        { header: '暂无数据', width: 9 },
        { header: '综合得分', width: 10 },
        { header: '说明', width: 70 },
      ],
      b.chains.map((c) => [c.name, PROGRESS_STATUS_LABELS[c.status], c.statusCounts.green, c.statusCounts.yellow, c.statusCounts.red, c.statusCounts.pending, c.statusCounts.no_data, c.composite === null ? null : Number(c.composite.toFixed(1)), c.sentence]),
    );
    sheet(
      book,
      '滞后指标',
      title('滞后最多的指标'),
      [
        { header: '序号', width: 6 },
        { header: '指标编码', width: 24 },
        { header: '指标', width: 22 },
        { header: '产业链', width: 14 },
        { header: '责任单位', width: 12 },
        { header: '状态', width: 10 },
        { header: '完成率(%)', width: 11 },
        { header: '序时差(百分点)', width: 14 },
        { header: '数据截至', width: 10 },
        { header: '情况', width: 60 },
      ],
      b.lagging.map((l, i) => [i + 1, l.code, l.name, l.chainName, l.departmentName, PROGRESS_STATUS_LABELS[l.status], round(l.completionPct), round(l.gapPp), l.dataAsOf, l.sentence]),
    );
    sheet(
      book,
      '逾期未报',
      title('逾期未报情况'),
      [
        { header: '部门', width: 16 },
        { header: '应报期别', width: 10 },
        { header: '逾期指标', width: 90 },
      ],
      b.lateDepartments.map((d) => [d.name, d.expectedPeriod, d.indicators.join('、')]),
    );
    sheet(
      book,
      '停滞项目',
      title('停滞重点项目'),
      [
        { header: '项目编号', width: 10 },
        { header: '项目', width: 36 },
        { header: '所在地', width: 14 },
        { header: '产业链', width: 14 },
        { header: '阶段', width: 10 },
        { header: '停滞原因', width: 28 },
        { header: '最近进展', width: 10 },
      ],
      b.stalledProjects.map((p) => [p.code, p.name, p.regionName, p.chainName, p.stage, p.reason, p.lastProgress]),
    );
    sheet(
      book,
      '预警',
      title('未解除预警'),
      [
        { header: '预警类型', width: 16 },
        { header: '级别', width: 8 },
        { header: '条数', width: 8 },
      ],
      b.alerts.map((a) => [a.typeLabel, SEVERITY_LABELS[a.severity], a.count]),
    );
    sheet(
      book,
      '督办',
      title(`督办情况：本月新立${b.supervision.opened}件，办结${b.supervision.closed}件（按期反馈${b.supervision.closedOnTime}件），逾期${b.supervision.overdue.length}件`),
      [
        { header: '逾期督办事项', width: 40 },
        { header: '承办单位', width: 20 },
        { header: '办理期限', width: 12 },
      ],
      // 督办 titles are typed by people: kept text, never read as a formula.
      b.supervision.overdue.map((s) => [escapeCell(s.title), s.departmentName, s.deadline]),
    );
    sheet(
      book,
      '红黑榜',
      title('红黑榜'),
      [
        { header: '类别', width: 20 },
        { header: '榜单', width: 8 },
        { header: '单位', width: 36 },
        { header: '得分', width: 8 },
      ],
      RANKING_GROUPS.flatMap((g) => [
        ...b.ranking[g].red.map((e) => [RANKING_GROUP_LABELS[g], '红榜', e.name, round(e.score)]),
        ...b.ranking[g].black.map((e) => [RANKING_GROUP_LABELS[g], '黑榜', e.name, round(e.score)]),
      ]),
    );
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
