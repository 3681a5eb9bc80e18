import { Inject, Injectable } from '@nestjs/common';
import { generateSampleData, sampleApprovedAt, type Period } from '@planwatch/shared';
import { PlanService } from '../plan/plan.service.js';
import { SampleRepository } from './sample.repository.js';

export interface SampleLoadResult {
  loaded: boolean;
  observations: number;
  projects: number;
}

@Injectable()
export class SampleService {
  constructor(
    @Inject(SampleRepository) private readonly repository: SampleRepository,
    @Inject(PlanService) private readonly plans: PlanService,
  ) {}

  /** Loads the sample history through `asOf` unless exactly that is already loaded. */
  async load(asOf: Period, planFile?: string): Promise<SampleLoadResult> {
    const { plan } = await this.plans.readFile(planFile || undefined);
    const current = await this.repository.loadedThrough();
    if (current?.period === asOf && current.planVersion === plan.version) {
      return { loaded: false, observations: 0, projects: 0 };
    }
    const sample = generateSampleData(plan, { asOf });
    const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
    const owners = new Map(plan.indicators.flatMap((i) => i.owners.map((o) => [`${i.code}|${o.region}`, o] as const)));
    const now = new Date();
    await this.repository.replace(
      sample,
      asOf,
      plan.version,
      (indicator, region) => owners.get(`${indicator}|${region}`)!,
      (figure) => sampleApprovedAt(figure, indicators.get(figure.indicator)!.janFebCombined, now),
    );
    return { loaded: true, observations: sample.observations.length, projects: sample.projects.length };
  }
}
