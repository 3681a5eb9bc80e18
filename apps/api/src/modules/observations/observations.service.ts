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

  /**
   * A figure's versions. A district figure that is the sum of its regions (nothing reported for the
   * district itself) comes with the regions' versions behind the sum, as their own pages show them.
   */
  async history(principal: Principal, query: { indicator: string; region: string; period: Period; basis?: Basis }): Promise<FigureHistory> {
    const [indicator, region] = await Promise.all([this.repository.indicator(query.indicator), this.repository.region(query.region)]);
    if (!indicator) throw badParameter('indicator', `unknown indicator "${query.indicator}"`);
    if (!region) throw badParameter('region', `unknown region "${query.region}"`);
    const visible = async (regionCode: string) =>
      (await this.repository.history(indicator.code, regionCode, query.period, query.basis)).filter(
        (v) => v.status === 'approved' || v.status === 'superseded' || canViewBatch(principal, v.batch),
      );
    const versions = await visible(region.code);
    const sum = region.kind === 'district' && versions.length === 0 && indicator.regionCodes.length > 0;
    const components = sum ? await Promise.all((await this.repository.regions(indicator.regionCodes)).map(async (r) => ({ region: r, versions: await visible(r.code) }))) : undefined;
    return {
      indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit },
      region: { code: region.code, name: region.name },
      period: query.period,
      basis: query.basis ?? null,
      versions,
      ...(components ? { components } : {}),
    };
  }
}
