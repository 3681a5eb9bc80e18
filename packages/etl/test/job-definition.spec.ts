import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSource, expandEnv, JobDefinitionError, loadJobDefinitions, parseJobDefinition } from '../src/jobs/job-definition.js';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../jobs');

function issuesOf(text: string, options: Parameters<typeof parseJobDefinition>[1] = {}) {
  try {
    parseJobDefinition(text, options);
  } catch (error) {
    if (error instanceof JobDefinitionError) return error.issues;
    throw error;
  }
  throw new Error('expected the job file to be refused');
}

const MINIMAL = `
name: demo
description: 示例
source:
  type: file
  path: data/demo.xlsx
`;

describe('shipped job files', () => {
  it('department-inbox: an inbox under INBOX_DIR (default .data/inbox from the base dir), every 5 minutes, all-or-nothing', async () => {
    const { jobs, invalid } = await loadJobDefinitions(SHIPPED, { env: { COAL_API_URL: 'http://127.0.0.1:9/coal' }, baseDir: '/repo' });
    expect(invalid).toEqual([]);
    const inbox = jobs.find((j) => j.name === 'department-inbox')!;
    expect(inbox).toMatchObject({
      schedule: '*/5 * * * *',
      timezone: 'Asia/Shanghai',
      mode: 'all_or_nothing',
      enabled: true,
      source: { type: 'inbox', dir: '/repo/.data/inbox', extensions: ['.xlsx', '.xls', '.csv'], settleSeconds: 5, processedDir: 'processed', failedDir: 'failed' },
      defaults: { basis: 'month' },
    });
    expect(inbox.file).toBe(path.join(SHIPPED, 'department-inbox.job.yaml'));
  });

  it('INBOX_DIR and INBOX_SETTLE_SECONDS override the defaults; an absolute dir stays as is', async () => {
    const { jobs } = await loadJobDefinitions(SHIPPED, { env: { INBOX_DIR: '/srv/inbox', INBOX_SETTLE_SECONDS: '0' }, baseDir: '/repo' });
    expect(jobs.find((j) => j.name === 'department-inbox')!.source).toMatchObject({ dir: '/srv/inbox', settleSeconds: 0 });
  });

  it('coal-reporting-system: paged HTTP JSON with an updatedAt watermark', async () => {
    const { jobs } = await loadJobDefinitions(SHIPPED, { env: { COAL_API_URL: 'https://coal.example.cn/api/production', COAL_API_TOKEN: 't0k' } });
    const coal = jobs.find((j) => j.name === 'coal-reporting-system')!;
    expect(coal.source).toMatchObject({
      type: 'http',
      url: 'https://coal.example.cn/api/production',
      watermarkField: 'updatedAt',
      params: { page: 'page', pageSize: 'pageSize', since: 'updatedSince' },
      headers: { authorization: 'Bearer t0k' },
      mapping: { indicator: 'indicator', region: 'townCode', period: 'month', value: 'value', basis: 'basis', unit: 'unit', note: 'remark' },
      retry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 },
    });
    expect(describeSource(coal.source)).toBe('https://coal.example.cn/api/production');
  });

  it('without COAL_API_URL the coal job is invalid, says which variable, and the inbox job still loads', async () => {
    const { jobs, invalid } = await loadJobDefinitions(SHIPPED, { env: {} });
    expect(jobs.map((j) => j.name)).toEqual(['department-inbox']);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.name).toBe('coal-reporting-system');
    expect(invalid[0]!.error.issues).toEqual([
      { path: 'source.url', message: 'environment variable COAL_API_URL is not set (or give a default: ${COAL_API_URL:-value})', line: expect.any(Number) },
    ]);
    expect(invalid[0]!.error.message).toMatch(/coal-reporting-system\.job\.yaml invalid \(1 problem\):\n {2}source\.url: environment variable COAL_API_URL/);
  });
});

describe('environment expansion', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x'],
    ['pre-${A}-post', { A: 'x' }, 'pre-x-post'],
    ['${A:-fallback}', {}, 'fallback'],
    ['${A:-fallback}', { A: '' }, 'fallback'],
    ['${A:-}', {}, ''],
    ['${A:-http://h:1/p}', {}, 'http://h:1/p'],
    ['$${A} stays', { A: 'x' }, '${A} stays'],
    ['${A}${B}', { A: '1', B: '2' }, '12'],
  ])('%s → %s', (text, env, expected) => {
    expect(expandEnv(text, env)).toEqual({ value: expected, problems: [] });
  });

  it('an unset variable without default, and a malformed reference, are problems', () => {
    expect(expandEnv('${MISSING}', {}).problems).toEqual(['environment variable MISSING is not set (or give a default: ${MISSING:-value})']);
    expect(expandEnv('${1BAD}', {}).problems[0]).toMatch(/"\$\{1BAD\}" is not a valid reference/);
  });

  it('expands values only, so a variable cannot change the structure', () => {
    const tricky = parseJobDefinition(MINIMAL.replace('示例', '${DESC}'), { env: { DESC: 'a\nmode: quarantine' } });
    expect(tricky.description).toBe('a\nmode: quarantine');
    expect(tricky.mode).toBe('all_or_nothing');
  });
});

describe('validation: precise errors with path and line', () => {
  it('defaults: no schedule, Asia/Shanghai, all_or_nothing, enabled; relative file path from the base dir', () => {
    expect(parseJobDefinition(MINIMAL, { baseDir: '/base' })).toMatchObject({
      name: 'demo',
      schedule: null,
      timezone: 'Asia/Shanghai',
      mode: 'all_or_nothing',
      enabled: true,
      source: { type: 'file', path: '/base/data/demo.xlsx' },
      defaults: {},
      layout: {},
    });
  });

  it('every problem is reported at once, each with its path and line', () => {
    const text = [
      'name: Bad Name', // 1
      'description: ""', // 2
      'schedule: "61 * * * *"', // 3
      'timezone: Mars/Olympus', // 4
      'mode: best_effort', // 5
      'colour: blue', // 6
      'source:', // 7
      '  type: http', // 8
      '  url: ftp://example.cn/x', // 9
      '  pageSize: lots', // 10
      '  mapping:', // 11
      '    indicator: code', // 12
      'defaults:', // 13
      '  basis: 半年', // 14
      '  year: 1999', // 15
    ].join('\n');
    const issues = issuesOf(text);
    const by = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(by.name).toMatchObject({ line: 1, message: expect.stringContaining('lower-case name') });
    expect(by.description).toMatchObject({ line: 2, message: 'must not be empty' });
    expect(by.schedule).toMatchObject({ line: 3, message: 'cron "61 * * * *": minute 61 is out of range 0-59' });
    expect(by.timezone).toMatchObject({ line: 4, message: 'unknown IANA time zone' });
    expect(by.mode).toMatchObject({ line: 5, message: 'expected all_or_nothing or quarantine' });
    expect(by.colour).toMatchObject({ line: 6, message: 'unknown key "colour"' });
    expect(by['source.url']).toMatchObject({ line: 9, message: 'expected an http:// or https:// URL' });
    expect(by['source.pageSize']).toMatchObject({ line: 10, message: 'expected a number' });
    expect(by['source.mapping.region']).toMatchObject({ line: 12, message: 'required (expected string)' });
    expect(by['source.mapping.value']).toBeDefined();
    expect(by['defaults.basis']).toMatchObject({ line: 14, message: 'expected 当月, 累计, month or ytd' });
    expect(by['defaults.year']).toMatchObject({ line: 15 });
  });

  it('an unknown source type names the allowed ones', () => {
    const issues = issuesOf(MINIMAL.replace('type: file', 'type: ftp'));
    expect(issues).toEqual([{ path: 'source.type', message: 'source.type must be one of inbox, file, http, sql', line: 5 }]);
  });

  it('SQL sources need a postgres URL and a SELECT', () => {
    const issues = issuesOf(`
name: other-db
description: x
source:
  type: sql
  url: mysql://h/db
  query: DELETE FROM figures
  mapping: { indicator: i, region: r, period: p, value: v }
`);
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['source.url: expected a postgres:// URL', 'source.query: expected a SELECT (or WITH … SELECT) query']);
  });

  it('YAML syntax errors and duplicate keys come with their line', () => {
    expect(issuesOf('name: a\nname: b\n')[0]).toMatchObject({ path: '(yaml)', line: 2 });
    expect(issuesOf('name: [unclosed\n')[0]).toMatchObject({ path: '(yaml)' });
    expect(issuesOf('- a list\n')).toEqual([{ path: '(root)', message: 'expected a mapping (name, description, source, …)' }]);
  });

  it('the name must match the file name', () => {
    expect(issuesOf(MINIMAL, { file: '/jobs/other.job.yaml' })).toEqual([
      { path: 'name', message: 'name "demo" does not match the file name (expected demo.job.yaml)', line: 2 },
    ]);
  });

  it('numbers and flags may come from the environment as text', () => {
    const job = parseJobDefinition(
      `
name: inbox
description: x
enabled: \${ENABLED:-false}
mode: quarantine
source: { type: inbox, dir: /in, settleSeconds: "\${SETTLE:-0}" }
defaults: { basis: 累计, year: "\${YEAR}", region: 140404103 }
layout: { headerSearchRows: 10, includeHiddenSheets: true }
`,
      { env: { YEAR: '2026' } },
    );
    expect(job).toMatchObject({ enabled: false, mode: 'quarantine', source: { settleSeconds: 0 }, defaults: { basis: 'ytd', year: 2026, region: '140404103' }, layout: { headerSearchRows: 10, includeHiddenSheets: true } });
  });
});

describe('loading a folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'planwatch-jobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only *.job.yaml, keeps good jobs, lists bad files with their problems', async () => {
    writeFileSync(path.join(dir, 'demo.job.yaml'), MINIMAL);
    writeFileSync(path.join(dir, 'broken.job.yaml'), 'name: broken\ndescription: x\nsource: { type: inbox }\n');
    writeFileSync(path.join(dir, 'notes.yaml'), 'not: a job');
    const { jobs, invalid } = await loadJobDefinitions(dir, { baseDir: dir });
    expect(jobs.map((j) => j.name)).toEqual(['demo']);
    expect(invalid.map((i) => [i.name, i.error.issues.map((x) => x.path)])).toEqual([['broken', ['source.dir']]]);
  });
});
