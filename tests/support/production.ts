/**
 * The pieces of a production install for `npm run test:prod`, taken from what ships in deploy/:
 * a Debian PostgreSQL cluster, the systemd units' commands and environment file, nginx with the
 * shipped site configuration (ports and certificate paths swapped for the test's), a self-signed
 * certificate, and an HTTPS client that keeps cookies like a browser.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { ROOT } from './system.js';

export const DEPLOY = join(ROOT, 'deploy');

// ── PostgreSQL: a cluster of Debian's postgresql-common ────────────────────────────────────────

export interface Cluster {
  port: number;
  /** psql as the postgres superuser; answers the unaligned, tuples-only output. */
  psql(sql: string, database?: string): string;
  /** A database owned by the application's role, as README step 2 makes it. */
  createDatabase(name: string, owner: string): void;
  drop(): void;
}

export function createCluster(name: string, port: number): Cluster {
  const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0]!;
  execFileSync('pg_createcluster', [version, name, '--port', String(port), '--start'], { stdio: 'ignore' });
  const asPostgres = (command: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', command, '--port', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    port,
    psql: (sql, database = 'postgres') => asPostgres('psql', ['-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-d', database, '-c', sql]).trim(),
    createDatabase: (database, owner) => void asPostgres('createdb', ['--owner', owner, database]),
    drop: () => execFileSync('pg_dropcluster', [version, name, '--stop'], { stdio: 'ignore' }),
  };
}

// ── TLS ──────────────────────────────────────────────────────────────────────────────────────

/** A self-signed certificate for localhost and the given IP addresses. */
export function selfSignedCertificate(dir: string, addresses: string[]): { cert: string; key: string; pem: Buffer } {
  const cert = join(dir, 'fullchain.pem');
  const key = join(dir, 'privkey.pem');
  const names = ['DNS:localhost', ...addresses.map((address) => `IP:${address}`)].join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', `subjectAltName=${names}`], { stdio: 'ignore' });
  return { cert, key, pem: readFileSync(cert) };
}

// ── systemd units and their environment file ──────────────────────────────────────────────────

/** `KEY=value` lines of an EnvironmentFile (comments and blank lines skipped). */
export function readEnvFile(file: string): Record<string, string> {
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

/** What a unit runs: ExecStart's arguments after `/usr/bin/env node`, and its Environment= assignments (%i filled in). */
/** Where the units expect the installation (their WorkingDirectory is under it). */
const INSTALL_DIR = '/opt/planwatch';

export function unitCommand(file: string, instance = ''): { args: string[]; env: Record<string, string>; cwd: string } {
  const lines = readFileSync(join(DEPLOY, 'systemd', file), 'utf8').replaceAll('%i', instance).split('\n');
  const exec = lines.find((line) => line.startsWith('ExecStart='))!.slice('ExecStart='.length).split(/\s+/);
  if (exec[0] !== '/usr/bin/env' || exec[1] !== 'node') throw new Error(`${file}: ExecStart does not run node: ${exec.join(' ')}`);
  const env: Record<string, string> = {};
  for (const line of lines.filter((l) => l.startsWith('Environment='))) {
    for (const assignment of line.slice('Environment='.length).split(/\s+/)) env[assignment.slice(0, assignment.indexOf('='))] = assignment.slice(assignment.indexOf('=') + 1);
  }
  const workingDirectory = lines.find((line) => line.startsWith('WorkingDirectory='))?.slice('WorkingDirectory='.length) ?? INSTALL_DIR;
  if (workingDirectory !== INSTALL_DIR && !workingDirectory.startsWith(`${INSTALL_DIR}/`)) throw new Error(`${file}: WorkingDirectory outside ${INSTALL_DIR}`);
  return { args: exec.slice(2), env, cwd: workingDirectory.slice(INSTALL_DIR.length + 1) };
}

// ── processes ──────────────────────────────────────────────────────────────────────────────

export interface Service {
  name: string;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `node <args>` from the repository root, as the unit would, with its output in `logDir/<name>.log`. */
export function startService(name: string, args: string[], env: Record<string, string>, logDir: string, command = process.execPath, cwd = ''): Service {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: join(ROOT, cwd), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    output: () => readFileSync(logFile, 'utf8'),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      log.end();
    },
  };
}

/**
 * Polls `check` until it holds. Fails at once when one of `services` exits, and on timeout says what
 * the check last saw (its thrown error) and what the services wrote.
 */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000, services: Service[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen = 'the check never held';
  while (Date.now() < deadline) {
    const exited = services.find((service) => service.child.exitCode !== null || service.child.signalCode !== null);
    if (exited) throw new Error(`${exited.name} exited (${exited.child.exitCode ?? exited.child.signalCode}) while waiting for ${what}:\n${exited.output()}`);
    try {
      if (await check()) return;
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const outputs = services.map((service) => `── ${service.name} ──\n${service.output()}`).join('\n');
  throw new Error(`timed out waiting for ${what} (last: ${lastSeen})${outputs ? `:\n${outputs}` : ''}`);
}

// ── nginx ────────────────────────────────────────────────────────────────────────────────────

export interface NginxPorts {
  https: number;
  http: number;
  internal: number;
  web: number;
  api: [number, number];
}

/** deploy/nginx/planwatch.conf with the test's ports and certificate; every swap must find its line. */
export function siteConfig(ports: NginxPorts, certificate: { cert: string; key: string }): string {
  let site = readFileSync(join(DEPLOY, 'nginx/planwatch.conf'), 'utf8');
  const swap = (from: string | RegExp, to: string) => {
    const next = site.replace(from, to);
    if (next === site) throw new Error(`deploy/nginx/planwatch.conf no longer has ${String(from)}`);
    site = next;
  };
  swap('server 127.0.0.1:3000;', `server 127.0.0.1:${ports.web};`);
  swap('server 127.0.0.1:3001;', `server 127.0.0.1:${ports.api[0]};`);
  swap('server 127.0.0.1:3002;', `server 127.0.0.1:${ports.api[1]};`);
  swap('listen 127.0.0.1:3080;', `listen 127.0.0.1:${ports.internal};`);
  swap(/listen 80;\n\s*listen \[::\]:80;/, `listen ${ports.http};`);
  swap(/listen 443 ssl;\n\s*listen \[::\]:443 ssl;/, `listen ${ports.https} ssl;`);
  swap('/etc/ssl/planwatch/fullchain.pem', certificate.cert);
  swap('/etc/ssl/planwatch/privkey.pem', certificate.key);
  return site;
}

/** nginx in the foreground with the site configuration, its files under `dir`. */
export function startNginx(site: string, dir: string, logDir: string): Service {
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o777 });
  writeFileSync(join(dir, 'planwatch.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/planwatch.conf;
}
`,
  );
  execFileSync('/usr/sbin/nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
  return startService('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {}, logDir, '/usr/sbin/nginx');
}

// ── HTTPS like a browser ──────────────────────────────────────────────────────────────────────

export interface HttpsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json(): any;
  setCookies(): string[];
}

/** A browser on the site: trusts the test's certificate, keeps cookies, sends same-origin requests. */
export class HttpsBrowser {
  private readonly cookies = new Map<string, string>();
  constructor(
    readonly origin: string,
    private readonly ca: Buffer,
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  request(path: string, init: { method?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {}): Promise<HttpsResponse> {
    const url = new URL(path, this.origin);
    const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', accept: 'application/json', ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = Buffer.from(JSON.stringify(init.json));
      headers['content-type'] = 'application/json';
    }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const outgoing = httpsRequest(url, { method: init.method ?? 'GET', headers, ca: this.ca }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const setCookies = ([] as string[]).concat(incoming.headers['set-cookie'] ?? []);
          for (const line of setCookies) {
            const [pair] = line.split(';');
            const name = pair!.slice(0, pair!.indexOf('='));
            const value = pair!.slice(pair!.indexOf('=') + 1);
            if (/max-age=0\b/i.test(line) || value === '') this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          const all = Buffer.concat(chunks);
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: all,
            text: () => all.toString('utf8'),
            json: () => JSON.parse(all.toString('utf8')),
            setCookies: () => setCookies,
          });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** A multipart/form-data body, encoded as a browser would send it. */
export async function multipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}
