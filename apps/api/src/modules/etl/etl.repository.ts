import { Inject, Injectable } from '@nestjs/common';
import type { DbConnector, RunStatus, RunTrigger } from '@planwatch/etl';
import type { ClientBase } from 'pg';
import { DataSource } from 'typeorm';
import type { EtlRunFilter, EtlRunView } from './etl.types.js';

/** Advisory-lock key (two-key form) under which scheduled ticks are claimed: 'ETL3' + hashtext('schedule'). */
const SCHEDULE_LOCK = 0x45544c33;

interface RunRow {
  id: string;
  job: string;
  trigger: RunTrigger;
  status: RunStatus;
  started_at: Date;
  finished_at: Date | null;
  rows_read: number;
  rows_loaded: number;
  rows_unchanged: number;
  rows_rejected: number;
  error: string | null;
  report: unknown;
  host: string | null;
  pid: number | null;
}

const RUN_COLUMNS = `id, job, trigger, status, started_at, finished_at, rows_read, rows_loaded, rows_unchanged, rows_rejected, error, host, pid`;

function toView(row: RunRow, withReport: boolean): EtlRunView {
  return {
    id: row.id,
    job: row.job,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    rowsRead: row.rows_read,
    rowsLoaded: row.rows_loaded,
    rowsUnchanged: row.rows_unchanged,
    rowsRejected: row.rows_rejected,
    error: row.error,
    host: row.host,
    pid: row.pid,
    ...(withReport ? { report: row.report ?? null } : {}),
  };
}

/** The node-postgres client behind a connected TypeORM query runner (PostgresQueryRunner.databaseConnection). */
function pgClientOf(runner: unknown): ClientBase {
  const client = (runner as { databaseConnection?: ClientBase }).databaseConnection;
  if (!client) throw new Error('TypeORM query runner has no PostgreSQL connection');
  return client;
}

/**
 * ETL's database access in the API: connections for the job runner (which writes runs and
 * figures through @planwatch/etl's run store), run records for the endpoints, and the claim of
 * a scheduled minute.
 */
@Injectable()
export class EtlRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Leases pooled connections to the runner, one per run (its advisory locks are per session). */
  connector(): DbConnector {
    return {
      acquire: async () => {
        const runner = this.db.createQueryRunner();
        await runner.connect();
        return { client: pgClientOf(runner), release: () => void runner.release() };
      },
    };
  }

  async findRuns(filter: EtlRunFilter): Promise<{ runs: EtlRunView[]; total: number }> {
    const params = [filter.job ?? null, filter.status ?? null];
    const where = `WHERE ($1::text IS NULL OR job = $1) AND ($2::text IS NULL OR status = $2)`;
    const [rows, count] = await Promise.all([
      this.db.query(`SELECT ${RUN_COLUMNS} FROM etl_runs ${where} ORDER BY started_at DESC, id LIMIT $3 OFFSET $4`, [...params, filter.limit, filter.offset]) as Promise<RunRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM etl_runs ${where}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return { runs: rows.map((r) => toView(r, false)), total: count[0]?.total ?? 0 };
  }

  async findRun(id: string): Promise<EtlRunView | undefined> {
    const rows: RunRow[] = await this.db.query(`SELECT ${RUN_COLUMNS}, report FROM etl_runs WHERE id = $1`, [id]);
    return rows[0] ? toView(rows[0], true) : undefined;
  }

  /** The latest run of each job. */
  async latestRuns(jobs: string[]): Promise<Map<string, EtlRunView>> {
    if (jobs.length === 0) return new Map();
    const rows: RunRow[] = await this.db.query(
      `SELECT DISTINCT ON (job) ${RUN_COLUMNS} FROM etl_runs WHERE job = ANY($1) ORDER BY job, started_at DESC`,
      [jobs],
    );
    return new Map(rows.map((r) => [r.job, toView(r, false)]));
  }

  /**
   * Claims the scheduled minute `slot` for each job, under a transaction-level advisory lock:
   * of several API processes ticking at once, only one gets each job's slot. Returns the jobs
   * this process claimed (none when another process holds the lock right now).
   */
  async claimScheduledSlot(jobs: string[], slot: Date, claimant: { host: string; pid: number }): Promise<string[]> {
    if (jobs.length === 0) return [];
    return this.db.transaction(async (manager) => {
      const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1, hashtext('schedule')) AS locked`, [SCHEDULE_LOCK])) as Array<{ locked: boolean }>;
      if (!lock?.locked) return [];
      const rows = (await manager.query(
        `INSERT INTO etl_schedule_ticks (job, slot, host, pid) SELECT unnest($1::text[]), $2, $3, $4
         ON CONFLICT (job, slot) DO NOTHING RETURNING job`,
        [jobs, slot, claimant.host, claimant.pid],
      )) as Array<{ job: string }>;
      return rows.map((r) => r.job);
    });
  }
}
