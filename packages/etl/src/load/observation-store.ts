import type { ClientBase } from 'pg';
import { figureKey, type ObservationRecord } from '../model.js';
import { copyField, copyLines, stageRecords } from './staging.js';

/**
 * Another transaction put a version of the same figure in force while this one was writing
 * (an ETL load and a department's approval at once): the unique "one approved version" index
 * refused the second. Nothing of this transaction is kept; doing it again compares with the
 * figure now in force.
 */
export class ConcurrentFigureChange extends Error {
  constructor(options?: { cause?: unknown }) {
    super('同一数据正被其他导入或审核同时更新', options);
    this.name = 'ConcurrentFigureChange';
  }
}

/**
 * Another transaction wrote a pending version (draft or submission) of the same figure while
 * this one was writing its own: the one-pending-version index refused the second. Nothing of
 * this transaction is kept.
 */
export class ConcurrentPendingFigure extends Error {
  constructor(options?: { cause?: unknown }) {
    super('同一数据刚被其他部门或导入同时填报，请刷新后重试', options);
    this.name = 'ConcurrentPendingFigure';
  }
}

/** Runs a write of versions, naming the race when a one-version-per-figure index refuses it. */
async function puttingInForce<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'observations_one_approved') throw new ConcurrentFigureChange({ cause: error });
    if (code === '23505' && constraint === 'observations_one_pending') throw new ConcurrentPendingFigure({ cause: error });
    throw error;
  }
}

type FigureKey = Pick<ObservationRecord, 'indicator' | 'region' | 'period' | 'basis'>;

/** Advisory-lock namespace of figures ('FIG1'), beside the ETL's 'ETL1'…'ETL3'. */
const FIGURE_LOCK_NAMESPACE = 0x46494731;

/**
 * Serialises the writers of pending versions of the same figures (previews, inbox submissions)
 * until the caller's transaction ends, so each sees what the one before it wrote. Locks are
 * taken in one sorted order: two writers of overlapping figures cannot deadlock.
 */
export async function lockFigures(client: ClientBase, records: Iterable<FigureKey>): Promise<void> {
  const keys = [...new Set([...records].map(figureKey))];
  if (keys.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) AS t(k) ORDER BY 1) AS s`,
    [FIGURE_LOCK_NAMESPACE, keys],
  );
}

/** A pending version (draft or submission) of a figure, with the department whose batch holds it. */
export interface PendingVersion {
  key: string;
  status: 'draft' | 'submitted';
  batchId: string;
  departmentCode: string | null;
}

/** The pending versions of the given figures, as the caller's transaction sees them (after `lockFigures`). */
export async function pendingVersions(client: ClientBase, records: Iterable<FigureKey>): Promise<Map<string, PendingVersion>> {
  const keys = [...new Set([...records].map(figureKey))];
  if (keys.length === 0) return new Map();
  const { rows } = await client.query<PendingVersion>(
    `SELECT o.indicator_code || '|' || o.region_code || '|' || o.period || '|' || o.basis AS key, o.status, o.batch_id AS "batchId",
            b.department_code AS "departmentCode"
       FROM observations o JOIN batches b ON b.id = o.batch_id
      WHERE o.status IN ('draft','submitted') AND (o.indicator_code || '|' || o.region_code || '|' || o.period || '|' || o.basis) = ANY($1)`,
    [keys],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/** How a staged figure relates to what is in force. */
export type ChangeKind = 'new' | 'changed' | 'unchanged';

export interface ClassifiedRecord {
  seq: number;
  indicator: string;
  region: string;
  period: string;
  basis: 'month' | 'ytd';
  value: string;
  kind: ChangeKind;
  /** The approved value in force, when there is one. */
  oldValue: string | null;
  /** A draft or submission already pending for the same figure. */
  pendingStatus: 'draft' | 'submitted' | null;
  pendingBatch: string | null;
}

export interface MergeResult {
  read: number;
  inserted: number;
  changed: number;
  unchanged: number;
  /** Indicators with a figure written (new or changed), sorted. */
  indicatorCodes: string[];
}

/** Compares the staged rows with the figures in force; writes nothing. */
async function classifyStaged(client: ClientBase): Promise<ClassifiedRecord[]> {
  const { rows } = await client.query<ClassifiedRecord>(`
    SELECT s.seq, s.indicator_code AS indicator, s.region_code AS region, s.period, s.basis, s.value::text AS value,
           CASE WHEN a.id IS NULL THEN 'new'
                WHEN a.value = s.value AND a.span_start IS NOT DISTINCT FROM s.span_start THEN 'unchanged'
                ELSE 'changed' END AS kind,
           a.value::text AS "oldValue", p.status AS "pendingStatus", p.batch_id AS "pendingBatch"
      FROM staged_observations s
      LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = s.indicator_code
           AND a.region_code = s.region_code AND a.period = s.period AND a.basis = s.basis
      LEFT JOIN observations p ON p.status IN ('draft','submitted') AND p.indicator_code = s.indicator_code
           AND p.region_code = s.region_code AND p.period = s.period AND p.basis = s.basis
     ORDER BY s.seq`);
  return rows;
}

/** Stages the records and classifies each as new, changed (old → new) or unchanged, writing nothing. */
export async function previewRecords(client: ClientBase, records: ObservationRecord[]): Promise<ClassifiedRecord[]> {
  await client.query('BEGIN');
  try {
    await stageRecords(client, records);
    return await classifyStaged(client);
  } finally {
    await client.query('ROLLBACK');
  }
}

export interface MergeOptions {
  batchId: string;
  /**
   * 'approved' for trusted system loads; 'submitted' for a load awaiting review (the department
   * inbox); 'draft' for a department's upload awaiting submission, replacing that department's
   * own earlier drafts of the same figures (`departmentCode`), never another's.
   */
  status: 'approved' | 'submitted' | 'draft';
  departmentCode?: string | null;
  createdBy?: string | null;
  sample?: boolean;
  reason?: string | null;
}

/**
 * Merges the staged rows into observations, inside the caller's transaction. Unchanged figures
 * are left alone (loading the same content twice writes nothing); a changed approved figure is
 * superseded by a new revision tied to this batch; drafts replace the department's earlier drafts.
 */
export async function mergeStaged(client: ClientBase, options: MergeOptions): Promise<MergeResult> {
  // One pass over the staged rows: what differs from the figure in force goes into merge_rows,
  // together with that figure's id and revision, which the new version supersedes.
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS merge_rows ON COMMIT DROP AS
      SELECT s.*, NULL::bigint AS prev_id, NULL::integer AS prev_revision FROM staged_observations s WITH NO DATA;
    TRUNCATE merge_rows;
    INSERT INTO merge_rows
    SELECT s.*, a.id, a.revision
      FROM staged_observations s
      LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = s.indicator_code
           AND a.region_code = s.region_code AND a.period = s.period AND a.basis = s.basis
     WHERE a.id IS NULL OR a.value <> s.value OR a.span_start IS DISTINCT FROM s.span_start;`);
  const [counts] = (
    await client.query<{ read: string; inserted: string; changed: string; indicatorCodes: string[] }>(`
      SELECT (SELECT count(*) FROM staged_observations) AS read,
             count(*) FILTER (WHERE prev_id IS NULL) AS inserted,
             count(*) FILTER (WHERE prev_id IS NOT NULL) AS changed,
             coalesce(array_agg(DISTINCT indicator_code ORDER BY indicator_code), '{}') AS "indicatorCodes"
        FROM merge_rows`)
  ).rows;
  const read = Number(counts!.read);
  const inserted = Number(counts!.inserted);
  const changed = Number(counts!.changed);

  if (options.status !== 'approved') {
    if (options.status === 'draft') {
      await client.query(
        `DELETE FROM observations o USING merge_rows m, batches b
          WHERE o.status = 'draft' AND o.indicator_code = m.indicator_code AND o.region_code = m.region_code
            AND o.period = m.period AND o.basis = m.basis
            AND b.id = o.batch_id AND b.department_code IS NOT DISTINCT FROM $1`,
        [options.departmentCode ?? null],
      );
    }
    await puttingInForce(() =>
      client.query(
        `INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, note, reason, created_by, is_sample)
         SELECT indicator_code, region_code, period, basis, span_start, value, $5, $1, note, $2, $3, $4 FROM merge_rows`,
        [options.batchId, options.reason ?? null, options.createdBy ?? null, options.sample ?? false, options.status],
      ),
    );
  } else {
    if (changed > 0) {
      await client.query(`UPDATE observations o SET status = 'superseded' FROM merge_rows m WHERE o.id = m.prev_id AND o.status = 'approved'`);
    }
    await puttingInForce(() =>
      client.query(
        `INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, note, reason,
                                  created_by, is_sample, decided_by, decided_at, revision, supersedes_id)
         SELECT indicator_code, region_code, period, basis, span_start, value, 'approved', $1, note, $2, $3, $4, $3, now(),
                coalesce(prev_revision, 0) + 1, prev_id
           FROM merge_rows`,
        [options.batchId, options.reason ?? null, options.createdBy ?? null, options.sample ?? false],
      ),
    );
  }
  return { read, inserted, changed, unchanged: read - inserted - changed, indicatorCodes: counts!.indicatorCodes };
}

/** Adds the staged figures the last `mergeStaged` left unchanged (not in its `merge_rows`) to the file's kept rows. */
export async function keepUnchangedStaged(client: ClientBase): Promise<void> {
  await client.query(`
    INSERT INTO file_rows (indicator_code, region_code, period, basis, value)
    SELECT s.indicator_code, s.region_code, s.period, s.basis, s.value FROM staged_observations s
     WHERE NOT EXISTS (SELECT 1 FROM merge_rows m WHERE m.seq = s.seq)`);
}

/** An indicator's month, as `monthsInForce` takes and answers it. */
export const monthKey = (r: Pick<ObservationRecord, 'indicator' | 'period'>): string => `${r.indicator}|${r.period}`;

/** Of the given indicators' months (`monthKey`), those with a figure in force. */
export async function monthsInForce(client: ClientBase, months: Iterable<string>): Promise<Set<string>> {
  const indicators: string[] = [];
  const periods: string[] = [];
  for (const key of months) {
    const [indicator, period] = key.split('|') as [string, string];
    indicators.push(indicator);
    periods.push(period);
  }
  // One index probe per (indicator, month), LATERAL so that it stays one: as a semi-join the
  // planner may hash the whole table instead, once per chunk of a load that keeps growing it.
  const { rows } = await client.query<{ key: string }>(
    `SELECT k.i || '|' || k.p AS key FROM unnest($1::text[], $2::text[]) AS k(i, p)
       CROSS JOIN LATERAL (SELECT 1 FROM observations o WHERE o.status = 'approved' AND o.indicator_code = k.i AND o.period = k.p LIMIT 1) AS found`,
    [indicators, periods],
  );
  return new Set(rows.map((r) => r.key));
}

/**
 * Figures whose indicator and month have no figure in force (`monthsInForce`: a new month,
 * history loaded for the first time) are all new: COPYed straight into observations as approved
 * revision 1, with nothing looked up — what the table itself costs. Inside the caller's
 * transaction; another writer of the same figure meanwhile is `ConcurrentFigureChange`.
 */
export async function copyNewApproved(
  client: ClientBase,
  records: Iterable<ObservationRecord>,
  options: Pick<MergeOptions, 'batchId' | 'createdBy' | 'reason'> & { /** The transaction's `now()`, as text. */ decidedAt: string },
): Promise<number> {
  const tail = `,approved,${copyField(options.batchId)},${copyField(options.reason)},${copyField(options.createdBy)},${copyField(options.createdBy)},${copyField(options.decidedAt)}\n`;
  return puttingInForce(() =>
    copyLines(
      client,
      `COPY observations (indicator_code, region_code, period, basis, span_start, value, note, status, batch_id, reason, created_by, decided_by, decided_at) FROM STDIN WITH (FORMAT csv)`,
      records,
      (r) => `${copyField(r.indicator)},${copyField(r.region)},${copyField(r.period)},${copyField(r.basis)},${copyField(r.spanStart)},${copyField(r.value)},${copyField(r.note)}${tail}`,
    ),
  );
}

/**
 * Puts pending rows in force. The figure in force (approved rows are never deleted, so it is
 * also the latest version) becomes 'superseded' first — the partial unique index allows one
 * approved version at a time — then each pending row is approved as the next revision,
 * pointing at the version it replaces.
 */
export async function approveRows(client: ClientBase, where: string, params: unknown[], decidedBy: string | null): Promise<number> {
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS approving (id bigint, prev_id bigint, prev_revision integer) ON COMMIT DROP;
    TRUNCATE approving;`);
  await client.query(
    `INSERT INTO approving
     SELECT o.id, a.id, a.revision
       FROM observations o
       LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = o.indicator_code
            AND a.region_code = o.region_code AND a.period = o.period AND a.basis = o.basis
      WHERE ${where}`,
    params,
  );
  await client.query(`UPDATE observations o SET status = 'superseded' FROM approving p WHERE o.id = p.prev_id AND o.status = 'approved'`);
  const result = await puttingInForce(() =>
    client.query(
      `UPDATE observations o
          SET status = 'approved', decided_by = $1, decided_at = now(), supersedes_id = p.prev_id, revision = coalesce(p.prev_revision, 0) + 1
         FROM approving p
        WHERE o.id = p.id`,
      [decidedBy],
    ),
  );
  return result.rowCount ?? 0;
}

/** Stages and merges in one call, inside the caller's transaction. */
export async function loadRecords(client: ClientBase, records: Iterable<ObservationRecord> | AsyncIterable<ObservationRecord>, options: MergeOptions): Promise<MergeResult> {
  await stageRecords(client, records);
  return mergeStaged(client, options);
}
