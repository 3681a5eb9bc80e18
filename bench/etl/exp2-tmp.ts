import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startEmbeddedPostgres, createDatabase, withDatabase } from '../../scripts/lib/embedded-postgres.js';
import { prepareDatabase } from '../../apps/api/dist/cli/setup.js';

const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `pw-exp-${Date.now()}`), persistent: false, fast: true });
try {
  await createDatabase(server.adminUrl, 'bench');
  const url = withDatabase(server.adminUrl, 'bench');
  await prepareDatabase(url, { sampleAsOf: null, demoUsers: false, log: () => undefined });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE plain (indicator text, region text, period text, basis text, value numeric, unit text)');
  execFileSync('psql', [url, '-c', `\\copy plain FROM '/tmp/pw/big.csv' WITH (FORMAT csv, HEADER true)`]);
  await client.query('BEGIN');
  const q = async (label: string, sql: string, params: unknown[] = []) => { const t0 = performance.now(); const r = await client.query(sql, params); console.log(label, ((performance.now() - t0) / 1000).toFixed(2)); return r; };
  await q('stage', `CREATE TEMP TABLE staged_observations ON COMMIT DROP AS SELECT row_number() over () ::int AS seq, indicator AS indicator_code, region AS region_code, period, CASE basis WHEN '当月' THEN 'month' ELSE 'ytd' END AS basis, NULL::text AS span_start, value, NULL::text AS note FROM plain`);
  await q('analyze', 'ANALYZE staged_observations');
  const [b] = (await client.query(`INSERT INTO batches (source, status) VALUES ('etl','loaded') RETURNING id`)).rows;
  await q('counts', `SELECT count(*) AS read,
             count(*) FILTER (WHERE a.id IS NULL) AS inserted
        FROM staged_observations s
        LEFT JOIN observations a ON a.status = 'approved' AND a.indicator_code = s.indicator_code
             AND a.region_code = s.region_code AND a.period = s.period AND a.basis = s.basis`);
  await q('merge_rows', `CREATE TEMP TABLE IF NOT EXISTS merge_rows ON COMMIT DROP AS SELECT * FROM staged_observations WITH NO DATA;
    INSERT INTO merge_rows
    SELECT s.* FROM staged_observations s
     WHERE NOT EXISTS (SELECT 1 FROM observations a WHERE a.status = 'approved' AND a.indicator_code = s.indicator_code
             AND a.region_code = s.region_code AND a.period = s.period AND a.basis = s.basis
             AND a.value = s.value AND a.span_start IS NOT DISTINCT FROM s.span_start);`);
  await q('update', `UPDATE observations o SET status = 'superseded' FROM merge_rows m
       WHERE o.status = 'approved' AND o.indicator_code = m.indicator_code AND o.region_code = m.region_code
         AND o.period = m.period AND o.basis = m.basis`);
  const ex = await q('explain', `EXPLAIN INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, note, reason,
                                created_by, is_sample, decided_by, decided_at, revision, supersedes_id)
       SELECT m.indicator_code, m.region_code, m.period, m.basis, m.span_start, m.value, 'approved', $1, m.note, $2, $3, $4, $3, now(),
              coalesce(prev.revision, 0) + 1, prev.id
         FROM merge_rows m
         LEFT JOIN LATERAL (SELECT x.id, x.revision FROM observations x
   WHERE x.status = 'superseded' AND x.indicator_code = m.indicator_code AND x.region_code = m.region_code
     AND x.period = m.period AND x.basis = m.basis
   ORDER BY x.revision DESC, x.id DESC LIMIT 1) prev ON true`, [b.id, null, null, false]);
  console.log(ex.rows.map((r) => r['QUERY PLAN']).join('\n'));
  const r2 = await q('insert-plain', `EXPLAIN (ANALYZE, BUFFERS) INSERT INTO observations (indicator_code, region_code, period, basis, span_start, value, status, batch_id, note, reason,
                                created_by, is_sample, decided_by, decided_at, revision, supersedes_id)
       SELECT m.indicator_code, m.region_code, m.period, m.basis, m.span_start, m.value, 'approved', $1, m.note, $2, $3, $4, $3, now(), 1, NULL
         FROM merge_rows m LIMIT 200000`, [b.id, null, null, false]);
  console.log(r2.rows.map((r) => r['QUERY PLAN']).join('\n'));
  await client.query('ROLLBACK');
  await client.end();
} finally {
  await server.stop();
}
