/**
 * Rule evaluation: from progress results, data freshness, approved series and key projects to
 * the alerts that should be firing. Pure; every input (and `now`) is passed in. The maths is
 * the shared progress, calendar, projection and project-status code, never repeated here.
 */
import { Decimal } from 'decimal.js';
import type { FreshnessEntry, IndicatorProgress } from '../api/contracts.js';
import { isLate, latestDuePeriod, reportingDeadline, type ReportingOptions } from '../calendar/reporting-calendar.js';
import { PROGRESS_STATUS_LABELS, PROJECT_STAGE_LABELS, type Basis, type DecimalString, type Frequency, type Period, type ProjectStage, type Severity } from '../domain/types.js';
import { formatPercent, formatPp, formatQuantity } from '../format/format.js';
import { addMonths, comparePeriods, formatPeriod, parsePeriod, periodRange } from '../periods/periods.js';
import { projectedShortfall } from '../projection/projection.js';
import { projectStatus, STALLED_REASON_LABELS } from '../projects/project-status.js';
import { buildFlowYear, type FlowSegment } from '../series/flow-year.js';
import { Derived, toDecimal, toDecimalString } from '../units/decimal.js';
import {
  alertFingerprint,
  departmentName,
  indicatorOwners,
  inScope,
  periodLabel,
  PROJECT_OWNER_DEPARTMENT,
  regionDepartment,
  regionName,
  type AlertCatalog,
  type AlertCatalogIndicator,
} from './alert-catalog.js';
import type { AlertCandidate, AlertRule, AlertSubject } from './alert.types.js';

type RuleOf<T extends AlertRule['type']> = Extract<AlertRule, { type: T }>;

/** What one evaluation found, and the latest word on subjects that are fine (for resolution messages). */
export interface RuleEvaluationResult {
  candidates: AlertCandidate[];
  /** fingerprint → one sentence on the subject's current state, for subjects in scope that do not alert. */
  notes: Record<string, string>;
  /**
   * Subjects that cannot be judged now (a district sum with a town missing): an alert already
   * open for one stays as it is, neither resolved nor re-fired, until the figure is complete.
   */
  undetermined?: string[];
}

/**
 * A sum of towns with a town missing understates the district: measured against the whole
 * target it would fire (or resolve) a gap that is only a missing report. The gap is judged once
 * the sum is complete, or the district figure itself is reported.
 */
function holdIncompleteSum(fingerprint: string, figure: string, r: IndicatorProgress, catalog: AlertCatalog, result: { notes: Record<string, string>; undetermined: string[] }): void {
  result.undetermined.push(fingerprint);
  const missing = r.missingRegions.map((code) => regionName(catalog, code)).join('、');
  result.notes[fingerprint] =
    `${figure}${r.dataAsOf ? `截至${periodLabel(r.dataAsOf)}` : ''}为乡镇汇总，${missing ? `缺${missing}的数据` : '有乡镇数据缺报'}，汇总不完整，待补齐后再判断是否滞后。`;
}

function owners(catalog: AlertCatalog, list: string[]): string {
  return list.map((d) => departmentName(catalog, d)).join('、');
}

function candidate(
  rule: AlertRule,
  subject: AlertSubject,
  fields: Omit<AlertCandidate, 'fingerprint' | 'ruleCode' | 'type' | 'subject'>,
): AlertCandidate {
  return { fingerprint: alertFingerprint(rule.code, subject), ruleCode: rule.code, type: rule.type, subject, ...fields };
}

function sampleMark(sample: boolean): string {
  return sample ? '（示例数据）' : '';
}

/** Subjects of indicator results in scope, with their owners. */
function indicatorSubjects(rule: AlertRule, results: readonly IndicatorProgress[], catalog: AlertCatalog) {
  return results
    .map((result) => ({ result, departments: indicatorOwners(catalog, result.departmentCode, result.regionCode) }))
    .filter(({ result, departments }) =>
      inScope(rule.scope, { chainCode: result.chainCode, indicatorCode: result.code, regionCode: result.regionCode, departments }),
    );
}

// ── 序时滞后 ────────────────────────────────────────────────────────────────────────────────

/**
 * An indicator whose status is yellow or red (completion behind time progress for flows, below
 * the plan path for stocks and ratios, reversed when lower is better) alerts with the severity
 * the rule maps that status to. No data is not a gap: lateness is its own rule.
 */
export function evaluateTargetGap(rule: RuleOf<'target_gap'>, results: readonly IndicatorProgress[], catalog: AlertCatalog): RuleEvaluationResult {
  const candidates: AlertCandidate[] = [];
  const notes: Record<string, string> = {};
  const undetermined: string[] = [];
  for (const { result: r, departments } of indicatorSubjects(rule, results, catalog)) {
    if (rule.params.flowsOnly && r.kind !== 'flow') continue;
    const subject: AlertSubject = { kind: 'indicator', indicatorCode: r.code, regionCode: r.regionCode };
    const region = regionName(catalog, r.regionCode);
    if (r.judgement === 'pending') {
      holdIncompleteSum(alertFingerprint(rule.code, subject), `${region}${r.name}`, r, catalog, { notes, undetermined });
      continue;
    }
    const asOf = r.dataAsOf;
    const lagging = (r.status === 'yellow' || r.status === 'red') && asOf !== null && parsePeriod(asOf).month >= rule.params.minMonth;
    if (!lagging) {
      notes[alertFingerprint(rule.code, subject)] = `${region}${asOf ? `·截至${periodLabel(asOf)}` : ''}：${r.sentence}`;
      continue;
    }
    const status = r.status as 'yellow' | 'red';
    const gap = r.kind === 'flow' ? `序时差${formatPp(r.gapPp)}，序时进度${formatPercent(r.timeProgressPct)}` : `为计划值的${formatPercent(r.completionPct)}`;
    candidates.push(
      candidate(rule, subject, {
        condition: status,
        severity: rule.severity[status],
        departmentCode: departments[0]!,
        departments,
        period: asOf,
        title: `序时滞后：${r.name}（${region}）${sampleMark(r.flags.sample)}`,
        message:
          `${region}${r.name}截至${periodLabel(asOf)}${r.likeForLike?.label ?? ''}${PROGRESS_STATUS_LABELS[status]}（${gap}）：${r.sentence}` +
          `责任单位：${owners(catalog, departments)}。`,
        details: {
          indicatorCode: r.code,
          regionCode: r.regionCode,
          status,
          gapPp: r.gapPp,
          completionPct: r.completionPct,
          timeProgressPct: r.timeProgressPct,
          value: r.value,
          annualTarget: r.annualTarget,
          expected: r.expected,
          likeForLike: r.likeForLike,
          unit: r.unit,
          sentence: r.sentence,
        },
        sample: r.flags.sample,
      }),
    );
  }
  return { candidates, notes, undetermined };
}

// ── 预测不达标 ──────────────────────────────────────────────────────────────────────────────

/** A flow whose year-end projection falls on the wrong side of target × floorPct (redBelowPct for red). */
export function evaluateProjectedShortfall(
  rule: RuleOf<'projected_shortfall'>,
  results: readonly IndicatorProgress[],
  catalog: AlertCatalog,
): RuleEvaluationResult {
  const candidates: AlertCandidate[] = [];
  const notes: Record<string, string> = {};
  const undetermined: string[] = [];
  for (const { result: r, departments } of indicatorSubjects(rule, results, catalog)) {
    if (r.kind !== 'flow') continue;
    const subject: AlertSubject = { kind: 'indicator', indicatorCode: r.code, regionCode: r.regionCode };
    const region = regionName(catalog, r.regionCode);
    // Held before anything else: a sum waiting for its towns has no projection to judge.
    if (r.judgement === 'pending') {
      holdIncompleteSum(alertFingerprint(rule.code, subject), `${region}${r.name}`, r, catalog, { notes, undetermined });
      continue;
    }
    if (!r.projection || r.annualTarget === null || r.dataAsOf === null) continue;
    // Like for like, the projection is the reporting towns' and so is the target it is held against.
    const target = r.likeForLike?.target ?? r.annualTarget;
    const targetLabel = r.likeForLike ? `${r.likeForLike?.label ?? ''}年度目标` : '年度目标';
    // For a lower-is-better flow (a cap) the lines mirror around 100 %: a red line of 90 % below becomes 110 % above.
    const line = (pct: number) => (r.direction === 'lower_is_better' ? 200 - pct : pct);
    const floor = projectedShortfall(r.projection.value, target, line(rule.params.floorPct), r.direction);
    const red = projectedShortfall(r.projection.value, target, line(rule.params.redBelowPct), r.direction);
    const projectedText = `预计全年${formatQuantity(r.projection.value, r.unit)}（${r.projection.method === 'seasonal' ? '按去年同期进度推算' : '按已过月份直线推算'}），为${targetLabel}${formatQuantity(target, r.unit)}的${formatPercent(floor.projectedCompletionPct)}`;
    if (!floor.shortfall || parsePeriod(r.dataAsOf).month < rule.params.minMonth) {
      notes[alertFingerprint(rule.code, subject)] = `${region}${r.name}截至${periodLabel(r.dataAsOf)}${projectedText}。`;
      continue;
    }
    const condition = red.shortfall ? 'belowRed' : 'belowFloor';
    const crossed = line(red.shortfall ? rule.params.redBelowPct : rule.params.floorPct);
    const wrongSide = r.direction === 'higher_is_better' ? `低于${crossed}%预警线` : `高于${crossed}%控制线`;
    const missing = (red.shortfall ? red : floor).missing;
    candidates.push(
      candidate(rule, subject, {
        condition,
        severity: rule.severity[condition],
        departmentCode: departments[0]!,
        departments,
        period: r.dataAsOf,
        title: `预测不达标：${r.name}（${region}）${sampleMark(r.flags.sample)}`,
        message:
          `${region}${r.name}截至${periodLabel(r.dataAsOf)}${r.likeForLike?.label ?? ''}累计${formatQuantity(r.value ?? '0', r.unit)}，${projectedText}，${wrongSide}，` +
          `差${formatQuantity(missing, r.unit)}；当前序时差${formatPp(r.gapPp)}。责任单位：${owners(catalog, departments)}。`,
        details: {
          indicatorCode: r.code,
          regionCode: r.regionCode,
          projection: r.projection.value,
          method: r.projection.method,
          projectedCompletionPct: floor.projectedCompletionPct,
          annualTarget: r.annualTarget,
          judgedTarget: target,
          likeForLike: r.likeForLike,
          floorPct: rule.params.floorPct,
          redBelowPct: rule.params.redBelowPct,
          missing,
          gapPp: r.gapPp,
          unit: r.unit,
        },
        sample: r.flags.sample,
      }),
    );
  }
  return { candidates, notes, undetermined };
}

// ── 逾期未报 ────────────────────────────────────────────────────────────────────────────────

/**
 * The period after `period` at which a figure of this frequency is next reported: February after
 * December when January is only published together with February.
 */
export function nextReportingPeriod(period: Period, frequency: Frequency, options: ReportingOptions = {}): Period {
  const { year, month } = parsePeriod(period);
  if (frequency === 'monthly') return options.janFebCombined && month === 12 ? formatPeriod(year + 1, 2) : addMonths(period, 1);
  if (frequency === 'quarterly') return month >= 12 ? formatPeriod(year + 1, 3) : formatPeriod(year, month - (month % 3) + 3);
  return formatPeriod(month === 12 ? year + 1 : year, 12);
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * How many days the oldest missing period is overdue at `now`: 1 on the day after the deadline
 * (China time). 0 when nothing is late.
 */
export function overdueDays(latestApproved: Period | null, frequency: Frequency, now: Date, deadlineDay: number, options: ReportingOptions = {}): number {
  if (!isLate(latestApproved, frequency, now, deadlineDay, options)) return 0;
  const due = latestDuePeriod(frequency, now, deadlineDay, options);
  const next = latestApproved === null ? due : nextReportingPeriod(latestApproved, frequency, options);
  const firstMissing = comparePeriods(next, due) < 0 ? next : due;
  const [y, m, d] = reportingDeadline(firstMissing, deadlineDay, options).split('-').map(Number) as [number, number, number];
  const overdueFrom = Date.UTC(y, m - 1, d + 1) - CHINA_OFFSET_MS;
  return Math.max(1, Math.floor((now.getTime() - overdueFrom) / DAY_MS) + 1);
}

/**
 * One alert per department with figures not approved by day `dueDay` of the next month (the
 * indicator's own later deadline wins): its late indicators, the period expected, days overdue.
 */
export function evaluateLateSubmission(
  rule: RuleOf<'late_submission'>,
  freshness: ReadonlyArray<Pick<FreshnessEntry, 'indicatorCode' | 'latestApproved' | 'completeThrough' | 'lateRegions'>>,
  catalog: AlertCatalog,
  now: Date,
): RuleEvaluationResult {
  const byDepartment = new Map<
    string,
    Array<{ indicator: AlertCatalogIndicator; latestApproved: Period | null; lateTowns: FreshnessEntry['lateRegions']; expected: Period; since: Period; days: number; deadline: string }>
  >();
  const inScopeDepartments = new Set<string>();
  for (const entry of freshness) {
    const indicator = catalog.indicators.get(entry.indicatorCode);
    if (!indicator) continue;
    if (!inScope(rule.scope, { chainCode: indicator.chainCode, indicatorCode: indicator.code, departments: [indicator.departmentCode] })) continue;
    inScopeDepartments.add(indicator.departmentCode);
    const deadlineDay = Math.max(rule.params.dueDay, indicator.deadlineDay);
    const publication = { janFebCombined: indicator.janFebCombined };
    const behind = (period: Period | null) => isLate(period, indicator.frequency, now, deadlineDay, publication);
    if (!behind(entry.completeThrough)) continue;
    const expected = latestDuePeriod(indicator.frequency, now, deadlineDay, publication);
    const list = byDepartment.get(indicator.departmentCode) ?? [];
    list.push({
      indicator,
      latestApproved: entry.latestApproved,
      lateTowns: entry.lateRegions.filter((town) => town.missingFrom !== null || behind(town.latestApproved)),
      expected,
      // The first period still missing: the late month a title names.
      since: entry.completeThrough ? nextReportingPeriod(entry.completeThrough, indicator.frequency, publication) : expected,
      days: overdueDays(entry.completeThrough, indicator.frequency, now, deadlineDay, publication),
      deadline: reportingDeadline(expected, deadlineDay, publication),
    });
    byDepartment.set(indicator.departmentCode, list);
  }
  const candidates: AlertCandidate[] = [];
  const notes: Record<string, string> = {};
  for (const department of inScopeDepartments) {
    const subject: AlertSubject = { kind: 'department', departmentCode: department };
    const late = byDepartment.get(department);
    const name = departmentName(catalog, department);
    if (!late) {
      notes[alertFingerprint(rule.code, subject)] = `${name}应报数据均已审核通过。`;
      continue;
    }
    const days = Math.max(...late.map((l) => l.days));
    const expected = late.map((l) => l.expected).sort(comparePeriods).at(-1)!;
    const since = late.map((l) => (comparePeriods(l.since, l.expected) < 0 ? l.since : l.expected)).sort(comparePeriods)[0]!;
    const condition = days > rule.params.redAfterDays ? 'overdueLong' : 'overdue';
    const approved = (period: Period | null) => (period ? periodLabel(period) : '无');
    const names = late.map((l) =>
      l.lateTowns.length > 0
        ? `${l.indicator.name}（${l.lateTowns.map((t) => `${regionName(catalog, t.regionCode)}${t.missingFrom ? `缺${periodLabel(t.missingFrom)}` : `最新已审核：${approved(t.latestApproved)}`}`).join('，')}）`
        : `${l.indicator.name}（最新已审核：${approved(l.latestApproved)}）`,
    );
    // A town that has not reported is told too.
    const told = [...new Set([department, ...late.flatMap((l) => l.lateTowns.flatMap((t) => indicatorOwners(catalog, department, t.regionCode)))])];
    const deadline = late.find((l) => l.expected === expected)!.deadline;
    candidates.push(
      candidate(rule, subject, {
        condition,
        severity: rule.severity[condition],
        departmentCode: department,
        departments: told,
        period: expected,
        title: `逾期未报：${name}${since === expected ? periodLabel(expected) : `${periodLabel(since)}至${periodLabel(expected)}`}数据`,
        message:
          `${name}有${late.length}项指标${periodLabel(expected)}数据应于${deadline}前审核通过，至今未报或未通过审核，最长已逾期${days}天：` +
          `${names.join('、')}。责任单位：${owners(catalog, told)}。`,
        details: {
          expectedPeriod: expected,
          deadline,
          overdueDays: days,
          indicators: late.map((l) => ({
            code: l.indicator.code,
            name: l.indicator.name,
            latestApproved: l.latestApproved,
            lateTowns: l.lateTowns,
            expected: l.expected,
            overdueDays: l.days,
          })),
        },
        sample: false,
      }),
    );
  }
  return { candidates, notes };
}

// ── 数据异常 ────────────────────────────────────────────────────────────────────────────────

/** One approved figure as stored (the region's own report, not a roll-up). */
export interface SeriesFigure {
  indicatorCode: string;
  regionCode: string;
  period: Period;
  basis: Basis;
  spanStart: Period | null;
  value: DecimalString;
  sample: boolean;
}

function months(segment: FlowSegment): number {
  return periodRange(segment.from, segment.to).length;
}

/** The segment's value per month, to 20 significant digits (a derived figure, never stored). */
function perMonth(segment: FlowSegment): Decimal {
  return new Derived(toDecimal(segment.value)).div(months(segment));
}

function changePct(current: Decimal, previous: Decimal): number | null {
  return previous.gt(0) ? new Derived(current).div(new Derived(previous)).minus(1).times(100).toNumber() : null;
}

interface SeriesCheck {
  period: Period;
  latest: DecimalString;
  previous: DecimalString | null;
  lastYear: DecimalString | null;
  momPct: number | null;
  yoyPct: number | null;
  negative: { period: Period; value: DecimalString } | null;
}

function checkFlow(figures: SeriesFigure[], asOf: Period): SeriesCheck | null {
  const latest = figures.map((f) => f.period).sort(comparePeriods).at(-1);
  if (!latest) return null;
  const { year } = parsePeriod(latest);
  const points = (y: number) =>
    figures
      .filter((f) => f.period.startsWith(`${y}-`))
      .map((f) => ({ period: f.period, basis: f.basis, value: f.value, ...(f.spanStart ? { spanStart: f.spanStart } : {}) }));
  const thisYear = buildFlowYear(year, points(year));
  const lastYear = buildFlowYear(year - 1, points(year - 1));
  const segments = [...lastYear.segments, ...thisYear.segments].filter((s) => comparePeriods(s.to, asOf) <= 0);
  const last = segments.at(-1);
  if (!last) return null;
  const previous = segments.at(-2) ?? null;
  const sameLastYear = lastYear.segments.find((s) => s.from.slice(5) === last.from.slice(5) && s.to.slice(5) === last.to.slice(5)) ?? null;
  const negativeSegment = thisYear.segments.find((s) => toDecimal(s.value).lt(0));
  const negativeRaw = figures.find((f) => f.period.startsWith(`${year}-`) && toDecimal(f.value).lt(0));
  const negative = negativeRaw ? { period: negativeRaw.period, value: negativeRaw.value } : negativeSegment ? { period: negativeSegment.to, value: negativeSegment.value } : null;
  return {
    period: last.to,
    latest: toDecimalString(perMonth(last)),
    previous: previous ? toDecimalString(perMonth(previous)) : null,
    lastYear: sameLastYear ? sameLastYear.value : null,
    momPct: previous ? changePct(perMonth(last), perMonth(previous)) : null,
    yoyPct: sameLastYear ? changePct(toDecimal(last.value), toDecimal(sameLastYear.value)) : null,
    negative,
  };
}

function checkLevel(figures: SeriesFigure[], asOf: Period): SeriesCheck | null {
  const sorted = figures.filter((f) => comparePeriods(f.period, asOf) <= 0).sort((a, b) => comparePeriods(a.period, b.period));
  const last = sorted.at(-1);
  if (!last) return null;
  const previous = sorted.at(-2) ?? null;
  const { year, month } = parsePeriod(last.period);
  const lastYear = sorted.find((f) => f.period === formatPeriod(year - 1, month)) ?? null;
  return {
    period: last.period,
    latest: last.value,
    previous: previous?.value ?? null,
    lastYear: lastYear?.value ?? null,
    momPct: previous ? changePct(toDecimal(last.value), toDecimal(previous.value)) : null,
    yoyPct: lastYear ? changePct(toDecimal(last.value), toDecimal(lastYear.value)) : null,
    negative: toDecimal(last.value).lt(0) ? { period: last.period, value: last.value } : null,
  };
}

function signedPct(value: number): string {
  return `${value > 0 ? '+' : ''}${formatPercent(value)}`;
}

/**
 * The latest figure of each reported series: a month-on-month or year-on-year change beyond
 * the thresholds (flows compare the month's own value, per month when a figure spans several;
 * stocks and ratios compare levels) is a jump; a negative value, or a negative month implied
 * by a falling year-to-date, of a non-negative indicator is impossible.
 */
export function evaluateAnomaly(
  rule: RuleOf<'anomaly'>,
  figures: readonly SeriesFigure[],
  catalog: AlertCatalog,
  asOf: Period,
): RuleEvaluationResult {
  const series = new Map<string, SeriesFigure[]>();
  for (const figure of figures) {
    const key = `${figure.indicatorCode}|${figure.regionCode}`;
    const list = series.get(key) ?? [];
    list.push(figure);
    series.set(key, list);
  }
  const candidates: AlertCandidate[] = [];
  const notes: Record<string, string> = {};
  for (const [key, list] of series) {
    const [indicatorCode = '', regionCode = ''] = key.split('|');
    const indicator = catalog.indicators.get(indicatorCode);
    if (!indicator) continue;
    const departments = indicatorOwners(catalog, indicator.departmentCode, regionCode);
    if (!inScope(rule.scope, { chainCode: indicator.chainCode, indicatorCode, regionCode, departments })) continue;
    const check = indicator.kind === 'flow' ? checkFlow(list, asOf) : checkLevel(list, asOf);
    if (!check) continue;
    const subject: AlertSubject = { kind: 'indicator', indicatorCode, regionCode };
    const region = regionName(catalog, regionCode);
    const unit = indicator.unit;
    const reasons: string[] = [];
    let condition: 'jump' | 'impossible' | null = null;
    if (rule.params.negative && indicator.nonNegative && check.negative) {
      condition = 'impossible';
      reasons.push(`${periodLabel(check.negative.period)}出现负值${formatQuantity(check.negative.value, unit)}（该指标不应为负${indicator.kind === 'flow' ? '，或累计数比上月减少' : ''}）`);
    }
    const jumps: string[] = [];
    if (rule.params.momPct > 0 && check.momPct !== null && Math.abs(check.momPct) > rule.params.momPct) {
      jumps.push(`环比${signedPct(check.momPct)}（${formatQuantity(check.previous!, unit)}→${formatQuantity(check.latest, unit)}），超过±${rule.params.momPct}%`);
    }
    if (rule.params.yoyPct > 0 && check.yoyPct !== null && Math.abs(check.yoyPct) > rule.params.yoyPct) {
      jumps.push(`同比${signedPct(check.yoyPct)}，超过±${rule.params.yoyPct}%`);
    }
    if (jumps.length > 0) {
      condition ??= 'jump';
      reasons.push(...jumps);
    }
    const fingerprint = alertFingerprint(rule.code, subject);
    if (!condition) {
      notes[fingerprint] = `${region}${indicator.name}${periodLabel(check.period)}数据未见异常。`;
      continue;
    }
    candidates.push(
      candidate(rule, subject, {
        condition,
        severity: rule.severity[condition],
        departmentCode: departments[0]!,
        departments,
        period: check.period,
        title: `数据异常：${indicator.name}（${region}）${periodLabel(check.period)}${sampleMark(list.some((f) => f.sample))}`,
        message: `${region}${indicator.name}${periodLabel(check.period)}数据疑似异常：${reasons.join('；')}。请${owners(catalog, departments)}核实，如有误请更正后重新报送。`,
        details: { indicatorCode, regionCode, period: check.period, momPct: check.momPct, yoyPct: check.yoyPct, latest: check.latest, previous: check.previous, lastYear: check.lastYear, negative: check.negative, unit },
        sample: list.some((f) => f.sample),
      }),
    );
  }
  return { candidates, notes };
}

// ── 项目停滞 ────────────────────────────────────────────────────────────────────────────────

export interface ProjectForAlert {
  code: string;
  name: string;
  chainCode: string | null;
  chainName: string | null;
  regionCode: string;
  regionName: string;
  stage: ProjectStage;
  plannedStart: Period | null;
  actualStart: Period | null;
  annualPlanInvestment: DecimalString;
  progress: ReadonlyArray<{ period: Period; investment: DecimalString }>;
  sample: boolean;
}

/**
 * A key project with no completed investment for `months` months while under construction, or
 * not started `notStartedGraceMonths` after its planned start (projectStatus decides). Owned by
 * 发改局, and told to the town or zone the project is in.
 */
export function evaluateStalledProjects(
  rule: RuleOf<'stalled_project'>,
  projects: readonly ProjectForAlert[],
  catalog: AlertCatalog,
  asOf: Period,
): RuleEvaluationResult {
  const candidates: AlertCandidate[] = [];
  const notes: Record<string, string> = {};
  const grace = rule.params.notStartedGraceMonths;
  for (const project of projects) {
    const town = regionDepartment(catalog, project.regionCode);
    const departments = town ? [PROJECT_OWNER_DEPARTMENT, town] : [PROJECT_OWNER_DEPARTMENT];
    if (!inScope(rule.scope, { chainCode: project.chainCode, regionCode: project.regionCode, departments })) continue;
    const subject: AlertSubject = { kind: 'project', projectCode: project.code };
    const fingerprint = alertFingerprint(rule.code, subject);
    const plannedWithGrace = project.plannedStart && grace > 0 ? addMonths(project.plannedStart, grace) : project.plannedStart;
    const status = projectStatus({ ...project, plannedStart: plannedWithGrace }, asOf, rule.params.months);
    if (!status.stalledReason) {
      notes[fingerprint] = `重点项目“${project.name}”当前阶段${PROJECT_STAGE_LABELS[project.stage]}，最近投资进展${status.lastProgress ? periodLabel(status.lastProgress) : '无'}。`;
      continue;
    }
    const condition = status.stalledReason === 'no_progress' ? 'noProgress' : 'notStarted';
    const reason =
      status.stalledReason === 'no_progress'
        ? `连续${rule.params.months}个月无投资进展（最近一次：${status.lastProgress ? periodLabel(status.lastProgress) : '无'}）`
        : `${STALLED_REASON_LABELS.not_started}（计划${project.plannedStart ? periodLabel(project.plannedStart) : '—'}开工${grace > 0 ? `，宽限${grace}个月` : ''}，当前阶段：${PROJECT_STAGE_LABELS[project.stage]}）`;
    candidates.push(
      candidate(rule, subject, {
        condition,
        severity: rule.severity[condition],
        departmentCode: PROJECT_OWNER_DEPARTMENT,
        departments,
        period: asOf,
        title: `项目停滞：${project.name}${sampleMark(project.sample)}`,
        message:
          `重点项目“${project.name}”（${project.regionName}${project.chainName ? `，${project.chainName}` : ''}）截至${periodLabel(asOf)}${reason}；` +
          `本年完成投资${formatQuantity(status.completedThisYear, '万元')}，年度计划${formatQuantity(project.annualPlanInvestment, '万元')}。责任单位：${owners(catalog, departments)}。`,
        details: {
          projectCode: project.code,
          regionCode: project.regionCode,
          chainCode: project.chainCode,
          reason: status.stalledReason,
          stage: project.stage,
          plannedStart: project.plannedStart,
          lastProgress: status.lastProgress,
          completedThisYear: status.completedThisYear,
          investmentCompletionPct: status.investmentCompletionPct,
        },
        sample: project.sample,
      }),
    );
  }
  return { candidates, notes };
}

/** The severity order: red outranks yellow. */
export function severityRank(severity: Severity): number {
  return severity === 'red' ? 2 : 1;
}
