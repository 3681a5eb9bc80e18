/**
 * Real local receivers for the alert tests (an HTTP server and an SMTP server on 127.0.0.1),
 * and the ETL write path to make figures approved. Not a spec file: shared by alerts.*.spec.ts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import type { ObservationRecord } from '../../../packages/etl/src/model.js';
import { loadRecords } from '../../../packages/etl/src/load/observation-store.js';
import { DomainEvents } from '../src/common/domain-events.js';
import { AlertsService } from '../src/modules/alerts/alerts.service.js';
import { DeliveryPolicy } from '../src/modules/notifications/delivery.policy.js';
import type { TestApp } from './support/app.js';

export interface ReceivedRequest {
  path: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: any;
  status: number;
  /** Date.now() when it arrived. */
  at: number;
}

export interface HttpReceiver {
  url: string;
  port: number;
  /** Every request, in order, with the status it was answered. */
  requests: ReceivedRequest[];
  /** Messages accepted, keyed by Idempotency-Key: a repeat of a key is answered 200 but not accepted twice. */
  accepted: Map<string, ReceivedRequest>;
  /** Repeats of an already accepted key. */
  duplicates: ReceivedRequest[];
  /** The next `n` requests (to `path`, or any) are answered 500. */
  failNext(n: number, path?: string): void;
  /** Requests to `path` are answered `status` from now on (null: normal again). */
  respond(path: string, status: number | null): void;
  /** Requests to `path` are never answered (a receiver that hangs). */
  hang(path: string, on: boolean): void;
  /** Resolves when `n` requests have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** An HTTP receiver: plain JSON hooks and robots (/wecom, /dingtalk answer {errcode:0}). */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const accepted = new Map<string, ReceivedRequest>();
  const duplicates: ReceivedRequest[] = [];
  const failures: Array<{ path?: string }> = [];
  const fixed = new Map<string, number>();
  const hanging = new Set<string>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const record: ReceivedRequest = { path, url: req.url ?? '/', headers: req.headers, body, json: safeJson(body), status: 0, at: Date.now() };
      requests.push(record);
      for (const w of [...waiters]) if (requests.length >= w.n) w.resolve();
      if (hanging.has(path)) return; // never answered
      const failIndex = failures.findIndex((f) => f.path === undefined || f.path === path);
      let status = 200;
      if (failIndex >= 0) {
        failures.splice(failIndex, 1);
        status = 500;
      } else if (fixed.has(path)) status = fixed.get(path)!;
      record.status = status;
      if (status === 200) {
        const key = String(req.headers['idempotency-key'] ?? '');
        if (accepted.has(key)) duplicates.push(record);
        else accepted.set(key, record);
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? (path === '/wecom' || path === '/dingtalk' ? '{"errcode":0,"errmsg":"ok"}' : '{"ok":true}') : '{"error":"boom"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    accepted,
    duplicates,
    failNext: (n, path) => {
      for (let i = 0; i < n; i++) failures.push({ path });
    },
    respond: (path, status) => (status === null ? fixed.delete(path) : fixed.set(path, status)),
    hang: (path, on) => (on ? hanging.add(path) : hanging.delete(path)),
    waitFor: (n, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (requests.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`receiver: ${requests.length} of ${n} requests after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface ReceivedMail {
  messageId: string;
  subject: string;
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** By Message-ID: what a mail client would show once. */
  unique(): Map<string, ReceivedMail>;
  stop(): Promise<void>;
  /** Listens again on the same port (the server "comes back"). */
  start(): Promise<void>;
  /** From now on each message is taken in but not acknowledged until the returned function is called (a stalled server). */
  hold(): () => void;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return match?.[1]?.trim() ?? '';
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) for readable subjects. */
function decodeWords(text: string): string {
  return text.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** An SMTP server from the smtp-server package, no TLS, no auth, collecting every message. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let held: Promise<void> = Promise.resolve();
  let server: SMTPServer | null = null;
  let port = 0;
  const listen = async () => {
    server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          messages.push({
            messageId: header(raw, 'Message-ID'),
            subject: decodeWords(header(raw, 'Subject')),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          void held.then(() => callback());
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server!.server.address() as AddressInfo).port;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    unique: () => new Map(messages.map((m) => [m.messageId, m])),
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
      }),
    start: listen,
    hold: () => {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        held = Promise.resolve();
      };
    },
  };
}

/**
 * Puts figures in force through the ETL write path (a batch, loadRecords with status approved)
 * and publishes figures_approved as an ETL load does; resolves once the evaluation it triggers is done.
 */
export async function approveFigures(api: TestApp, records: Array<Omit<ObservationRecord, 'position'>>): Promise<void> {
  const client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  let batchId: string;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`);
    batchId = rows[0]!.id;
    await loadRecords(client, records.map((r, i) => ({ ...r, position: { file: 'alerts-test', row: i + 1 } })), { batchId, status: 'approved' });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  api.app.get(DomainEvents).publish({ type: 'figures_approved', batchId, indicatorCodes: [...new Set(records.map((r) => r.indicator))], at: new Date() });
  await api.app.get(AlertsService).settled();
}

/**
 * 能源局 reports the district's coal output through October (YTD) at 60 % of the annual target:
 * a complete figure, far behind time progress. The sample's own district figure is a sum of
 * towns with one town missing, which the gap rules leave undetermined. Call it before any rule
 * is enabled, or the approval itself evaluates them.
 */
export async function reportCoalBehindTarget(api: TestApp): Promise<void> {
  const detail = await api.request('/api/progress/indicators/coal_output?to=2026-10');
  const target = Number(detail.body.indicator.annualTarget);
  await approveFigures(api, [{ indicator: 'coal_output', region: '140404', period: '2026-10', basis: 'ytd', value: String(Math.round(target * 0.6)) }]);
}

/** Short delivery timings so retries happen within a test. */
export function fastDelivery(api: TestApp, overrides: Partial<{ baseDelayMs: number; maxAttempts: number; leaseMs: number }> = {}): DeliveryPolicy {
  const policy = api.app.get(DeliveryPolicy);
  policy.retry = { baseDelayMs: overrides.baseDelayMs ?? 100, maxDelayMs: 2_000, maxAttempts: overrides.maxAttempts ?? 10 };
  policy.leaseMs = overrides.leaseMs ?? 5_000;
  policy.requestTimeoutMs = 3_000;
  return policy;
}

/** Switches off every rule but the ones named (the shipped defaults raise many alerts on the sample data). */
export async function onlyRules(api: TestApp, admin: string, keep: string[] = []): Promise<void> {
  const { status, body } = await api.request('/api/alerts/rules', { token: admin });
  if (status !== 200) throw new Error(`GET rules: ${status} ${JSON.stringify(body)}`);
  for (const rule of body as Array<{ code: string; enabled: boolean }>) {
    const enabled = keep.includes(rule.code);
    if (rule.enabled !== enabled) {
      const r = await api.request(`/api/alerts/rules/${rule.code}`, { method: 'PATCH', token: admin, body: { enabled } });
      if (r.status !== 200) throw new Error(`PATCH rule ${rule.code}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delivers until nothing is due or `rounds` passes ran, waiting `gapMs` between passes (for backoff). */
export async function deliverUntilQuiet(api: TestApp, admin: string, rounds = 10, gapMs = 150): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const { body } = await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    const { body: pending } = await api.request('/api/alerts/notifications?status=pending&limit=1', { token: admin });
    const { body: sending } = await api.request('/api/alerts/notifications?status=sending&limit=1', { token: admin });
    if (body.claimed === 0 && pending.total === 0 && sending.total === 0) return;
    await sleep(gapMs);
  }
}
