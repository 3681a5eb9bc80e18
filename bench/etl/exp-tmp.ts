import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { parsePlan } from '@planwatch/shared';
import { readFileSync } from 'node:fs';
import { startEmbeddedPostgres, createDatabase, withDatabase } from '../../scripts/lib/embedded-postgres.js';
import { prepareDatabase } from '../../apps/api/dist/cli/setup.js';
import { stageRecords, mergeStaged } from '@planwatch/etl';

const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `pw-exp-${Date.now()}`), persistent: false, fast: true });
try {
  await createDatabase(server.adminUrl, 'bench');
  const url = withDatabase(server.adminUrl, 'bench');
  await prepareDatabase(url, { sampleAsOf: null, demoUsers: false, log: () => undefined });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE plain (indicator text, region text, period text, basis text, value numeric, unit text)');
  let t0 = performance.now();
  execFileSync('psql', [url, '-c', `\\copy plain FROM '/tmp/pw/big.csv' WITH (FORMAT csv, HEADER true)`]);
  console.log('psql copy', ((performance.now() - t0) / 1000).toFixed(2));
  const { rows } = await client.query('SELECT indicator, region, period, basis, value::text AS value FROM plain');
  const records = rows.map((r) => ({ indicator: r.indicator, region: r.region, period: r.period, basis: r.basis === '当月' ? 'month' : 'ytd', value: r.value, position: { file: 'x', row: 1 } }));
  await client.query('BEGIN');
  t0 = performance.now();
  await stageRecords(client, records as any);
  console.log('stage', ((performance.now() - t0) / 1000).toFixed(2));
  const [b] = (await client.query(`INSERT INTO batches (source, status) VALUES ('etl','loaded') RETURNING id`)).rows;
  t0 = performance.now();
  const r = await mergeStaged(client, { batchId: b.id, status: 'approved' });
  console.log('merge', r, ((performance.now() - t0) / 1000).toFixed(2));
  t0 = performance.now();
  await client.query('COMMIT');
  console.log('commit', ((performance.now() - t0) / 1000).toFixed(2));
  await client.end();
} finally {
  await server.stop();
}
