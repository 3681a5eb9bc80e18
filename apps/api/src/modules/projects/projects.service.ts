import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  STALLED_REASON_LABELS,
  projectStatus,
  summarizeProjects,
  type Period,
  type ProjectDetailResponse,
  type ProjectsSummary,
  type ProjectStage,
  type ProjectView,
} from '@planwatch/shared';
import { ProjectsRepository, type ProjectRow } from './projects.repository.js';

export interface ProjectFilter {
  chain?: string;
  region?: string;
  stage?: ProjectStage;
  stalled?: boolean;
}

@Injectable()
export class ProjectsService {
  constructor(@Inject(ProjectsRepository) private readonly repository: ProjectsRepository) {}

  /** The month project figures are as of: the latest reported progress unless asked otherwise. */
  async defaultPeriod(): Promise<Period | null> {
    return this.repository.latestProgressPeriod();
  }

  async list(filter: ProjectFilter, asOf?: Period): Promise<ProjectView[]> {
    const period = asOf ?? (await this.defaultPeriod());
    if (!period) return [];
    return (await this.repository.findAll(period))
      .map((row) => toView(row, period))
      .filter(
        (p) =>
          (!filter.chain || p.chainCode === filter.chain) &&
          (!filter.region || p.regionCode === filter.region) &&
          (!filter.stage || p.stage === filter.stage) &&
          (filter.stalled === undefined || p.stalled === filter.stalled),
      );
  }

  async detail(code: string, asOf?: Period): Promise<ProjectDetailResponse> {
    const period = asOf ?? (await this.defaultPeriod());
    const row = period ? (await this.repository.findAll(period)).find((p) => p.code === code) : undefined;
    if (!row || !period) throw new NotFoundException(`重点项目"${code}"不存在`);
    return { ...toView(row, period), progress: row.progress };
  }

  async summary(asOf: Period): Promise<ProjectsSummary> {
    return summarizeProjects((await this.repository.findAll(asOf)).map((row) => toView(row, asOf)));
  }

}

function toView(row: ProjectRow, asOf: Period): ProjectView {
  const status = projectStatus(row, asOf);
  const { progress: _progress, ...facts } = row;
  return {
    ...facts,
    completedThisYear: status.completedThisYear,
    completedTotal: status.completedTotal,
    investmentCompletionPct: status.investmentCompletionPct,
    startedOnTime: status.startedOnTime,
    stalled: status.stalled,
    stalledReason: status.stalledReason && STALLED_REASON_LABELS[status.stalledReason],
    lastProgress: status.lastProgress,
  };
}
