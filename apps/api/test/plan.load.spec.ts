import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { DEFAULT_PLAN_FILE } from '../src/common/paths.js';
import { prepareDatabase } from '../src/cli/setup.js';

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const counts = (url: string) =>
  query<{ regions: string; indicators: string; targets: string; history: string }>(
    url,
    `SELECT (SELECT count(*) FROM regions) regions, (SELECT count(*) FROM indicators) indicators,
            (SELECT count(*) FROM targets) targets, (SELECT count(*) FROM target_history) history`,
  );

describe('loading the plan', () => {
  it('is idempotent: loading the same file again changes nothing', async () => {
    const url = await freshDatabase(inject('database'));
    const before = await counts(url);
    const result = await prepareDatabase(url, { sampleAsOf: null, demoUsers: false, log: () => undefined });
    expect(await counts(url)).toEqual(before);
    expect(Number(before[0]!.indicators)).toBeGreaterThanOrEqual(40);
    expect(result.planVersion).toMatch(/\d/);
  });

  it('updates what changed and keeps the history of target changes', async () => {
    const url = await freshDatabase(inject('database'));
    const original = await readFile(DEFAULT_PLAN_FILE, 'utf8');
    const [{ value: oldValue }] = (await query<{ value: string }>(
      url,
      `SELECT value::text FROM targets WHERE indicator_code = 'coal_output' AND region_code = '140404' AND year = 2035`,
    )) as [{ value: string }];
    // A new plan version that raises the 2035 coal target.
    const versionLine = /^version:\s*["']?([^"'\n]+)["']?\s*$/m;
    const changed = original
      .replace(versionLine, 'version: "2099.1.1"')
      .replace(/(indicator:\s*coal_output[\s\S]*?year:\s*2035[\s\S]*?value:\s*["']?)(\d+(\.\d+)?)/, '$19999');
    expect(changed).not.toEqual(original);
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    const file = join(dir, 'plan.yaml');
    await writeFile(file, changed);
    await prepareDatabase(url, { planFile: file, sampleAsOf: null, demoUsers: false, log: () => undefined });

    const [{ value: newValue }] = (await query<{ value: string }>(
      url,
      `SELECT value::text FROM targets WHERE indicator_code = 'coal_output' AND region_code = '140404' AND year = 2035`,
    )) as [{ value: string }];
    expect(newValue).toBe('9999');
    const history = await query<{ old_value: string; new_value: string; plan_version: string }>(
      url,
      `SELECT old_value::text, new_value::text, plan_version FROM target_history
        WHERE indicator_code = 'coal_output' AND region_code = '140404' AND year = 2035 ORDER BY id`,
    );
    expect(history.at(-1)).toEqual({ old_value: oldValue, new_value: '9999', plan_version: '2099.1.1' });
    // Nothing else changed.
    const otherChanges = await query(url, `SELECT 1 FROM target_history WHERE plan_version = '2099.1.1' AND NOT (indicator_code = 'coal_output' AND year = 2035)`);
    expect(otherChanges.filter(Boolean).length).toBeLessThanOrEqual(
      (await query(url, `SELECT 1 FROM targets WHERE indicator_code = 'coal_output' AND year = 2035 AND region_code <> '140404'`)).length,
    );
  });

  it('refuses a changed file that kept its version', async () => {
    const url = await freshDatabase(inject('database'));
    const original = await readFile(DEFAULT_PLAN_FILE, 'utf8');
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    const file = join(dir, 'plan.yaml');
    await writeFile(file, `${original}\n# an edit without a version bump\n`);
    await expect(prepareDatabase(url, { planFile: file, sampleAsOf: null, demoUsers: false, log: () => undefined })).rejects.toThrow(
      /bump "version"/,
    );
  });

  it('loads the published figures as observations of their own source (已公布), beside the sample and never as it', async () => {
    const url = await freshDatabase(inject('database'));
    const published = await query<{ indicator_code: string; period: string; value: string; status: string; is_sample: boolean; note: string }>(
      url,
      `SELECT o.indicator_code, o.period, o.value::text, o.status, o.is_sample, o.note
         FROM observations o JOIN batches b ON b.id = o.batch_id WHERE b.source = 'published' ORDER BY o.indicator_code`,
    );
    expect(published.map((o) => [o.indicator_code, o.period, o.value, o.status, o.is_sample])).toEqual([
      ['advanced_capacity_share', '2024-09', '95', 'approved', false],
      ['green_mines', '2024-12', '8', 'approved', false],
      ['intelligent_mines', '2024-12', '2', 'approved', false],
      ['intelligent_mining_faces', '2024-12', '25', 'approved', false],
      ['safe_efficient_mines', '2024-09', '25', 'approved', false],
    ]);
    expect(published.find((o) => o.indicator_code === 'intelligent_mining_faces')?.note).toContain('智能化采掘工作面25处');
    // The sample (loaded after the plan in every test database) left those figures alone.
    const atKeys = await query(
      url,
      `SELECT 1 FROM observations o JOIN published_figures f USING (period, basis)
        WHERE o.indicator_code = f.indicator_code AND o.region_code = f.region_code AND o.is_sample`,
    );
    expect(atKeys).toEqual([]);
    expect(await query(url, `SELECT count(*)::int AS n FROM published_figures`)).toEqual([{ n: 5 }]);
  });

  it('a new plan version supersedes a changed published figure, removes a withdrawn one and leaves a department report in force', async () => {
    const url = await freshDatabase(inject('database'));
    // 能源局 reported and got approved its own September 2024 figure of 安全高效矿井 meanwhile.
    await query(
      url,
      `WITH b AS (INSERT INTO batches (source, status, department_code, period) VALUES ('upload', 'approved', 'energy', '2024-09') RETURNING id),
            old AS (UPDATE observations SET status = 'superseded' WHERE indicator_code = 'safe_efficient_mines' AND period = '2024-09' AND status = 'approved' RETURNING id)
       INSERT INTO observations (indicator_code, region_code, period, basis, value, status, batch_id, revision, supersedes_id)
       SELECT 'safe_efficient_mines', '140404', '2024-09', 'month', 26, 'approved', b.id, 2, old.id FROM b, old`,
    );
    const raw = parseYaml(await readFile(DEFAULT_PLAN_FILE, 'utf8'), { maxAliasCount: 200 });
    raw.version = '2099.1.2';
    raw.published.find((p: { indicator: string }) => p.indicator === 'intelligent_mines').value = '3';
    raw.published = raw.published.filter((p: { indicator: string }) => p.indicator !== 'green_mines');
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    const file = join(dir, 'plan.yaml');
    await writeFile(file, stringifyYaml(raw, { aliasDuplicateObjects: false }));
    const logged: string[] = [];
    await prepareDatabase(url, { planFile: file, sampleAsOf: null, demoUsers: false, log: (line) => logged.push(line) });

    expect(logged).toContain("plan 2099.1.2 loaded (targets +0 ~0 -0; published figures +1, 1 behind a department's approved report)");
    const versions = await query<{ indicator_code: string; value: string; status: string; revision: number; source: string; reason: string | null }>(
      url,
      `SELECT o.indicator_code, o.value::text, o.status, o.revision, b.source, o.reason FROM observations o JOIN batches b ON b.id = o.batch_id
        WHERE o.indicator_code IN ('intelligent_mines', 'green_mines', 'safe_efficient_mines') AND o.period IN ('2024-09', '2024-12') AND o.region_code = '140404'
          AND (b.source IN ('published', 'upload')) ORDER BY o.indicator_code, o.revision`,
    );
    expect(versions).toEqual([
      { indicator_code: 'intelligent_mines', value: '2', status: 'superseded', revision: 1, source: 'published', reason: null },
      { indicator_code: 'intelligent_mines', value: '3', status: 'approved', revision: 2, source: 'published', reason: '规划文件 2099.1.2 更新了已公布数据' },
      { indicator_code: 'safe_efficient_mines', value: '25', status: 'superseded', revision: 1, source: 'published', reason: null },
      { indicator_code: 'safe_efficient_mines', value: '26', status: 'approved', revision: 2, source: 'upload', reason: null },
    ]);
    expect((await query<{ indicator_code: string }>(url, `SELECT indicator_code FROM published_figures ORDER BY 1`)).map((r) => r.indicator_code)).toEqual([
      'advanced_capacity_share',
      'intelligent_mines',
      'intelligent_mining_faces',
      'safe_efficient_mines',
    ]);
  });
});
