import type { ClientBase } from 'pg';
import type { ObservationRecord } from '../model.js';
import { stageRecords } from './staging.js';

/** The latest superseded version of the figure keyed like `alias`: what a new revision replaces. */
const PREVIOUS_VERSION = (alias: string) => `
  SELECT x.id, x.revision FROM observations x
   WHERE x.status = 'superseded' AND x.indicator_code = ${alias}.indicator_code AND x.region_code = ${alias}.region_code
     AND x.period = ${alias}.period AND x.basis = ${alias}.basis
   ORDER BY x.revision DESC, x.id DESC LIMIT 1`;

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
  /** 'approved' for trusted system loads (ETL); 'draft' for a department's upload awaiting submission. */
  status: 'approved' | 'draft';
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
  const [counts] = (
    await client.query<{ read: string; inserted: string; changed: string; unchanged: string }>(`
      SELECT count(*) AS read,
             count(*) FILTER (WHERE a.id IS NULL) AS inserted,
             count(*) FILTER (WHERE a.id IS NOT NULL AND (a.value <> s.value OR a.span_start IS DISTINCT FROM s.span_start)) AS changed,
             count(*) FILTER (WHERE a.value = s.value AND a.span_start IS NOT DISTINCT FROM s.span_start) AS unchanged
        FROM staged_observations s
        LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = s.indicator_code
             AND a.region_code = s.region_code AND a.period = s.period AND a.basis = s.basis`)
  ).rows;
  // Only what differs from the approved figure goes in.
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS merge_rows ON COMMIT DROP AS SELECT * FROM staged_observations WITH NO DATA;
    TRUNCATE merge_rows;
    INSERT INTO merge_rows
    SELECT s.* FROM staged_observations s
     WHERE NOT EXISTS (SELECT 1 FROM observations a WHERE a.status = 'approved' AND a.indicator_code = s.indicator_code
             AND a.region_code = s.region_code AND a.period = s.period AND a.basis = s.basis
             AND a.value = s.value AND a.span_start IS NOT DISTINCT FROM s.span_start);`);

  if (options.status === 'draft') {
    await client.query(`
      DELETE FROM observations o USING merge_rows m
       WHERE o.status = 'draft' AND o.indicator_code = m.indicator_code AND o.region_code = m.region_code
         AND o.period = m.period AND o.basis = m.basis`);
    await client.query(
      `INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, note, reason, created_by, is_sample)
       SELECT indicator_code, region_code, period, basis, span_start, value, 'draft', $1, note, $2, $3, $4 FROM merge_rows`,
      [options.batchId, options.reason ?? null, options.createdBy ?? null, options.sample ?? false],
    );
  } else {
    await client.query(`
      UPDATE observations o SET status = 'superseded' FROM merge_rows m
       WHERE o.status = 'approved' AND o.indicator_code = m.indicator_code AND o.region_code = m.region_code
         AND o.period = m.period AND o.basis = m.basis`);
    await client.query(
      `INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, note, reason,
                                created_by, is_sample, decided_by, decided_at, revision, supersedes_id)
       SELECT m.indicator_code, m.region_code, m.period, m.basis, m.span_start, m.value, 'approved', $1, m.note, $2, $3, $4, $3, now(),
              coalesce(prev.revision, 0) + 1, prev.id
         FROM merge_rows m
         LEFT JOIN LATERAL (${PREVIOUS_VERSION('m')}) prev ON true`,
      [options.batchId, options.reason ?? null, options.createdBy ?? null, options.sample ?? false],
    );
  }
  return { read: Number(counts!.read), inserted: Number(counts!.inserted), changed: Number(counts!.changed), unchanged: Number(counts!.unchanged) };
}

/**
 * Puts pending rows in force: the approved version of each figure becomes 'superseded' first
 * (the partial unique index allows one approved version at a time), then each pending row is
 * approved as the next revision pointing at the one it replaces.
 */
export async function approveRows(client: ClientBase, where: string, params: unknown[], decidedBy: string | null): Promise<number> {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS approving ON COMMIT DROP AS
       SELECT id, indicator_code, region_code, period, basis FROM observations WITH NO DATA;
     TRUNCATE approving;`,
  );
  await client.query(
    `INSERT INTO approving SELECT o.id, o.indicator_code, o.region_code, o.period, o.basis FROM observations o WHERE ${where}`,
    params,
  );
  await client.query(`
    UPDATE observations o SET status = 'superseded'
      FROM approving p
     WHERE o.status = 'approved' AND o.indicator_code = p.indicator_code AND o.region_code = p.region_code
       AND o.period = p.period AND o.basis = p.basis`);
  const result = await client.query(
    `UPDATE observations o
        SET status = 'approved', decided_by = $1, decided_at = now(),
            supersedes_id = prev.id, revision = coalesce(prev.revision, 0) + 1
       FROM approving p
       LEFT JOIN LATERAL (${PREVIOUS_VERSION('p')}) prev ON true
      WHERE o.id = p.id`,
    [decidedBy],
  );
  return result.rowCount ?? 0;
}

/** Stages and merges in one call, inside the caller's transaction. */
export async function loadRecords(client: ClientBase, records: Iterable<ObservationRecord> | AsyncIterable<ObservationRecord>, options: MergeOptions): Promise<MergeResult> {
  await stageRecords(client, records);
  return mergeStaged(client, options);
}
