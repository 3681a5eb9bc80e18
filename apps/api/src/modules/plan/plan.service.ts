import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { parsePlan, type NormalizedPlan } from '@planwatch/shared';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEFAULT_PLAN_FILE } from '../../common/paths.js';
import { PlanRepository, type PlanLoadResult } from './plan.repository.js';

@Injectable()
export class PlanService {
  constructor(@Inject(PlanRepository) private readonly repository: PlanRepository) {}

  async readFile(path = DEFAULT_PLAN_FILE): Promise<{ plan: NormalizedPlan; checksum: string }> {
    const text = await readFile(path, 'utf8');
    return { plan: parsePlan(text), checksum: createHash('sha256').update(text).digest('hex') };
  }

  /**
   * Loads the plan file. Loading the same file again writes nothing; a changed file must carry a
   * new version, so every target change in target_history names the plan version that made it.
   */
  async loadFile(path?: string): Promise<PlanLoadResult> {
    const { plan, checksum } = await this.readFile(path || undefined);
    const loaded = await this.repository.loadedChecksum(plan.version);
    if (loaded === checksum) {
      return { version: plan.version, changed: false, targetsInserted: 0, targetsUpdated: 0, targetsRemoved: 0, publishedLoaded: 0, publishedBehindReports: 0 };
    }
    if (loaded) {
      throw new ConflictException(
        `plan file changed but its version "${plan.version}" was already loaded with other content: bump "version" in the plan file`,
      );
    }
    return this.repository.load(plan, checksum);
  }
}
