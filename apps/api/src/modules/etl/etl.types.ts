import type { JobIssue, RunStatus, RunTrigger } from '@planwatch/etl';

export interface EtlRunFilter {
  job?: string;
  status?: RunStatus;
  limit: number;
  offset: number;
}

/** One etl_runs row as the API serves it. */
export interface EtlRunView {
  id: string;
  job: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsUnchanged: number;
  rowsRejected: number;
  error: string | null;
  host: string | null;
  pid: number | null;
  /** Only on GET /etl/runs/:id: every unit, every rejection, the watermark. */
  report?: unknown;
}

/** A declared job as GET /etl/jobs lists it (no credentials: the source is shown without headers, user or query). */
export interface EtlJobView {
  name: string;
  file: string;
  valid: boolean;
  description: string | null;
  schedule: string | null;
  timezone: string | null;
  enabled: boolean;
  mode: 'all_or_nothing' | 'quarantine' | null;
  source: { type: string; target: string } | null;
  /** Next scheduled start (ISO), when scheduled, enabled and the scheduler runs in this process. */
  nextRunAt: string | null;
  lastRun: EtlRunView | null;
  /** Why the job file cannot be used (invalid jobs only). */
  problems: JobIssue[];
}
