import { Inject, Injectable } from '@nestjs/common';
import type { RunSummary } from '@planwatch/etl';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MetricsRepository } from './metrics.repository.js';

/**
 * One Prometheus registry per application instance (tests start several in one process).
 * Counters are this process's (sum them across the API processes); the outbox gauges are read
 * from the database at each scrape, so every process reports the same value (take the max).
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'planwatch_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly etlRuns = new Counter({
    name: 'planwatch_etl_runs_total',
    help: 'ETL job runs finished in this process, by job, trigger and status',
    labelNames: ['job', 'trigger', 'status'] as const,
    registers: [this.registry],
  });
  private readonly etlRows = new Counter({
    name: 'planwatch_etl_rows_total',
    help: 'Rows of finished ETL runs in this process, by job and outcome (read, loaded, unchanged, rejected)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly alertEvaluations = new Counter({
    name: 'planwatch_alert_evaluations_total',
    help: 'Alert rule evaluations in this process, by rule, trigger and outcome (skipped: another process ran that tick)',
    labelNames: ['rule', 'trigger', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly progressCache = new Counter({
    name: 'planwatch_progress_cache_requests_total',
    help: 'Progress answers served from the per-data-version cache (hit) or computed (miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(MetricsRepository) repository: MetricsRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'planwatch_' });
    new Gauge({
      name: 'planwatch_outbox_messages',
      help: 'Notifications in the outbox by status: pending and sending are its depth, dead the dead letters',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await repository.outboxByStatus();
        for (const status of ['pending', 'sending', 'dead'] as const) this.set({ status }, counts[status] ?? 0);
      },
    });
  }

  recordEtlRun(run: Pick<RunSummary, 'job' | 'trigger' | 'status' | 'rowsRead' | 'rowsLoaded' | 'rowsUnchanged' | 'rowsRejected'>): void {
    this.etlRuns.inc({ job: run.job, trigger: run.trigger, status: run.status });
    this.etlRows.inc({ job: run.job, outcome: 'read' }, run.rowsRead);
    this.etlRows.inc({ job: run.job, outcome: 'loaded' }, run.rowsLoaded);
    this.etlRows.inc({ job: run.job, outcome: 'unchanged' }, run.rowsUnchanged);
    this.etlRows.inc({ job: run.job, outcome: 'rejected' }, run.rowsRejected);
  }
}
