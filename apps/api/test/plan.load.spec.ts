import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
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
});
