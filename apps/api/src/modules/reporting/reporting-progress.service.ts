import { ForbiddenException, Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import {
  figuresDue,
  formatPeriodCn,
  lastCompleteMonth,
  reportingDeadline,
  reportingScope,
  reviewsDistrictWide,
  workingDaysBefore,
  type Period,
  type ProgressCellStatus,
  type ReminderResult,
  type ReportingProgress,
  type ReportingProgressCell,
  type ReportingTask,
  type TaskStatus,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from '../auth/auth.types.js';
import { ReportingFiguresRepository, type ReportingCatalog } from './reporting-figures.repository.js';
import { ReportingNoticesRepository } from './reporting-notices.repository.js';
import { chinaToday, unitNamer } from './reporting-scope.js';
import { taskOf } from './reporting-templates.service.js';
import type { FigureState } from './reporting.types.js';

/** Still owed by the 报送单位: nothing sent, a draft, or returned. */
const OUTSTANDING: readonly TaskStatus[] = ['due', 'draft', 'late', 'returned'];
/** The worst state a cell's figures are in is the cell's. */
const CELL_ORDER: readonly ProgressCellStatus[] = ['late', 'returned', 'missing', 'submitted', 'approved'];
/** A draft counts as not reported; past the due date, as late. */
const cellStatusOf = (task: ReportingTask): ProgressCellStatus => (task.status === 'draft' ? (task.overdue ? 'late' : 'missing') : task.status === 'due' ? 'missing' : task.status);

/**
 * 报送进度 and 催报, for the statistics bureau: every department × indicator of a month at a
 * glance, a reminder to a department (once a day, through the outbox into its 部门通知), and the
 * automatic reminder the plan asks for some working days before each deadline.
 */
@Injectable()
export class ReportingProgressService {
  private readonly logger = new Logger('Reporting');

  constructor(
    @Inject(ReportingFiguresRepository) private readonly figures: ReportingFiguresRepository,
    @Inject(ReportingNoticesRepository) private readonly notices: ReportingNoticesRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async matrix(principal: Principal, query: { period?: Period }): Promise<ReportingProgress> {
    if (!(principal.role === 'admin' || principal.role === 'viewer' || reviewsDistrictWide(principal))) throw new ForbiddenException('报送进度仅统计局、发改局、领导和管理员可以查看');
    const catalog = await this.figures.catalog();
    const now = this.clock.now();
    const period = query.period ?? lastCompleteMonth(now);
    const tasks = await this.figureTasks(catalog, period, chinaToday(now));
    const reminded = await this.notices.lastReminded();
    const indicatorOrder = catalog.indicators.map((i) => i.code);
    const shown = indicatorOrder.filter((code) => tasks.some((t) => t.task.indicatorCode === code));
    const totals: Record<ProgressCellStatus, number> = { missing: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
    const rows = catalog.departments
      .filter((d) => tasks.some((t) => t.reporter === d.code))
      .map((department) => {
        const own = tasks.filter((t) => t.reporter === department.code);
        const cells: ReportingProgressCell[] = shown.flatMap((code) => {
          const figures = own.filter((t) => t.task.indicatorCode === code);
          if (figures.length === 0) return [];
          const counts: Record<TaskStatus, number> = { due: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
          for (const f of figures) counts[f.task.status] += 1;
          const status = CELL_ORDER.find((s) => figures.some((f) => cellStatusOf(f.task) === s))!;
          totals[status] += 1;
          return [{ indicatorCode: code, status, figures: figures.length, counts }];
        });
        return {
          departmentCode: department.code,
          departmentName: department.name,
          cells,
          outstanding: own.filter((t) => OUTSTANDING.includes(t.task.status)).length,
          remindedAt: reminded.get(department.code)?.toISOString() ?? null,
        };
      });
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    return {
      period,
      today: chinaToday(now),
      dueDate: reportingDeadline(period),
      indicators: shown.map((code) => ({ code, name: indicators.get(code)!.name, unit: indicators.get(code)!.unit })),
      rows,
      totals,
    };
  }

  /** 催报: tells a department which of the month's figures it still owes; once per department per day. */
  async remind(principal: Principal, body: { department: string; period?: Period }): Promise<ReminderResult> {
    if (!(principal.role === 'admin' || reviewsDistrictWide(principal))) throw new ForbiddenException('只有统计局、发改局的审核人员或管理员可以催报');
    const catalog = await this.figures.catalog();
    const department = catalog.departments.find((d) => d.code === body.department);
    if (!department) throw badParameter('department', `unknown department "${body.department}"`);
    const now = this.clock.now();
    const today = chinaToday(now);
    const period = body.period ?? lastCompleteMonth(now);
    const owed = (await this.figureTasks(catalog, period, today, department.code)).filter((t) => OUTSTANDING.includes(t.task.status));
    const unitName = unitNamer(catalog);
    if (owed.length === 0) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', code: 'nothing_outstanding', message: `${unitName(department.code)}${formatPeriodCn(period)}的数据已全部报送，无需催报。` });
    }
    const from = principal.departmentCode ? unitName(principal.departmentCode) : '管理员';
    const id = await this.notices.send({
      event: 'urged',
      departmentCode: department.code,
      idempotencyKey: `urged:${department.code}:${today}`,
      title: `催报：请尽快报送${formatPeriodCn(period)}数据`,
      body: `${from}催报：${formatPeriodCn(period)}尚有${owed.length}项数据未报送或已退回待重报（${owed.map((t) => `${t.task.indicatorName}/${t.task.regionName}${t.task.status === 'returned' ? '（已退回）' : ''}`).join('、')}），截止日期${owed[0]!.task.dueDate}。`,
    });
    await this.audit.record({ userId: principal.userId, action: 'urge', entity: 'department', entityId: department.code, after: { period, outstanding: owed.length, notification: id } });
    return { departmentCode: department.code, period, sent: id !== null, outstanding: owed.length, notificationId: id };
  }

  /**
   * The plan's automatic reminder: on the day `workingDaysBefore` working days before a figure's
   * deadline, each department still owing figures of the month is told once.
   */
  async sendDueReminders(): Promise<number> {
    const reminder = (await this.figures.reportingSettings())?.reminder;
    if (!reminder) return 0;
    const catalog = await this.figures.catalog();
    const now = this.clock.now();
    const today = chinaToday(now);
    const period = lastCompleteMonth(now);
    const owed = (await this.figureTasks(catalog, period, today)).filter((t) => OUTSTANDING.includes(t.task.status) && workingDaysBefore(t.task.dueDate, reminder.workingDaysBefore) === today);
    let sent = 0;
    for (const code of new Set(owed.map((t) => t.reporter))) {
      const list = owed.filter((t) => t.reporter === code);
      const id = await this.notices.send({
        event: 'due_soon',
        departmentCode: code,
        idempotencyKey: `due_soon:${code}:${period}`,
        title: `提醒：${formatPeriodCn(period)}数据将于${list[0]!.task.dueDate}截止`,
        body: `距报送截止还有${reminder.workingDaysBefore}个工作日，${formatPeriodCn(period)}尚有${list.length}项数据未报送：${list.map((t) => `${t.task.indicatorName}/${t.task.regionName}`).join('、')}。`,
      });
      if (id) sent += 1;
    }
    return sent;
  }

  async sendDueRemindersScheduled(): Promise<void> {
    await this.sendDueReminders().catch((error: unknown) => this.logger.error(`reporting reminders failed: ${String(error)}`));
  }

  /** Every figure due for the month (one department's, or all), with its 报送单位 and where it stands. */
  private async figureTasks(catalog: ReportingCatalog, period: Period, today: string, departmentCode?: string): Promise<Array<{ reporter: string; task: ReportingTask }>> {
    const due = departmentCode ? reportingScope({ code: departmentCode }, catalog.indicators, period) : figuresDue(catalog.indicators, period);
    const states = await this.figures.figureStates([period], [...new Set(due.map((d) => d.indicator.code))], departmentCode ?? null);
    const byFigure = new Map<string, FigureState[]>();
    for (const s of states) byFigure.set(`${s.indicatorCode}|${s.regionCode}`, [...(byFigure.get(`${s.indicatorCode}|${s.regionCode}`) ?? []), s]);
    const regions = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const unitName = unitNamer(catalog);
    return due.map((item) => ({
      reporter: item.owner.reporter,
      task: taskOf(item.indicator, item.regionCode, regions.get(item.regionCode) ?? item.regionCode, period, today, unitName(item.owner.reviewer), byFigure.get(`${item.indicator.code}|${item.regionCode}`) ?? []),
    }));
  }
}
