/**
 * Upload memory under concurrency (issue 12 §6): the API runs in its own process, eight large
 * uploads arrive at once, and its peak resident memory (VmHWM in /proc/<pid>/status) is read
 * afterwards. Each upload is a valid workbook whose shared strings inflate to about 30 MB (under
 * the uploads' inflate limit), which exceljs holds while it parses. At most
 * UPLOAD_PARSE_CONCURRENCY uploads are read and parsed at once and UPLOAD_PARSE_QUEUE more wait;
 * the others are answered 503 with Retry-After and a Chinese message. Every request gets an
 * answer and the peak stays under the bound README states.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { DEMO_PASSWORD } from '../src/modules/auth/demo-accounts.js';
import { GOOD_ROW, rowXml, sheetXml, workbook } from './fixtures/hostile-files.js';

/** What eight parallel uploads may add to the API's resident memory (README, Configuration: UPLOAD_PARSE_CONCURRENCY). */
const PEAK_GROWTH_BOUND_MB = 300;
const PARALLEL = 8;

/** About `megabytes` of distinct shared strings (pseudo-random Chinese, so they compress only about 2:1). */
function* sharedStrings(megabytes: number): Generator<Buffer> {
  yield Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  let seed = 12345;
  let written = 0;
  while (written < megabytes * 1024 * 1024) {
    let chunk = '';
    for (let i = 0; i < 1000; i++) {
      let text = '';
      for (let c = 0; c < 48; c++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += String.fromCharCode(0x4e00 + (seed % 3000));
      }
      chunk += `<si><t>${text}</t></si>`;
    }
    const bytes = Buffer.from(chunk);
    written += bytes.length;
    yield bytes;
  }
  yield Buffer.from('</sst>');
}

function memoryKb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

describe('eight large uploads at once', { timeout: 300_000 }, () => {
  let child: ChildProcess;
  let baseUrl: string;
  let token: string;
  let large: Buffer;
  let small: Buffer;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase(inject('database'), 'upload_memory');
    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./upload-api-child.ts', import.meta.url)), databaseUrl], {
      env: { ...process.env, UPLOAD_PARSE_CONCURRENCY: '2', UPLOAD_PARSE_QUEUE: '4' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const m = /listening (\d+)/.exec(chunk.toString());
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the API exited (${code})`)));
    });
    baseUrl = `http://127.0.0.1:${port}`;
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'energy', password: DEMO_PASSWORD }) });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    const sheet = sheetXml([rowXml(1, ['指标编码', '地区编码', '期间', '口径', '数值']), rowXml(2, GOOD_ROW)]);
    large = await workbook(sheet, { sharedStrings: { chunks: () => sharedStrings(30) } });
    small = await workbook(sheet);
  }, 300_000);
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  const upload = async (bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), '能源局-大文件.xlsx');
    const response = await fetch(`${baseUrl}/api/reporting/submissions`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { message?: string; code?: string; report?: unknown } };
  };

  it('answers every request, parses at most two at a time, and keeps the peak under the bound', async () => {
    expect(large.length).toBeGreaterThan(8 * 1024 * 1024);
    expect(large.length).toBeLessThan(20 * 1024 * 1024);
    expect((await upload(small)).status).toBe(201);
    expect((await upload(large)).status).toBe(201);
    const before = memoryKb(child.pid!);

    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => upload(large)));
    const after = memoryKb(child.pid!);
    const growthMb = (after.peak - before.rss) / 1024;
    process.stdout.write(`upload memory: ${PARALLEL} uploads of ${(large.length / 1024 / 1024).toFixed(1)} MB, rss before ${Math.round(before.rss / 1024)} MB, peak after ${Math.round(after.peak / 1024)} MB, growth ${Math.round(growthMb)} MB\n`);

    expect(answers.map((a) => a.status).every((s) => s === 201 || s === 503)).toBe(true);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeLessThanOrEqual(PARALLEL - 2);
    for (const answer of busy) {
      expect(answer.retryAfter).toBe('30');
      expect(answer.body).toMatchObject({ code: 'upload_busy', message: '服务器正在处理其他上传文件，请约30秒后重新上传' });
    }
    for (const answer of answers.filter((a) => a.status === 201)) expect(answer.body.report).toBeDefined();
    expect(growthMb).toBeLessThan(PEAK_GROWTH_BOUND_MB);
  });

  it('refuses a workbook inflating past the uploads’ limit (64 MB) at once, before parsing it', async () => {
    const sheet = sheetXml([rowXml(1, ['指标编码', '地区编码', '期间', '口径', '数值']), rowXml(2, GOOD_ROW)]);
    const repeated = Buffer.from('<si><t>重复的字符串</t></si>'.repeat(50_000));
    const answer = await upload(await workbook(sheet, { sharedStrings: { chunks: () => Array.from({ length: Math.ceil((70 * 1024 * 1024) / repeated.length) }, () => repeated) } }));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'zip_bomb', message: expect.stringContaining('声明的解压总大小超过64.0 MB') });
  });
});
