import { Inject, Injectable } from '@nestjs/common';
import {
  evaluateAnomaly,
  evaluateLateSubmission,
  evaluateProjectedShortfall,
  evaluateStalledProjects,
  evaluateTargetGap,
  formatPeriod,
  lastCompleteMonth,
  parsePeriod,
  type AlertCatalog,
  type AlertRule,
  type IndicatorProgress,
  type ProjectForAlert,
  type RuleEvaluationResult,
} from '@planwatch/shared';
import { ProgressService } from '../progress/progress.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { AlertsRepository } from './alerts.repository.js';

/**
 * Gathers what each rule type looks at (progress results, data freshness, approved series, key
 * projects) from the modules that own it, and hands it to the pure evaluators in
 * @planwatch/shared. Reads only.
 */
@Injectable()
export class AlertEvaluator {
  constructor(
    @Inject(AlertsRepository) private readonly repository: AlertsRepository,
    @Inject(ProgressService) private readonly progress: ProgressService,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
  ) {}

  async evaluate(rule: AlertRule, now: Date, catalog?: AlertCatalog): Promise<RuleEvaluationResult> {
    const reference = catalog ?? (await this.repository.catalog());
    switch (rule.type) {
      case 'target_gap':
        return evaluateTargetGap(rule, await this.indicatorResults(rule, reference), reference);
      case 'projected_shortfall':
        return evaluateProjectedShortfall(rule, await this.indicatorResults(rule, reference), reference);
      case 'late_submission': {
        const overview = await this.progress.overview(undefined);
        return evaluateLateSubmission(rule, overview.freshness.indicators, reference, now);
      }
      case 'anomaly': {
        const asOf = lastCompleteMonth(now);
        const figures = await this.repository.approvedFigures(formatPeriod(parsePeriod(asOf).year - 1, 1), asOf);
        return evaluateAnomaly(rule, figures, reference, asOf);
      }
      case 'stalled_project': {
        const asOf = await this.projects.defaultPeriod();
        if (!asOf) return { candidates: [], notes: {} };
        return evaluateStalledProjects(rule, await this.projectFacts(asOf), reference, asOf);
      }
    }
  }

  /** Progress of every indicator in every region the rule's scope reaches, at the default period. */
  private async indicatorResults(rule: AlertRule, catalog: AlertCatalog): Promise<IndicatorProgress[]> {
    const period = await this.progress.defaultPeriod();
    const reported = new Set<string>([catalog.districtCode]);
    for (const indicator of catalog.indicators.values()) for (const region of indicator.regionCodes) reported.add(region);
    const regions = [...reported].filter((code) => catalog.regions.has(code) && (rule.scope.regions.length === 0 || rule.scope.regions.includes(code)));
    const groups = await Promise.all(regions.map((code) => this.progress.region(code, period)));
    // A region's group lists the indicators it reports; each result carries its own region code.
    return groups.flatMap((group) => group.indicators.filter((i) => i.regionCode === group.code));
  }

  private async projectFacts(asOf: NonNullable<Awaited<ReturnType<ProjectsService['defaultPeriod']>>>): Promise<ProjectForAlert[]> {
    const views = await this.projects.list({}, asOf);
    const details = await Promise.all(views.map((v) => this.projects.detail(v.code, asOf)));
    return details.map((d) => ({
      code: d.code,
      name: d.name,
      chainCode: d.chainCode,
      chainName: d.chainName,
      regionCode: d.regionCode,
      regionName: d.regionName,
      stage: d.stage,
      plannedStart: d.plannedStart,
      actualStart: d.actualStart,
      annualPlanInvestment: d.annualPlanInvestment,
      progress: d.progress,
      sample: d.sample,
    }));
  }
}
