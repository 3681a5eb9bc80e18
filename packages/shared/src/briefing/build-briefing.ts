/**
 * The monthly briefing's content, built once from the month's progress results and rendered by
 * the API in every format. Sections follow published county 通报: 总体情况, 产业链, 乡镇排名,
 * 亮点, 存在问题 (lagging and late, each with the unit that owes it), 重点项目, 预警, 数据质量,
 * 下步工作 (who, what, by when).
 */
import type { FreshnessEntry, GroupProgress, IndicatorProgress } from '../api/contracts.js';
import { departmentName, periodLabel, regionName, type AlertCatalog } from '../alerts/alert-catalog.js';
import { nextReportingPeriod, overdueDays } from '../alerts/evaluate.js';
import { DEFAULT_DEADLINE_DAY, latestDuePeriod, periodForMonth, reportingDeadline } from '../calendar/reporting-calendar.js';
import { SEVERITY_LABELS } from '../alerts/alert.types.js';
import { ALERT_TYPE_LABELS, PROGRESS_STATUS_LABELS, type AlertType, type Period, type Severity } from '../domain/types.js';
import { formatNumber, formatPercent, formatQuantity } from '../format/format.js';
import { addMonths, parsePeriod } from '../periods/periods.js';
import { countStatuses } from '../rollup/rollup.js';
import { chinaDate, documentDate, figureStatement, monthLabel } from './briefing-text.js';
import type { BriefingBlock, BriefingDocument, BriefingFigure, BriefingInput, BriefingSection, BriefingTable, NextStep } from './briefing.types.js';

/** Stated in the projects section, with the projects it sums: one figure, one definition, once. */
export const KEY_PROJECT_INVESTMENT = 'key_project_investment';
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五: how 公文 number their parts. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}
/** How many lagging indicators, highlights and ranked ends the briefing names. */
const LAGGING_LIMIT = 10;
const HIGHLIGHT_LIMIT = 3;
const RANK_ENDS = 3;
const QUALITY = '数据质量';
/** Working days a late figure is asked to be made up in. */
const MAKE_UP_WITHIN = '本通报印发后5个工作日内';

const paragraph = (text: string): BriefingBlock => ({ kind: 'paragraph', text });
const table = (t: BriefingTable): BriefingBlock => ({ kind: 'table', table: t });
const round1 = (value: number | null) => (value === null ? null : Number(formatNumber(value, 1)));

interface LateItem {
  indicator: string;
  /** The unit that owes the figure: the town that has not reported it, else the department. */
  owner: string;
  /** The department answering for the indicator, when the owner is a town. */
  supervisor: string | null;
  /** The first period missing, and whether later ones are missing too. */
  from: Period;
  through: Period;
  deadline: string;
  days: number;
}

/**
 * Figures overdue at `now`, one item per unit that owes them: a district sum waiting for towns
 * names each town with its own first missing month and days overdue, never only the bureau.
 */
function lateItems(freshness: readonly FreshnessEntry[], catalog: AlertCatalog, now: Date): LateItem[] {
  const items: LateItem[] = [];
  for (const entry of freshness) {
    if (!entry.late) continue;
    const indicator = catalog.indicators.get(entry.indicatorCode);
    if (!indicator) continue;
    const publication = { janFebCombined: indicator.janFebCombined };
    const through = latestDuePeriod(indicator.frequency, now, indicator.deadlineDay, publication);
    /** `reportedLater`: a hole, the months after it reported, so only the hole is owed. */
    const item = (owner: string, supervisor: string | null, completeThrough: Period | null, reportedLater = false): LateItem | null => {
      const from = completeThrough === null ? through : nextReportingPeriod(completeThrough, indicator.frequency, publication);
      if (from > through) return null;
      return {
        indicator: indicator.name,
        owner,
        supervisor,
        from,
        through: reportedLater ? from : through,
        deadline: reportingDeadline(from, indicator.deadlineDay, publication),
        days: overdueDays(completeThrough, indicator.frequency, now, indicator.deadlineDay, publication),
      };
    };
    const found =
      entry.lateRegions.length > 0
        ? entry.lateRegions.map((t) =>
            item(
              regionName(catalog, t.regionCode),
              departmentName(catalog, indicator.departmentCode),
              t.missingFrom ? addMonths(t.missingFrom, -1) : t.latestApproved,
              t.missingFrom !== null && t.latestApproved !== null && t.latestApproved >= through,
            ),
          )
        : [item(departmentName(catalog, indicator.departmentCode), null, entry.completeThrough)];
    items.push(...found.filter((i): i is LateItem => i !== null));
  }
  return items.sort((a, b) => b.days - a.days || a.indicator.localeCompare(b.indicator, 'zh') || a.owner.localeCompare(b.owner, 'zh'));
}

/** 2026年8月 or 2026年8—10月 */
function spanLabel(from: Period, through: Period): string {
  if (from === through) return periodLabel(from);
  const a = parsePeriod(from);
  const b = parsePeriod(through);
  return a.year === b.year ? `${a.year}年${a.month}—${b.month}月` : `${periodLabel(from)}—${periodLabel(through)}`;
}

/** A group's status and composite can disagree (one red indicator among many ahead): say why. */
function groupNote(group: GroupProgress & { indicators?: readonly IndicatorProgress[] }): string {
  const worst = group.indicators?.filter((i) => i.status === group.status).map((i) => i.name) ?? [];
  if ((group.status === 'red' || group.status === 'yellow') && group.composite !== null && group.composite >= 100) {
    return `综合得分${formatNumber(group.composite)}（整体快于序时），但${worst.join('、')}${PROGRESS_STATUS_LABELS[group.status]}，按最差指标评为${PROGRESS_STATUS_LABELS[group.status]}。`;
  }
  return group.sentence;
}

function countsSentence(counts: Record<string, number>, total: number): string {
  const parts = [
    `超序时${counts.green}项`,
    `略滞后${counts.yellow}项`,
    `严重滞后${counts.red}项`,
    ...(counts.pending ? [`乡镇待补报${counts.pending}项`] : []),
    `暂无数据${counts.no_data}项`,
  ];
  return `全区${total}项监测指标中，${parts.join('、')}`;
}

/** 2026年12月10日 for the deadline of the month after `period`: the date lagging units answer by. */
function nextDeadline(period: Period): string {
  return documentDate(reportingDeadline(addMonths(period, 1)));
}

export function buildBriefing(input: BriefingInput): BriefingDocument {
  const { period, catalog } = input;
  const now = input.asOf.at;
  const name = (code: string) => regionName(catalog, code);
  const dept = (code: string) => departmentName(catalog, code);
  const byCode = new Map(input.district.map((i) => [i.code, i]));
  const judged = input.district;
  const counts = countStatuses(judged.map((i) => i.status));
  const sections: BriefingSection[] = [];
  const notices: string[] = [];
  if (input.district.some((i) => i.flags.sample)) notices.push('本通报使用示例数据，仅供演示，不代表真实统计结果。');
  if (input.district.some((i) => i.flags.illustrativeTarget)) notices.push('部分目标为示意目标，并非规划原文给出的数值。');
  if (!input.asOf.final) {
    notices.push(`本通报为初稿：${monthLabel(period)}数据报送截止日为${documentDate(reportingDeadline(period))}，截止后定稿；在此之前数据仍可能变化。`);
  }
  if (!input.alerts.evaluated) notices.push('预警规则尚未对当前数据完成评估，本通报的预警情况可能不完整。');

  // ── 一、总体情况 ────────────────────────────────────────────────────────────────────────
  /** Whether the month's own figure is in, not yet due, or overdue (stated beside figures of an earlier month). */
  const monthState = (i: IndicatorProgress): 'current' | 'not_due' | 'late' => {
    const indicator = catalog.indicators.get(i.code);
    if (!indicator) return 'current';
    const publication = { janFebCombined: indicator.janFebCombined };
    const due = periodForMonth(period, indicator.frequency, publication);
    if (i.dataAsOf !== null && i.dataAsOf >= due) return 'current';
    return chinaDate(now) > reportingDeadline(due, indicator.deadlineDay, publication) ? 'late' : 'not_due';
  };
  /** A figure in full, with a word when it is not the month's own. */
  const stated = (i: IndicatorProgress): string => {
    const state = monthState(i);
    const text = figureStatement(i, name);
    if (state === 'current' || i.dataAsOf === null) return text;
    return `${text.replace(/。$/, '')}（${monthLabel(period)}数据${state === 'late' ? '逾期未报，见第五部分' : '尚未到报送截止日'}）。`;
  };
  const notYetDue = judged.filter((i) => monthState(i) === 'not_due');
  const likeForLike = judged.filter((i) => i.judgement !== 'whole');
  const overall: BriefingBlock[] = [
    paragraph(
      `截至${monthLabel(period)}，${countsSentence(counts, judged.length)}${likeForLike.length > 0 ? `；其中${likeForLike.length}项为乡镇汇总且有乡镇缺报，按已报乡镇同口径评价或待补报后评价` : ''}。`,
    ),
    ...input.headlineCodes
      .filter((code) => code !== KEY_PROJECT_INVESTMENT)
      .map((code) => byCode.get(code))
      .filter((i): i is IndicatorProgress => !!i)
      .map((i) => paragraph(stated(i))),
  ];
  if (input.headlineCodes.includes(KEY_PROJECT_INVESTMENT)) overall.push(paragraph('重点项目投资完成情况见第六部分。'));
  if (notYetDue.length > 0) {
    overall.push(
      paragraph(
        `以下指标${monthLabel(period)}数据尚未到报送截止日，本通报采用最近一期已审核数据：${notYetDue.map((i) => `${i.name}（${i.dataAsOf ? `截至${monthLabel(i.dataAsOf)}` : '暂无数据'}）`).join('、')}。`,
      ),
    );
  }
  sections.push({ heading: '总体情况', blocks: overall });

  // ── 二、产业链运行情况 ──────────────────────────────────────────────────────────────────
  sections.push({
    heading: '产业链运行情况',
    blocks: [
      table({
        columns: [
          { header: '产业链/服务业' },
          { header: '状态' },
          { header: '超序时', format: 'count' },
          { header: '略滞后', format: 'count' },
          { header: '严重滞后', format: 'count' },
          { header: '待补报', format: 'count' },
          { header: '暂无数据', format: 'count' },
          { header: '综合得分', format: 'score' },
          { header: '说明' },
        ],
        rows: input.chains.map((c) => [
          c.name,
          PROGRESS_STATUS_LABELS[c.status],
          c.statusCounts.green,
          c.statusCounts.yellow,
          c.statusCounts.red,
          c.statusCounts.pending,
          c.statusCounts.no_data,
          round1(c.composite),
          groupNote(c),
        ]),
      }),
    ],
  });

  // ── 三、乡镇（街道、园区）排名 ──────────────────────────────────────────────────────────
  const ranked = [...input.towns].filter((t) => t.composite !== null).sort((a, b) => b.composite! - a.composite! || a.name.localeCompare(b.name, 'zh'));
  const unranked = input.towns.filter((t) => t.composite === null);
  const rankBlocks: BriefingBlock[] = [];
  if (ranked.length > 0) {
    const top = ranked.slice(0, RANK_ENDS).map((t) => t.name);
    const bottom = ranked.slice(-RANK_ENDS).reverse().map((t) => t.name);
    rankBlocks.push(
      paragraph(
        `按各乡镇（街道、园区）所报指标完成情况相对序时进度的综合得分排名（缺报指标不计入得分）：前${top.length}名为${top.join('、')}；后${bottom.length}名为${bottom.join('、')}。`,
      ),
    );
  }
  rankBlocks.push(
    table({
      columns: [
        { header: '排名', format: 'count' },
        { header: '乡镇/街道/园区' },
        { header: '综合得分', format: 'score' },
        { header: '超序时', format: 'count' },
        { header: '略滞后', format: 'count' },
        { header: '严重滞后', format: 'count' },
        { header: '待补报/暂无', format: 'count' },
        { header: '状态' },
      ],
      rows: [
        ...ranked.map((t, n) => [n + 1, t.name, round1(t.composite), t.statusCounts.green, t.statusCounts.yellow, t.statusCounts.red, t.statusCounts.pending + t.statusCounts.no_data, PROGRESS_STATUS_LABELS[t.status]]),
        ...unranked.map((t) => ['—', `${t.name}（无可评价指标，不参加排名）`, null, t.statusCounts.green, t.statusCounts.yellow, t.statusCounts.red, t.statusCounts.pending + t.statusCounts.no_data, PROGRESS_STATUS_LABELS[t.status]]),
      ],
    }),
  );
  sections.push({ heading: '乡镇（街道、园区）排名', blocks: rankBlocks });

  // ── 四、亮点 ────────────────────────────────────────────────────────────────────────────
  const highlights = judged
    .filter((i) => i.status === 'green' && i.gapPp !== null && i.code !== KEY_PROJECT_INVESTMENT)
    .sort((a, b) => b.gapPp! - a.gapPp!)
    .slice(0, HIGHLIGHT_LIMIT);
  const completed = input.projects.byStage.completed;
  sections.push({
    heading: '亮点',
    blocks: [
      ...highlights.map((i) => paragraph(figureStatement(i, name))),
      ...(completed > 0 ? [paragraph(`重点项目中已有${completed}个投产或竣工。`)] : []),
      ...(highlights.length === 0 && completed === 0 ? [paragraph('本月无快于序时进度的指标。')] : []),
    ],
  });

  // ── 五、存在问题 ────────────────────────────────────────────────────────────────────────
  const lagging = judged
    .filter((i) => i.status === 'red' || i.status === 'yellow')
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'red' ? -1 : 1) || (a.gapPp ?? 0) - (b.gapPp ?? 0))
    .slice(0, LAGGING_LIMIT);
  const late = lateItems(input.freshness, catalog, now);
  sections.push({
    heading: '存在问题',
    blocks: [
      paragraph(`（一）指标滞后。${lagging.length === 0 ? '本月无滞后指标。' : `${lagging.length}项指标落后序时进度或低于计划值：`}`),
      ...(lagging.length === 0
        ? []
        : [
            table({
              columns: [
                { header: '序号', format: 'count' },
                { header: '指标' },
                { header: '责任单位' },
                { header: '状态' },
                { header: '完成率', format: 'percent' },
                { header: '序时差', format: 'pp' },
                { header: '情况' },
              ],
              rows: lagging.map((i, n) => [n + 1, i.name, i.departmentName, PROGRESS_STATUS_LABELS[i.status], round1(i.completionPct), round1(i.gapPp), figureStatement(i, name)]),
            }),
          ]),
      paragraph(`（二）数据逾期未报。${late.length === 0 ? '各单位应报数据均已按期审核通过。' : `截至${documentDate(chinaDate(now))}，${new Set(late.map((l) => l.indicator)).size}项指标的应报数据逾期未报或未通过审核：`}`),
      ...(late.length === 0
        ? []
        : [
            table({
              columns: [
                { header: '欠报单位' },
                { header: '主管部门' },
                { header: '指标' },
                { header: '欠报期别' },
                { header: '截止日期' },
                { header: '逾期天数', format: 'count' },
              ],
              rows: late.map((l) => [l.owner, l.supervisor ?? '—', l.indicator, spanLabel(l.from, l.through), documentDate(l.deadline), l.days]),
            }),
          ]),
    ],
  });

  // ── 六、重点项目推进情况 ────────────────────────────────────────────────────────────────
  const investment = byCode.get(KEY_PROJECT_INVESTMENT);
  const p = input.projects;
  sections.push({
    heading: '重点项目推进情况',
    blocks: [
      ...(investment ? [paragraph(stated(investment))] : []),
      paragraph(
        `纳入平台跟踪的重点项目${p.total}个，其中谋划${p.byStage.planning}个、签约${p.byStage.signed}个、开工${p.byStage.started}个、投产或竣工${p.byStage.completed}个；应开工${p.due}个，按期开工${p.startedOnTime}个（${formatPercent(p.startedOnTimePct)}）；停滞${p.stalled}个${p.stalled > 0 ? '：' : '。'}`,
      ),
      ...(input.stalledProjects.length === 0
        ? []
        : [
            table({
              columns: [
                { header: '项目' },
                { header: '所在地' },
                { header: '产业链' },
                { header: '阶段' },
                { header: '停滞原因' },
              ],
              rows: input.stalledProjects.map((s) => [s.name, s.regionName, s.chainName ?? '—', s.stage, s.reason]),
            }),
          ]),
    ],
  });

  // ── 七、预警情况 ────────────────────────────────────────────────────────────────────────
  const alertCounts = new Map<string, { type: AlertType; severity: Severity; count: number }>();
  for (const a of input.alerts.open) {
    const key = `${a.type}|${a.severity}`;
    const entry = alertCounts.get(key) ?? { type: a.type, severity: a.severity, count: 0 };
    entry.count += 1;
    alertCounts.set(key, entry);
  }
  const alertRows = [...alertCounts.values()].sort((a, b) => a.type.localeCompare(b.type) || (a.severity === 'red' ? -1 : 1));
  const ofType = (type: AlertType) => input.alerts.open.filter((a) => a.type === type).length;
  sections.push({
    heading: '预警情况',
    blocks:
      input.alerts.open.length === 0
        ? [paragraph(input.alerts.evaluated ? '截至本通报数据时点，无未解除的预警。' : '预警规则尚未对当前数据完成评估。')]
        : [
            paragraph(
              `截至本通报数据时点，未解除预警${input.alerts.open.length}条。预警按指标、乡镇、部门和项目分别计数：序时滞后与预测不达标预警${ofType('target_gap') + ofType('projected_shortfall')}条（含乡镇层面，第五部分只列全区指标），逾期未报预警${ofType('late_submission')}条（按部门计），数值异常预警${ofType('anomaly')}条，项目停滞预警${ofType('stalled_project')}条（按项目计）。`,
            ),
            table({
              columns: [
                { header: '预警类型' },
                { header: '级别' },
                { header: '条数', format: 'count' },
              ],
              rows: alertRows.map((a) => [ALERT_TYPE_LABELS[a.type], SEVERITY_LABELS[a.severity], a.count]),
            }),
          ],
  });

  // ── 八、数据质量 ────────────────────────────────────────────────────────────────────────
  const anomalies = input.alerts.open.filter((a) => a.type === 'anomaly');
  const quality: string[] = [];
  quality.push(late.length === 0 ? '应报数据均已按期报送。' : `逾期未报${new Set(late.map((l) => l.indicator)).size}项指标，涉及${new Set(late.map((l) => l.owner)).size}个单位，详见第五部分。`);
  if (likeForLike.length > 0) {
    quality.push(
      `乡镇汇总不完整${likeForLike.length}项：${likeForLike.map((i) => `${i.name}（缺${i.missingRegions.map(name).join('、')}）`).join('、')}，已按同口径评价或待补报后评价。`,
    );
  }
  if (anomalies.length > 0) quality.push(`数值异常待核实${anomalies.length}项：${anomalies.map((a) => a.title.replace(/^[^：]*：/, '')).join('、')}。`);
  if (notYetDue.length > 0) quality.push(`${notYetDue.length}项指标本月数据未到报送截止日，采用上期数据。`);
  sections.push({ heading: QUALITY, blocks: quality.map((q, n) => paragraph(`${n + 1}. ${q}`)) });

  // ── 九、下步工作 ────────────────────────────────────────────────────────────────────────
  const nextSteps = input.nextSteps ? [...input.nextSteps] : generatedSteps(lagging, late, input, dept);
  sections.push({ heading: NEXT_STEPS, blocks: nextStepsBlocks(nextSteps) });

  sections.forEach((s, n) => (s.heading = `${chineseNumber(n + 1)}、${s.heading}`));
  return {
    period,
    periodLabel: monthLabel(period),
    title: `关于${monthLabel(period)}上党区产业布局规划实施情况的通报`,
    letterhead: input.letterhead,
    date: documentDate(chinaDate(input.generatedAt)),
    notices,
    sections,
    final: input.asOf.final,
    dataAsOf: input.asOf.at.toISOString(),
    generatedAt: input.generatedAt.toISOString(),
    planVersion: input.planVersion,
    sample: input.district.some((i) => i.flags.sample),
    figures: briefingFigures(input.district),
    nextSteps,
  };
}

const NEXT_STEPS = '下步工作';

/** （一）请能源局于2026年12月10日前分析原煤产量滞后原因…。 */
function nextStepsBlocks(steps: readonly NextStep[]): BriefingBlock[] {
  if (steps.length === 0) return [paragraph('各单位继续按期报送数据，保持良好态势。')];
  return steps.map((s, n) => paragraph(`（${chineseNumber(n + 1)}）请${s.owners.join('、')}于${s.due}${s.due.endsWith('内') ? '' : '前'}${s.action}。`));
}

/** The figures a briefing states, as kept to compare with later revisions. */
export function briefingFigures(indicators: readonly IndicatorProgress[]): BriefingFigure[] {
  return indicators.map((i) => ({ indicatorCode: i.code, name: i.name, unit: i.unit, dataAsOf: i.dataAsOf, value: i.value }));
}

/** The document with the office's own 下步工作 in place of the generated ones. */
export function withNextSteps(document: BriefingDocument, steps: readonly NextStep[]): BriefingDocument {
  return {
    ...document,
    nextSteps: [...steps],
    sections: document.sections.map((s) => (s.heading.endsWith(NEXT_STEPS) ? { ...s, blocks: nextStepsBlocks(steps) } : s)),
  };
}

/**
 * A frozen document read again: figures revised since it was frozen are noted in its 数据质量
 * section (定稿后修订), never written into the figures it stated.
 */
export function noteRevisions(document: BriefingDocument, current: readonly BriefingFigure[]): BriefingDocument {
  const now = new Map(current.map((f) => [f.indicatorCode, f]));
  const revised = document.figures.filter((f) => {
    const c = now.get(f.indicatorCode);
    return c !== undefined && f.dataAsOf !== null && c.dataAsOf === f.dataAsOf && c.value !== f.value;
  });
  if (revised.length === 0) return document;
  const text = `定稿后数据修订（不改变上文数字）：${revised
    .map((f) => `${f.name}${monthLabel(f.dataAsOf!)}数据由${f.value === null ? '—' : formatQuantity(f.value, f.unit)}修订为${formatQuantity(now.get(f.indicatorCode)!.value ?? '0', f.unit)}`)
    .join('；')}。`;
  return {
    ...document,
    sections: document.sections.map((s) => (s.heading.endsWith(QUALITY) ? { ...s, blocks: [...s.blocks, paragraph(text)] } : s)),
  };
}

/**
 * When a month's briefing is final: 09:00 China time on day 11 of the next month, once the
 * default reporting deadline (day 10) has passed — when the scheduled archive freezes it.
 */
export function briefingCutoff(period: Period): Date {
  const next = parsePeriod(addMonths(period, 1));
  return new Date(Date.UTC(next.year, next.month - 1, DEFAULT_DEADLINE_DAY + 1, 1, 0, 0));
}

/** 下步工作 from what the briefing found: lagging indicators answer by the next deadline, late figures are made up. */
function generatedSteps(lagging: readonly IndicatorProgress[], late: readonly LateItem[], input: BriefingInput, dept: (code: string) => string): NextStep[] {
  const steps: NextStep[] = [];
  const byDepartment = new Map<string, string[]>();
  for (const i of lagging.filter((l) => l.status === 'red')) byDepartment.set(i.departmentCode, [...(byDepartment.get(i.departmentCode) ?? []), i.name]);
  for (const [department, names] of byDepartment) {
    steps.push({ owners: [dept(department)], action: `分析${names.join('、')}滞后原因，报送整改措施和预计完成时间`, due: nextDeadline(input.period) });
  }
  const owing = new Map<string, string[]>();
  for (const l of late) owing.set(l.owner, [...(owing.get(l.owner) ?? []), `${l.indicator}${spanLabel(l.from, l.through)}数据`]);
  for (const [owner, what] of owing) steps.push({ owners: [owner], action: `补报${what.join('、')}`, due: MAKE_UP_WITHIN });
  if (input.projects.stalled > 0) steps.push({ owners: [dept('development_reform')], action: `会同项目所在乡镇协调解决${input.projects.stalled}个停滞项目的问题`, due: nextDeadline(input.period) });
  return steps;
}
