import { hostname } from 'node:os';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { RankingService } from '../ranking/ranking.service.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import {
  ALERT_TYPE_LABELS,
  countStatuses,
  PROJECT_STAGE_LABELS,
  isPeriod,
  lastCompleteMonth,
  lateTownsText,
  periodLabel,
  type IndicatorProgress,
  type Period,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { ProgressService } from '../progress/progress.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { renderBriefingHtml } from './briefing.html.js';
import { BriefingRepository } from './briefing.repository.js';
import type { MonthlyBriefing } from './briefing.types.js';
import { BriefingWorkbookWriter } from './briefing.xlsx.js';

export type BriefingFormat = 'html' | 'xlsx' | 'json';

const KIND_LABELS: Record<string, string> = { chain: '产业链', service: '服务业', agriculture: '农业' };
/** How many lagging indicators the briefing lists. */
const LAGGING_LIMIT = 10;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 月度通报: per chain status, the most lagging indicators with their one-sentence summaries,
 * late departments, stalled projects and open alerts. Built from the same progress results the
 * dashboard shows; on demand for any month, and archived on schedule (day 11, after the
 * reporting deadline) for the month just closed.
 */
@Injectable()
export class BriefingService {
  private readonly logger = new Logger('Briefing');

  constructor(
    @Inject(ProgressService) private readonly progress: ProgressService,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(BriefingRepository) private readonly repository: BriefingRepository,
    @Inject(BriefingWorkbookWriter) private readonly workbook: BriefingWorkbookWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(SupervisionService) private readonly supervision: SupervisionService,
    @Inject(RankingService) private readonly ranking: RankingService,
  ) {}

  async monthly(requested?: Period): Promise<MonthlyBriefing> {
    const overview = await this.progress.overview(requested);
    const period = overview.period;
    const district = await this.progress.region(overview.headline[0]?.regionCode ?? '140404', period);
    const groups = [...overview.chains, ...overview.services];
    const chainNames = new Map(groups.map((g) => [g.code, g.name]));
    const indicatorNames = new Map(overview.freshness.indicators.map((i) => [i.indicatorCode, i.indicatorName]));
    const townNames = new Map(overview.regions.map((r) => [r.code, r.name]));
    const freshness = new Map(overview.freshness.indicators.map((i) => [i.indicatorCode, i]));
    // A sum of towns with a town missing is not the district's figure: say so where it is listed.
    const lateName = (code: string) => `${indicatorNames.get(code) ?? code}${lateTownsText(freshness.get(code)?.lateRegions ?? [], (c) => townNames.get(c) ?? c)}`;
    const lagging = district.indicators
      .filter((i): i is IndicatorProgress => i.status === 'red' || i.status === 'yellow')
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'red' ? -1 : 1) || (a.gapPp ?? 0) - (b.gapPp ?? 0))
      .slice(0, LAGGING_LIMIT);
    const [stalled, alerts, supervision, ranking] = await Promise.all([
      this.projects.list({ stalled: true }, period),
      this.alerts.activeSummary(),
      this.supervision.monthSummary(period),
      this.ranking.summary(period),
    ]);
    return {
      period,
      periodLabel: periodLabel(period),
      generatedAt: this.clock.now().toISOString(),
      planVersion: overview.planVersion,
      sample: overview.sample,
      illustrativeTargets: district.indicators.some((i) => i.flags.illustrativeTarget),
      headline: overview.headline.map((h) => ({ name: h.name, sentence: h.sentence, status: h.status })),
      statusCounts: countStatuses(district.indicators.map((i) => i.status)),
      chains: groups.map((g) => ({ ...g, kindLabel: KIND_LABELS[g.kind] ?? g.kind })),
      lagging: lagging.map((l) => ({
        code: l.code,
        name: l.name,
        chainName: l.chainCode ? (chainNames.get(l.chainCode) ?? l.chainCode) : null,
        departmentName: l.departmentName,
        status: l.status,
        gapPp: l.gapPp,
        completionPct: l.completionPct,
        dataAsOf: l.dataAsOf,
        // A sum with towns missing is lagging only like for like, and its sentence says 同口径（不含…）.
        sentence: l.sentence,
      })),
      lateDepartments: overview.freshness.lateDepartments.map((d) => ({ name: d.name, expectedPeriod: d.expectedPeriod, indicators: d.indicators.map(lateName) })),
      projects: overview.projects,
      stalledProjects: stalled.map((p) => ({
        code: p.code,
        name: p.name,
        regionName: p.regionName,
        chainName: p.chainName,
        stage: PROJECT_STAGE_LABELS[p.stage],
        reason: p.stalledReason ?? '',
        lastProgress: p.lastProgress,
      })),
      alerts: alerts.map((a) => ({ ...a, typeLabel: ALERT_TYPE_LABELS[a.type] })),
      supervision,
      ranking: ranking.groups,
    };
  }

  async render(period: Period | undefined, format: BriefingFormat): Promise<{ contentType: string; fileName: string; body: Buffer | string | MonthlyBriefing }> {
    const briefing = await this.monthly(period);
    const fileName = `上党区产业布局规划月度通报-${briefing.period}`;
    if (format === 'json') return { contentType: 'application/json', fileName: `${fileName}.json`, body: briefing };
    if (format === 'xlsx') return { contentType: XLSX_TYPE, fileName: `${fileName}.xlsx`, body: await this.workbook.write(briefing) };
    return { contentType: 'text/html; charset=utf-8', fileName: `${fileName}.html`, body: renderBriefingHtml(briefing) };
  }

  /**
   * Generates and archives the briefing of `period` (default: the month just closed) in both
   * formats, once per period across processes when scheduled. Returns false when skipped.
   */
  async archive(trigger: 'schedule' | 'api', period?: Period): Promise<{ period: Period; archived: boolean }> {
    const target = period ?? lastCompleteMonth(this.clock.now());
    const done = await this.repository.runOnce('briefing.monthly', target, trigger, hostname(), async (archive) => {
      const briefing = await this.monthly(target);
      await archive.store(target, 'html', Buffer.from(renderBriefingHtml(briefing), 'utf8'), 'text/html; charset=utf-8');
      await archive.store(target, 'xlsx', await this.workbook.write(briefing), XLSX_TYPE);
      return true;
    });
    if (done) this.logger.log(`monthly briefing for ${target} archived (${trigger})`);
    return { period: target, archived: done === true };
  }

  /** The scheduled job: errors are logged, never thrown into the scheduler. */
  async archiveScheduled(): Promise<void> {
    await this.archive('schedule').catch((error: unknown) => this.logger.error(`monthly briefing failed: ${String(error)}`));
  }

  listArchive() {
    return this.repository.list();
  }

  async archived(period: string, format: 'html' | 'xlsx'): Promise<{ contentType: string; fileName: string; body: Buffer }> {
    if (!isPeriod(period)) throw badParameter('period', 'period must be a month written YYYY-MM, e.g. 2026-06');
    const file = await this.repository.file(period, format);
    if (!file) throw new NotFoundException(`${period}的月度通报尚未存档`);
    return { contentType: file.contentType ?? (format === 'xlsx' ? XLSX_TYPE : 'text/html; charset=utf-8'), fileName: `上党区产业布局规划月度通报-${period}.${format}`, body: file.bytes };
  }
}
