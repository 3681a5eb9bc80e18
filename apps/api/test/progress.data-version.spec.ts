import { createServer, connect, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { loadRecords } from '../../../packages/etl/src/load/observation-store.js';
import { startTestApp, type TestApp } from './support/app.js';
import { sql } from './support/db.js';
import { until } from './support/wait.js';

const OVERVIEW = '/api/progress/overview?period=2026-10';

/** Puts one figure in force through the ETL write path, in a transaction the caller may hold open. */
async function beginApprovedLoad(databaseUrl: string, value: string): Promise<{ commit(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ id: string }>(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`);
  await loadRecords(client, [{ indicator: 'coal_output', region: '140404', period: '2026-10', basis: 'ytd', value, position: { file: 'data-version-test', row: 1 } }], {
    batchId: rows[0]!.id,
    status: 'approved',
  });
  return {
    commit: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/**
 * The public cache is keyed by the version of the figures in force; departments' drafts move a
 * version of their own. The counters never make one writer wait for another.
 */
describe('data versions', () => {
  let api: TestApp;
  let xihuo: string;
  let energyReview: string;
  let counter = 0;
  const etag = async (token?: string) => (await api.request(OVERVIEW, { token })).headers.get('etag');

  /** A preview of 西火镇's coal output, as the town's clerk enters it (with the 说明 its jump needs). */
  const preview = async () => {
    const response = await api.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: '2026-10', rows: [{ indicator: 'coal_output', region: '140404103', basis: 'month', value: String(400 + ++counter), note: '数据版本测试，非真实数据' }] },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.rowsRejected).toBe(0);
    return response.body.id as string;
  };

  beforeAll(async () => {
    api = await startTestApp({ DATA_VERSION_RECHECK_SECONDS: '3600' });
    xihuo = await api.login('xihuo');
    energyReview = await api.login('energy_review');
  });
  afterAll(() => api?.close());

  it('leaves the public answer cached through a preview, a discard and a submission; moves it on approval', async () => {
    const publicTag = await etag();
    const ownTag = await etag(xihuo);
    const id = await preview();
    expect(await etag()).toBe(publicTag);
    // The department's own view shows its draft: that one did change.
    await until('the department view to see its draft', async () => (await etag(xihuo)) !== ownTag);
    expect((await api.request(OVERVIEW, { headers: { 'if-none-match': publicTag! } })).status).toBe(304);
    expect((await api.request(`/api/reporting/submissions/${id}/discard`, { method: 'POST', token: xihuo })).status).toBe(200);
    const submitted = await preview();
    expect((await api.request(`/api/reporting/submissions/${submitted}/submit`, { method: 'POST', token: xihuo, body: { reason: '数据版本测试' } })).status).toBe(200);
    expect(await etag()).toBe(publicTag);
    expect((await api.request(`/api/reporting/submissions/${submitted}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);
    expect(await etag()).not.toBe(publicTag);
  });

  it('lets previews and approvals through while a long load holds its transaction open', async () => {
    const before = await etag();
    const load = await beginApprovedLoad(api.databaseUrl, '123456');
    try {
      const within = <T>(what: string, work: Promise<T>) =>
        Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited for the open load`)), 10_000))]);
      const id = await within('a preview', preview());
      expect((await within('a submission', api.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: xihuo, body: { reason: '数据版本测试' } }))).status).toBe(200);
      expect((await within('an approval', api.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: energyReview, body: {} }))).status).toBe(200);
    } finally {
      await load.commit();
    }
    // The load's commit moves the public version like any other.
    const afterApproval = await etag();
    expect(afterApproval).not.toBe(before);
    const committed = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM observations WHERE status = 'approved' AND value = 123456`);
    expect(committed[0]!.n).toBe(1);
  });

  it('hears another process approve at once (LISTEN/NOTIFY), with keepalive on the listening socket', async () => {
    const other = await startTestApp({ DATA_VERSION_RECHECK_SECONDS: '3600' }, { databaseUrl: api.databaseUrl });
    try {
      const before = await etag();
      expect((await other.request(OVERVIEW)).headers.get('etag')).toBe(before);
      const load = await beginApprovedLoad(api.databaseUrl, '234567');
      await load.commit();
      // The periodic re-read is an hour away here: only the notification can tell them.
      await until('process A to hear of the load', async () => (await etag()) !== before, 5_000);
      await until('process B to hear of the load', async () => (await other.request(OVERVIEW)).headers.get('etag') !== before, 5_000);

      const ports = await sql<{ port: number }>(api.databaseUrl, `SELECT client_port AS port FROM pg_stat_activity WHERE application_name = 'planwatch-data-version' AND datname = current_database()`);
      expect(ports).toHaveLength(2);
      for (const { port } of ports) expect(tcpTimerOf(port), `listener on local port ${port}`).toBe('keepalive');
    } finally {
      await other.close();
    }
  });
});

/**
 * A listener cut off without a word (a partition, a NAT entry gone): its connection stays open
 * but carries nothing. The periodic re-read on that connection finds it dead; meanwhile and
 * after, a change still reaches the answers.
 */
describe('a silently partitioned listener', () => {
  let proxy: FreezingProxy;
  let api: TestApp;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase(inject('database'));
    proxy = await startFreezingProxy(new URL(databaseUrl));
    const viaProxy = new URL(databaseUrl);
    viaProxy.port = String(proxy.port);
    api = await startTestApp({ DATA_VERSION_RECHECK_SECONDS: '1' }, { databaseUrl: viaProxy.toString() });
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
  });

  it('notices within the re-read interval and serves the change', async () => {
    const databaseUrl = (() => {
      const direct = new URL(api.databaseUrl);
      direct.port = String(proxy.target.port);
      return direct.toString();
    })();
    const before = (await api.request(OVERVIEW)).headers.get('etag');
    const [listener] = await sql<{ port: number }>(databaseUrl, `SELECT client_port AS port FROM pg_stat_activity WHERE application_name = 'planwatch-data-version' AND datname = current_database()`);
    expect(proxy.freeze(listener!.port)).toBe(true);
    const load = await beginApprovedLoad(databaseUrl, '345678');
    await load.commit();
    // The NOTIFY is stuck in the frozen connection; the re-read (every second, one second to answer) gives up on it.
    await until('the change to reach the answers', async () => (await api.request(OVERVIEW)).headers.get('etag') !== before, 10_000);
  });
});

/** The kernel timer on the local end of a TCP connection (Linux /proc/net/tcp{,6}). */
function tcpTimerOf(localPort: number): string {
  const timers: Record<string, string> = { '0': 'none', '1': 'retransmit', '2': 'keepalive', '3': 'time-wait', '4': 'zero-window-probe' };
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 6 || fields[3] !== '01') continue; // established only
      const port = parseInt(fields[1]!.split(':')[1]!, 16);
      const timer = String(parseInt(fields[5]!.split(':')[0]!, 16));
      if (port === localPort) return timers[timer] ?? timer;
    }
  }
  return 'not found';
}

interface FreezingProxy {
  port: number;
  target: URL;
  /** Stops carrying bytes, both ways, on the connection whose upstream side has this local port. */
  freeze(upstreamLocalPort: number): boolean;
  close(): Promise<void>;
}

/** A TCP proxy to PostgreSQL that can cut one connection off silently: sockets stay open, nothing moves. */
async function startFreezingProxy(target: URL): Promise<FreezingProxy> {
  const pairs: Array<{ client: Socket; upstream: Socket }> = [];
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    pairs.push({ client, upstream });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    target,
    freeze: (upstreamLocalPort) => {
      const pair = pairs.find((p) => p.upstream.localPort === upstreamLocalPort);
      if (!pair) return false;
      pair.client.unpipe(pair.upstream);
      pair.upstream.unpipe(pair.client);
      pair.client.pause();
      pair.upstream.pause();
      return true;
    },
    close: async () => {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
