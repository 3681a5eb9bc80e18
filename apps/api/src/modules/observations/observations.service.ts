import { Inject, Injectable } from '@nestjs/common';
import { canViewBatch, type Basis, type FigureHistory, type Period } from '@planwatch/shared';
import { badParameter } from '../../common/validation.js';
import type { Principal } from '../auth/auth.types.js';
import { ObservationsRepository } from './observations.repository.js';

/**
 * Each figure's full history. Approved and superseded versions are visible to every signed-in
 * user; drafts, submissions and returns only to whoever may see their batch.
 */
@Injectable()
export class ObservationsService {
  constructor(@Inject(ObservationsRepository) private readonly repository: ObservationsRepository) {}

  async history(principal: Principal, query: { indicator: string; region: string; period: Period; basis?: Basis }): Promise<FigureHistory> {
    const [indicator, region] = await Promise.all([this.repository.indicator(query.indicator), this.repository.region(query.region)]);
    if (!indicator) throw badParameter('indicator', `unknown indicator "${query.indicator}"`);
    if (!region) throw badParameter('region', `unknown region "${query.region}"`);
    const versions = (await this.repository.history(indicator.code, region.code, query.period, query.basis)).filter(
      (v) => v.status === 'approved' || v.status === 'superseded' || canViewBatch(principal, { departmentCode: v.batch.departmentCode }),
    );
    return { indicator, region, period: query.period, basis: query.basis ?? null, versions };
  }
}
