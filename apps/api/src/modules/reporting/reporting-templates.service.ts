import { Inject, Injectable } from '@nestjs/common';
import {
  addMonths,
  canReadIndicator,
  daysUntil,
  departmentReports,
  figureStatusText,
  lastCompleteMonth,
  periodRange,
  previousReportingPeriod,
  reportedPeriodText,
  reportingDeadline,
  reportingScope,
  watchedFigures,
  type FigureOwner,
  type Period,
  type ReportingTask,
  type TasksResponse,
  type TaskStatus,
  type WatchedFigure,
} from '@planwatch/shared';
import { SPREADSHEET_CONTENT_TYPES } from '@planwatch/etl';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import type { Principal } from '../auth/auth.types.js';
import { ReportingFiguresRepository, type ReportingIndicator } from './reporting-figures.repository.js';
import { chinaToday, departmentFor, unitNamer } from './reporting-scope.js';
import { ReportingSpreadsheetWriter, type TemplateRow } from './reporting-spreadsheet.writer.js';
import type { DownloadFile, FigureKey, FigureState } from './reporting.types.js';

/** How far back the task page looks for figures still overdue or returned. */
const EARLIER_MONTHS = 6;
const TASK_ORDER: TaskStatus[] = ['returned', 'late', 'draft', 'due', 'submitted', 'approved'];
const keyOf = (k: FigureKey) => `${k.indicator}|${k.region}|${k.period}|${k.basis}`;

/**
 * The template room: what a department owes (its tasks, with what is overdue or returned in
 * earlier months first, and what others report that it watches, read-only), the template it
 * fills in, and exports of approved figures.
 */
@Injectable()
export class ReportingTemplatesService {
  constructor(
    @Inject(ReportingFiguresRepository) private readonly figures: ReportingFiguresRepository,
    @Inject(ReportingSpreadsheetWriter) private readonly spreadsheets: ReportingSpreadsheetWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async tasks(principal: Principal, query: { period?: Period; department?: string }): Promise<TasksResponse> {
    const catalog = await this.figures.catalog();
    const department = departmentFor(principal, catalog, query.department);
    const now = this.clock.now();
    const period = query.period ?? lastCompleteMonth(now);
    const today = chinaToday(now);
    const unitName = unitNamer(catalog);
    const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const earlierPeriods = periodRange(addMonths(period, -EARLIER_MONTHS), addMonths(period, -1));
    const own = reportingScope(department, catalog.indicators, period).map((item) => ({ ...item, period }));
    const earlierScope = earlierPeriods.flatMap((p) => reportingScope(department, catalog.indicators, p).map((item) => ({ ...item, period: p })));
    const watched = watchedFigures(department, catalog.indicators, period);
    const codes = [...new Set([...own, ...earlierScope, ...watched].map((s) => s.indicator.code))];
    const [states, started] = await Promise.all([this.figures.figureStates([period, ...earlierPeriods], codes, department.code), this.figures.firstApproved(codes)]);
    const byFigure = new Map<string, FigureState[]>();
    for (const state of states) {
      const key = `${state.indicatorCode}|${state.regionCode}|${state.period}`;
      byFigure.set(key, [...(byFigure.get(key) ?? []), state]);
    }
    const task = (item: { indicator: ReportingIndicator; regionCode: string; owner: FigureOwner; period: Period }) =>
      taskOf(item.indicator, item.regionCode, regionNames.get(item.regionCode) ?? item.regionCode, item.period, today, unitName(item.owner.reviewer), byFigure.get(`${item.indicator.code}|${item.regionCode}|${item.period}`) ?? []);

    const tasks = own.map(task).sort((a, b) => TASK_ORDER.indexOf(a.status) - TASK_ORDER.indexOf(b.status));
    // Earlier months: a figure is owed there once its series has begun (nothing is owed from before a department ever reported).
    const earlier = earlierScope
      .filter((item) => (started.get(`${item.indicator.code}|${item.regionCode}`) ?? item.period) < item.period)
      .map(task)
      .filter((t) => t.status === 'returned' || (t.overdue && t.status !== 'submitted'))
      .sort((a, b) => a.period.localeCompare(b.period) || TASK_ORDER.indexOf(a.status) - TASK_ORDER.indexOf(b.status));
    const summary: Record<TaskStatus, number> = { due: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
    for (const t of tasks) summary[t.status] += 1;
    const watching: WatchedFigure[] = watched.map((item) => {
      const t = task({ ...item, period });
      const owners = { reporter: unitName(item.owner.reporter), reviewer: unitName(item.owner.reviewer) };
      return {
        indicatorCode: t.indicatorCode,
        indicatorName: t.indicatorName,
        unit: t.unit,
        regionCode: t.regionCode,
        regionName: t.regionName,
        period,
        status: t.status,
        reporterName: owners.reporter,
        reviewerName: owners.reviewer,
        statusText: figureStatusText(t.status, owners),
        approvedValue: t.approvedValue,
      };
    });
    return { department: { ...department }, period, today, summary, tasks, earlier, watched: watching };
  }

  /** The department's figures for the month to fill in, without those waiting for review (they cannot be reported again yet). */
  async template(principal: Principal, query: { period?: Period; department?: string }): Promise<DownloadFile> {
    const catalog = await this.figures.catalog();
    const department = departmentFor(principal, catalog, query.department);
    const period = query.period ?? lastCompleteMonth(this.clock.now());
    const scope = reportingScope(department, catalog.indicators, period);
    const waiting = new Set(
      (await this.figures.figureStates([period], [...new Set(scope.map((s) => s.indicator.code))], department.code))
        .filter((s) => s.status === 'submitted')
        .map((s) => `${s.indicatorCode}|${s.regionCode}`),
    );
    const open = scope.filter(({ indicator, regionCode }) => !waiting.has(`${indicator.code}|${regionCode}`));
    const previousKey = (indicator: ReportingIndicator, region: string): FigureKey => ({ indicator: indicator.code, region, period: previousReportingPeriod(indicator.frequency, period), basis: indicator.usualBasis });
    const lastYearKey = (indicator: ReportingIndicator, region: string): FigureKey => ({ indicator: indicator.code, region, period: addMonths(period, -12), basis: indicator.usualBasis });
    const approved = await this.figures.approvedValues(open.flatMap(({ indicator, regionCode }) => [previousKey(indicator, regionCode), lastYearKey(indicator, regionCode)]));
    const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const rows: TemplateRow[] = open.map(({ indicator, regionCode }) => ({
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      regionCode,
      regionName: regionNames.get(regionCode) ?? regionCode,
      periodText: reportedPeriodText(period, indicator),
      basis: indicator.usualBasis,
      unit: indicator.unit,
      nonNegative: indicator.nonNegative,
      previousValue: approved.get(keyOf(previousKey(indicator, regionCode)))?.value ?? null,
      lastYearValue: approved.get(keyOf(lastYearKey(indicator, regionCode)))?.value ?? null,
      dueDate: reportingDeadline(period, indicator.deadlineDay),
    }));
    const bytes = await this.spreadsheets.template({ departmentName: department.name, period, rows, waiting: waiting.size });
    return { fileName: `${department.name}-${period}-填报模板.xlsx`, contentType: SPREADSHEET_CONTENT_TYPES.xlsx, bytes };
  }

  async export(principal: Principal, query: { format: 'xlsx' | 'csv'; period?: Period; department?: string }): Promise<DownloadFile> {
    const catalog = await this.figures.catalog();
    const period = query.period ?? lastCompleteMonth(this.clock.now());
    const department = query.department ? catalog.departments.find((d) => d.code === query.department) : undefined;
    if (query.department && !department) throw badParameter('department', `unknown department "${query.department}"`);
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const figures = (await this.figures.approvedFigures(period, [...indicators.keys()])).filter((f) => {
      const indicator = indicators.get(f.indicatorCode)!;
      return canReadIndicator(principal, indicator, f.regionCode) && (!department || departmentReports(department, indicator, f.regionCode));
    });
    const name = `上党区指标数据-${department?.name ?? '全部'}-${period}`;
    if (query.format === 'csv') return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', bytes: this.spreadsheets.exportCsv(figures) };
    return { fileName: `${name}.xlsx`, contentType: SPREADSHEET_CONTENT_TYPES.xlsx, bytes: await this.spreadsheets.exportXlsx(figures) };
  }
}

/**
 * Where one indicator × region stands for a period: the latest pending version wins, then a
 * return (unless approved since), then the approved figure; nothing, after the due date, is late.
 */
export function taskOf(indicator: ReportingIndicator, regionCode: string, regionName: string, period: Period, today: string, reviewerName: string, states: FigureState[]): ReportingTask {
  const latest = (status: FigureState['status']) => states.filter((s) => s.status === status).at(-1);
  const submitted = latest('submitted');
  const draft = latest('draft');
  const returned = latest('returned');
  const approved = states.filter((s) => s.status === 'approved').sort((a, b) => Number(b.basis === indicator.usualBasis) - Number(a.basis === indicator.usualBasis))[0];
  const dueDate = reportingDeadline(period, indicator.deadlineDay);
  const overdue = !approved && today > dueDate;
  let status: TaskStatus;
  let current: FigureState | undefined;
  if (submitted) [status, current] = ['submitted', submitted];
  else if (draft) [status, current] = ['draft', draft];
  else if (returned && (!approved || returned.createdAt > (approved.decidedAt ?? approved.createdAt))) [status, current] = ['returned', returned];
  else if (approved) [status, current] = ['approved', undefined];
  else status = overdue ? 'late' : 'due';
  return {
    indicatorCode: indicator.code,
    indicatorName: indicator.name,
    unit: indicator.unit,
    frequency: indicator.frequency,
    usualBasis: indicator.usualBasis,
    regionCode,
    regionName,
    period,
    periodText: reportedPeriodText(period, indicator),
    dueDate,
    daysLeft: daysUntil(today, dueDate),
    status,
    overdue,
    approvedValue: approved?.value ?? null,
    approvedBasis: approved?.basis ?? null,
    pendingValue: current?.value ?? null,
    pendingNote: current?.note ?? null,
    batchId: current?.batchId ?? null,
    reviewComment: status === 'returned' ? (current?.reviewComment ?? null) : null,
    reviewerName,
  };
}
