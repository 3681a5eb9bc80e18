import {
  type BeforeApplicationShutdown,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  UnprocessableEntityException,
} from '@nestjs/common';
import { describeSource, EtlRunner, JobBusyError, type JobDefinition, type RunSummary } from '@planwatch/etl';
import { parseCron } from '@planwatch/shared';
import { hostname } from 'node:os';
import { Clock } from '../../common/clock.js';
import { DomainEvents } from '../../common/domain-events.js';
import { InFlight } from '../../common/in-flight.js';
import { ENV, type Env } from '../../config/env.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import type { Principal } from '../auth/auth.types.js';
import { EtlJobCatalog } from './etl-job-catalog.js';
import { EtlRepository } from './etl.repository.js';
import type { EtlJobView, EtlRunFilter, EtlRunView } from './etl.types.js';

/**
 * ETL in the API: the declared jobs, run on their cron schedule (one process per tick), on
 * demand by an administrator, and the run records. The work itself is @planwatch/etl's runner.
 * On shutdown the runs under way finish (and are recorded) before the database closes.
 */
@Injectable()
export class EtlService implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Etl');
  private readonly runner: EtlRunner;
  private readonly claimant = { host: hostname(), pid: process.pid };
  private readonly runs = new InFlight('数据导入');

  constructor(
    @Inject(EtlRepository) private readonly repository: EtlRepository,
    @Inject(EtlJobCatalog) private readonly catalog: EtlJobCatalog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(ENV) private readonly env: Env,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {
    this.runner = new EtlRunner({
      connector: repository.connector(),
      ...this.claimant,
      now: () => clock.now(),
      onFiguresChanged: (event) => events.publish({ type: 'figures_approved', ...event }),
      log: (line) => this.logger.log(line),
    });
  }

  /** "The next start": runs a dead process left 'running' are marked failed. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.runner.recoverInterrupted();
    } catch (error) {
      this.logger.warn(`could not check for interrupted ETL runs: ${(error as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.runs.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!(await this.runs.drain(this.env.SHUTDOWN_GRACE_SECONDS * 1000))) {
      this.logger.warn(`ETL runs still under way after ${this.env.SHUTDOWN_GRACE_SECONDS} s; they roll back and the next start marks them failed`);
    }
  }

  recoverInterrupted(): Promise<string[]> {
    return this.runner.recoverInterrupted();
  }

  async listJobs(): Promise<EtlJobView[]> {
    const { jobs, invalid } = await this.catalog.load();
    const last = await this.repository.latestRuns([...jobs.map((j) => j.name), ...invalid.map((i) => i.name)]);
    const now = this.clock.now();
    const views: EtlJobView[] = jobs.map((job) => ({
      name: job.name,
      file: job.file ?? '',
      valid: true,
      description: job.description,
      schedule: job.schedule,
      timezone: job.timezone,
      enabled: job.enabled,
      mode: job.mode,
      source: { type: job.source.type, target: describeSource(job.source) },
      nextRunAt: job.schedule && job.enabled && this.env.CRON_ENABLED ? (parseCron(job.schedule).next(now, job.timezone)?.toISOString() ?? null) : null,
      lastRun: last.get(job.name) ?? null,
      problems: [],
    }));
    for (const bad of invalid) {
      views.push({
        name: bad.name,
        file: bad.file,
        valid: false,
        description: null,
        schedule: null,
        timezone: null,
        enabled: false,
        mode: null,
        source: null,
        nextRunAt: null,
        lastRun: last.get(bad.name) ?? null,
        problems: [...bad.error.issues],
      });
    }
    return views.sort((a, b) => a.name.localeCompare(b.name));
  }

  async runJob(name: string, principal: Principal): Promise<RunSummary> {
    const job = await this.job(name);
    await this.audit.record({ userId: principal.userId, action: 'etl_run_requested', entity: 'etl_job', entityId: name });
    try {
      return this.counted(await this.runs.run(() => this.runner.run(job, { trigger: 'api', createdBy: principal.userId })));
    } catch (error) {
      if (error instanceof JobBusyError) throw new ConflictException(`任务"${name}"正在运行，请稍后再试`);
      throw error;
    }
  }

  listRuns(filter: EtlRunFilter): Promise<{ runs: EtlRunView[]; total: number }> {
    return this.repository.findRuns(filter);
  }

  async getRun(id: string): Promise<EtlRunView> {
    const run = await this.repository.findRun(id);
    if (!run) throw new NotFoundException(`运行记录${id}不存在`);
    return run;
  }

  /**
   * One scheduler tick: the enabled jobs whose cron matches this minute are claimed (one API
   * process wins each job's minute) and run one after another. A job still running from an
   * earlier tick is skipped.
   */
  async runScheduled(at: Date = this.clock.now()): Promise<RunSummary[]> {
    if (!this.runs.accepting) return [];
    const slot = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const { jobs } = await this.catalog.load();
    const due = jobs.filter((job) => job.enabled && job.schedule && parseCron(job.schedule).matches(slot, job.timezone));
    const claimed = new Set(await this.repository.claimScheduledSlot(due.map((j) => j.name), slot, this.claimant));
    const summaries: RunSummary[] = [];
    for (const job of due.filter((j) => claimed.has(j.name))) {
      if (!this.runs.accepting) {
        this.logger.warn(`scheduled run of ${job.name} not started: the process is stopping`);
        break;
      }
      try {
        summaries.push(this.counted(await this.runs.run(() => this.runner.run(job, { trigger: 'schedule' }))));
      } catch (error) {
        if (error instanceof JobBusyError) this.logger.log(`scheduled run of ${job.name} skipped: still running`);
        else this.logger.error(`scheduled run of ${job.name} failed: ${(error as Error).message}`);
      }
    }
    return summaries;
  }

  private counted(summary: RunSummary): RunSummary {
    this.metrics.recordEtlRun(summary);
    return summary;
  }

  private async job(name: string): Promise<JobDefinition> {
    const { jobs, invalid } = await this.catalog.load();
    const job = jobs.find((j) => j.name === name);
    if (job) return job;
    const bad = invalid.find((i) => i.name === name);
    if (bad) throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: `任务"${name}"的配置文件无效`, problems: bad.error.issues });
    throw new NotFoundException(`任务"${name}"不存在`);
  }
}
