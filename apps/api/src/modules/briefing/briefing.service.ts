import { hostname } from 'node:os';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  briefingCutoff,
  briefingFigures,
  buildBriefing,
  insertBriefingSections,
  isPeriod,
  lastCompleteMonth,
  noteRevisions,
  supervisionBriefingSections,
  PROJECT_STAGE_LABELS,
  withNextSteps,
  type BriefingDocument,
  type BriefingLetterhead,
  type NextStep,
  type Period,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import { ENV, type Env } from '../../config/env.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { AlertsService } from '../alerts/alerts.service.js';
import type { Principal } from '../auth/auth.types.js';
import { ProgressService } from '../progress/progress.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { RankingService } from '../ranking/ranking.service.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import { BriefingDocxWriter } from './briefing.docx.js';
import { renderBriefingHtml } from './briefing.html.js';
import { BriefingPdfWriter } from './briefing.pdf.js';
import { BriefingRepository, type ArchiveFormat } from './briefing.repository.js';
import { BriefingWorkbookWriter } from './briefing.xlsx.js';

export type BriefingFormat = ArchiveFormat | 'json';

const KIND_LABELS: Record<string, string> = { chain: '产业链', service: '服务业', agriculture: '农业' };
export const CONTENT_TYPES: Record<ArchiveFormat, string> = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * 月度通报. The content is built once per month (`buildBriefing` in @planwatch/shared) and
 * rendered as HTML, XLSX, DOCX and PDF. Before the month's reporting deadline it is a draft
 * (初稿) built from the data of the moment; from the deadline on it is frozen the first time it
 * is built (the scheduled archive at 09:00 on day 11 does so), so the same month reads the same
 * tomorrow, and revisions made later are noted beside its figures.
 */
@Injectable()
export class BriefingService {
  private readonly logger = new Logger('Briefing');

  constructor(
    @Inject(ProgressService) private readonly progress: ProgressService,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(AlertsRepository) private readonly alertCatalog: AlertsRepository,
    @Inject(BriefingRepository) private readonly repository: BriefingRepository,
    @Inject(BriefingWorkbookWriter) private readonly workbook: BriefingWorkbookWriter,
    @Inject(BriefingDocxWriter) private readonly docx: BriefingDocxWriter,
    @Inject(BriefingPdfWriter) private readonly pdf: BriefingPdfWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
    @Inject(SupervisionService) private readonly supervision: SupervisionService,
    @Inject(RankingService) private readonly ranking: RankingService,
  ) {}

  /** The month's document: frozen (with later revisions noted) once final, else a draft of the moment. */
  async document(requested?: Period): Promise<BriefingDocument> {
    const period = requested ?? (await this.progress.defaultPeriod());
    const now = this.clock.now();
    const stored = await this.repository.stored(period);
    if (now < briefingCutoff(period)) return this.build(period, now, false, stored.nextSteps);
    const frozen = stored.document ?? (await this.repository.freeze(period, await this.build(period, now, true, stored.nextSteps)));
    const current = await this.progress.region((await this.alertCatalog.catalog()).districtCode, period);
    return noteRevisions(frozen, briefingFigures(current.indicators));
  }

  private async build(period: Period, now: Date, final: boolean, nextSteps: NextStep[] | null): Promise<BriefingDocument> {
    const overview = await this.progress.overview(period);
    const catalog = await this.alertCatalog.catalog();
    const district = await this.progress.region(catalog.districtCode, period);
    const groups = [...overview.chains, ...overview.services];
    const chains = await Promise.all(groups.map(async (g) => ({ ...(await this.progress.chain(g.code, period)), kindLabel: KIND_LABELS[g.kind] ?? g.kind })));
    const [stalled, alerts, supervision, ranking] = await Promise.all([
      this.projects.list({ stalled: true }, period),
      this.alerts.openForBriefing(),
      this.supervision.monthSummary(period),
      this.ranking.summary(period),
    ]);
    const document = buildBriefing({
      period,
      asOf: { at: now, final },
      generatedAt: now,
      letterhead: this.letterhead(period),
      planVersion: overview.planVersion,
      catalog,
      headlineCodes: overview.headline.map((h) => h.code),
      district: district.indicators,
      chains,
      towns: overview.regions,
      freshness: overview.freshness.indicators,
      projects: overview.projects,
      stalledProjects: stalled.map((p) => ({ name: p.name, regionName: p.regionName, chainName: p.chainName, stage: PROJECT_STAGE_LABELS[p.stage], reason: p.stalledReason ?? '' })),
      alerts,
      nextSteps,
    });
    return insertBriefingSections(document, supervisionBriefingSections(supervision, ranking.groups), '数据质量');
  }

  private letterhead(period: Period): BriefingLetterhead {
    const [year, month] = period.split('-');
    return {
      issuer: this.env.BRIEFING_ISSUER,
      documentNumber: this.env.BRIEFING_DOCUMENT_NUMBER.replaceAll('{year}', year!).replaceAll('{month}', String(Number(month))),
      recipients: this.env.BRIEFING_RECIPIENTS,
      signature: this.env.BRIEFING_SIGNATURE,
      copyTo: this.env.BRIEFING_COPY_TO,
      printedBy: this.env.BRIEFING_PRINTED_BY,
    };
  }

  async render(period: Period | undefined, format: BriefingFormat): Promise<{ contentType: string; fileName: string; body: Buffer | string | BriefingDocument }> {
    const document = await this.document(period);
    const fileName = `上党区产业布局规划月度通报-${document.period}`;
    if (format === 'json') return { contentType: 'application/json', fileName: `${fileName}.json`, body: document };
    return { contentType: CONTENT_TYPES[format], fileName: `${fileName}.${format}`, body: await this.write(document, format) };
  }

  private async write(document: BriefingDocument, format: ArchiveFormat): Promise<Buffer | string> {
    switch (format) {
      case 'html':
        return renderBriefingHtml(document);
      case 'xlsx':
        return this.workbook.write(document);
      case 'docx':
        return this.docx.write(document);
      case 'pdf':
        return this.pdf.write(document);
    }
  }

  /** The office's 下步工作 for a month (administrators), in place of the generated ones. */
  async saveNextSteps(period: Period, steps: NextStep[], principal: Principal): Promise<BriefingDocument> {
    await this.repository.saveNextSteps(period, steps, principal.userId, (document) => withNextSteps(document, steps));
    return this.document(period);
  }

  /**
   * Generates and archives the briefing of `period` (default: the month just closed) in every
   * format, once per period across processes when scheduled. Returns false when skipped.
   */
  async archive(trigger: 'schedule' | 'api', period?: Period): Promise<{ period: Period; archived: boolean }> {
    const target = period ?? lastCompleteMonth(this.clock.now());
    const done = await this.repository.runOnce('briefing.monthly', target, trigger, hostname(), async (archive) => {
      const document = await this.document(target);
      for (const format of Object.keys(CONTENT_TYPES) as ArchiveFormat[]) {
        const body = await this.write(document, format);
        await archive.store(target, format, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, CONTENT_TYPES[format]);
      }
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

  async archived(period: string, format: ArchiveFormat): Promise<{ contentType: string; fileName: string; body: Buffer }> {
    if (!isPeriod(period)) throw badParameter('period', `"${period}" is not a month (YYYY-MM)`);
    const file = await this.repository.file(period, format);
    if (!file) throw new NotFoundException(`${period}的月度通报尚未归档（${format}）`);
    return { contentType: file.contentType ?? CONTENT_TYPES[format], fileName: `上党区产业布局规划月度通报-${period}.${format}`, body: file.bytes };
  }
}
