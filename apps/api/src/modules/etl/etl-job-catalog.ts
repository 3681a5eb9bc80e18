import { Inject, Injectable } from '@nestjs/common';
import { loadJobDefinitions, type JobCatalog } from '@planwatch/etl';
import { jobsDir, REPO_ROOT } from '../../common/paths.js';
import { ENV, type Env } from '../../config/env.js';

/**
 * The job declarations (`*.job.yaml` in ETL_JOBS_DIR), read on every use so an edited file
 * takes effect at the next tick. `${NAME}` in a job file expands from the process environment,
 * with the API's validated settings (INBOX_DIR, COAL_API_URL, COAL_API_TOKEN) taking precedence.
 */
@Injectable()
export class EtlJobCatalog {
  readonly dir: string;
  private readonly expansion: Record<string, string | undefined>;

  constructor(@Inject(ENV) env: Env) {
    this.dir = jobsDir(env.ETL_JOBS_DIR);
    this.expansion = { ...process.env, INBOX_DIR: env.INBOX_DIR, COAL_API_URL: env.COAL_API_URL, COAL_API_TOKEN: env.COAL_API_TOKEN };
  }

  load(): Promise<JobCatalog> {
    return loadJobDefinitions(this.dir, { env: this.expansion, baseDir: REPO_ROOT });
  }
}
