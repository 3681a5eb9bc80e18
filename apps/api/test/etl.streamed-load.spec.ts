/**
 * A trusted, all-or-nothing file load streams: the file is parsed, COPYed and merged chunk by
 * chunk inside one transaction, and the file-wide rules (duplicates, conflicts, the YTD order)
 * run over the staged file by SQL. Here with chunks of 7 figures, so every rule meets rows in
 * different chunks: the run reports exactly the rejects the whole-file parse (the upload
 * preview's path) reports, and a reject anywhere — even after chunks were merged, even a file
 * refused as a whole halfway through — leaves nothing behind. A property test does the same for
 * random files over figures partly in force already, so that every way a figure reaches the
 * batch (COPYed new, merged, left unchanged, read after merging stopped) meets every rule, with
 * the watch for suspect series as shipped and small enough to give up to the database.
 */
import { CatalogIndex, EtlRunner, fileJob, loadCatalog, loadStreamedBatch, parseObservationsFile, streamObservationsFile, urlConnector, type AcceptedFigure } from '@planwatch/etl';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { sql } from './support/db.js';

const XICHI = '140404201';
const BAYI = '140404104';
const HEADER = '指标编码,地区编码,期间,口径,数值,单位';

/** Valid rows of 原煤产量 for 西池乡, 1995–1996: 当月 and a 累计 that grows month by month. */
function validRows(): string[] {
  const rows: string[] = [];
  for (const year of [1995, 1996]) {
    for (let month = 1; month <= 12; month++) {
      const period = `${year}-${String(month).padStart(2, '0')}`;
      rows.push(`coal_output,${XICHI},${period},当月,${month + 0.5},万吨`, `coal_output,${XICHI},${period},累计,${month * 100},万吨`);
    }
  }
  return rows;
}

describe('a streamed file load', { timeout: 120_000 }, () => {
  let url: string;
  let dir: string;
  const runner = () => new EtlRunner({ connector: urlConnector(url), streamChunkSize: 7 });
  const query = <T,>(text: string, params: unknown[] = []) => sql<T>(url, text, params);
  const writeCsv = (name: string, rows: string[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, [HEADER, ...rows].join('\n'));
    return file;
  };
  const figuresOf1990s = () => query<{ n: number }>(`SELECT count(*)::int AS n FROM observations WHERE period < '2000-01'`).then((r) => r[0]!.n);

  beforeAll(async () => {
    url = await freshDatabase(inject('database'), 'etl_stream');
    dir = mkdtempSync(path.join(tmpdir(), 'planwatch-etl-stream-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects across chunks exactly as the whole-file parse does, and loads nothing', async () => {
    const rows = validRows();
    rows.splice(30, 0, `coal_output,${XICHI},1995-01,当月,1.5,万吨`); // the same figure again, same value (chunk 1 and 5)
    rows.splice(35, 0, `coal_output,${XICHI},1995-02,累计,999,万吨`); // 1995-02 累计 again, another value: both rows refused
    rows.splice(40, 0, `coal_output,${XICHI},1995-13,当月,1,万吨`); // no such month
    rows.unshift(`coal_output,${XICHI},1997-01,累计,500,万吨`);
    rows.push(`coal_output,${XICHI},1997-03,累计,10,万吨`); // 累计 below January's, many chunks earlier
    const file = path.join(dir, 'mixed.csv');
    writeFileSync(file, [HEADER, ...rows].join('\n'));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const catalog = await loadCatalog(client).finally(() => client.end());
    const whole = await parseObservationsFile({ fileName: 'mixed.csv', path: file }, catalog);
    expect(whole.rejects.map((r) => r.row)).toEqual([6, 33, 38, 43, 54]);

    const run = await runner().run(fileJob(file), { trigger: 'cli' });
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsRejected: whole.rejects.length });
    expect(run.report.units[0]).toMatchObject({ status: 'rejected', records: whole.records.length, error: '5行数据有误，整批未导入' });
    expect(run.report.rejects).toEqual(whole.rejects);
    expect(await figuresOf1990s()).toBe(0);
    expect(await query(`SELECT id FROM batches WHERE etl_run_id = $1`, [run.id])).toEqual([]);
  });

  it('for any file and any figures already in force, rejects what the whole-file parse rejects, else loads the file', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const catalog = await loadCatalog(client).finally(() => client.end());
    const figure = fc.record({
      region: fc.constantFrom(XICHI, BAYI),
      period: fc.record({ year: fc.constantFrom(1991, 1992), month: fc.integer({ min: 1, max: 4 }) }),
      ytd: fc.boolean(),
      // Few values, so that rows often equal a figure in force (unchanged) or each other (twice).
      step: fc.integer({ min: -1, max: 1 }),
    });
    const line = (f: { region: string; period: { year: number; month: number }; ytd: boolean; step: number }) =>
      `coal_output,${f.region},${f.period.year}-0${f.period.month},${f.ytd ? '累计' : '当月'},${f.ytd ? f.period.month * 100 + f.step * 150 : f.step + 1},万吨`;
    const inForce = () =>
      query<{ key: string; value: string }>(
        `SELECT region_code || '|' || period || '|' || basis AS key, value::text AS value FROM observations WHERE status = 'approved' AND period < '1993' ORDER BY 1`,
      );
    // The watch for suspect series as shipped, or small enough to put series away and to give up (the database decides then).
    const watchLimits = fc.option(fc.record({ openSeries: fc.integer({ min: 1, max: 4 }), suspects: fc.integer({ min: 0, max: 3 }), putAwayBits: fc.constantFrom(32, 1 << 16) }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(figure, { maxLength: 12 }), fc.array(figure, { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 6 }), watchLimits, async (earlier, rows, chunkSize, seriesWatch) => {
        await query(`DELETE FROM observations WHERE period < '1993'`);
        n += 1;
        // Figures already in force: the earlier file's, one per figure, what of them is valid.
        const seen = new Set<string>();
        const loaded = earlier.map(line).filter((l) => {
          const key = l.split(',').slice(1, 4).join();
          return !seen.has(key) && seen.add(key);
        });
        const earlierFile = path.join(dir, `earlier-${n}.csv`);
        writeFileSync(earlierFile, [HEADER, ...loaded].join('\n'));
        await runner().run(fileJob(earlierFile, { mode: 'quarantine' }), { trigger: 'cli' });
        const before = await inForce();

        const file = path.join(dir, `random-${n}.csv`);
        writeFileSync(file, [HEADER, ...rows.map(line)].join('\n'));
        const whole = await parseObservationsFile({ fileName: path.basename(file), path: file }, catalog);
        const run = await new EtlRunner({ connector: urlConnector(url), streamChunkSize: chunkSize, ...(seriesWatch ? { seriesWatch } : {}) }).run(fileJob(file), { trigger: 'cli' });
        expect(run.report.rejects).toEqual(whole.rejects);
        if (whole.rejects.length > 0) {
          expect(run.status).toBe('failed');
          expect(await inForce()).toEqual(before);
        } else {
          expect(run.status).toBe('succeeded');
          const expected = new Map(before.map((r) => [r.key, r.value]));
          for (const r of whole.records) expected.set(`${r.region}|${r.period}|${r.basis}`, String(Number(r.value)));
          expect(new Map((await inForce()).map((r) => [r.key, String(Number(r.value))]))).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
    await query(`DELETE FROM observations WHERE period < '1993'`);
  });

  it('a chunk parsed while the chunk before it revises a figure asks for its months only once the revision is in', async () => {
    // 1994-01's only coal figure is in force; the file revises it (chunk 1) and repeats the row (chunk 2).
    await runner().run(fileJob(writeCsv('in-force-1994.csv', [`coal_output,${XICHI},1994-01,当月,1.5,万吨`])), { trigger: 'cli' });
    const file = writeCsv('revised-twice.csv', [`coal_output,${XICHI},1994-01,当月,2.5,万吨`, `coal_output,${XICHI},1994-01,当月,2.5,万吨`]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const catalog = new CatalogIndex(await loadCatalog(client));
      const figures: AcceptedFigure[] = [];
      for await (const chunk of streamObservationsFile({ fileName: 'revised-twice.csv', path: file }, catalog).chunks) figures.push(...chunk);
      expect(figures).toHaveLength(2);
      // Chunk 2 is handed out the moment chunk 1's revision supersedes the version in force,
      // before it inserts the next one: the moment its month has nothing in force.
      let superseding!: () => void;
      const superseded = new Promise<void>((resolve) => (superseding = resolve));
      const send = client.query.bind(client) as (...args: unknown[]) => unknown;
      const watched = Object.assign(Object.create(client) as pg.Client, {
        query: (...args: unknown[]) => {
          const result = send(...args);
          if (typeof args[0] === 'string' && args[0].includes("SET status = 'superseded'")) superseding();
          return result;
        },
      });
      async function* chunks() {
        yield [figures[0]!];
        await superseded;
        yield [figures[1]!];
      }
      const [{ id: runId }] = (await client.query<{ id: string }>(`INSERT INTO etl_runs (job, trigger, status) VALUES ('race', 'cli', 'running') RETURNING id`)).rows as [{ id: string }];
      const { file: streamed, result } = await loadStreamedBatch(watched, {
        runId,
        job: 'race',
        departmentCode: null,
        fileName: 'revised-twice.csv',
        file: null,
        createdBy: null,
        reason: null,
        chunks: chunks(),
        readAgain: () => ({ [Symbol.asyncIterator]: async function* () { yield figures; } }),
        catalog,
        decide: async ({ ruleRejects }) => (ruleRejects.length > 0 ? null : { rowsTotal: 2, rowsRejected: 0, report: {} }),
      });
      // The repeat is a duplicate, reported as the whole-file parse reports it; nothing changed.
      expect(result).toBeNull();
      expect(streamed.ruleRejects.map((r) => r.reject.row)).toEqual([3]);
      expect(await query<{ value: string }>(`SELECT value::text AS value FROM observations WHERE status = 'approved' AND period = '1994-01' AND region_code = $1`, [XICHI])).toEqual([{ value: '1.5' }]);
    } finally {
      await client.end();
      await query(`DELETE FROM observations WHERE period < '1995'`);
    }
  });

  it('a clean file loads whole in chunks; again, it changes nothing', async () => {
    const file = path.join(dir, 'clean.csv');
    writeFileSync(file, [HEADER, ...validRows()].join('\n'));
    const first = await runner().run(fileJob(file), { trigger: 'cli' });
    expect(first).toMatchObject({ status: 'succeeded', rowsRead: 49, rowsLoaded: 48, rowsUnchanged: 0, rowsRejected: 0 });
    expect(first.report.units[0]).toMatchObject({ status: 'loaded', records: 48, inserted: 48, indicatorCodes: ['coal_output'] });
    const [batch] = await query<{ rows_total: number; period: string | null; status: string }>(`SELECT rows_total, period, status FROM batches WHERE etl_run_id = $1`, [first.id]);
    expect(batch).toEqual({ rows_total: 48, period: null, status: 'loaded' });
    expect(await query(`SELECT value::text AS value, revision FROM observations WHERE indicator_code = 'coal_output' AND region_code = $1 AND period = '1996-12' AND basis = 'ytd'`, [XICHI])).toEqual([
      { value: '1200', revision: 1 },
    ]);

    const again = await runner().run(fileJob(file), { trigger: 'cli' });
    expect(again).toMatchObject({ status: 'succeeded', rowsLoaded: 0, rowsUnchanged: 48 });
    expect(await query(`SELECT id FROM batches WHERE etl_run_id = $1`, [again.id])).toEqual([]);
    expect(await figuresOf1990s()).toBe(48);
  });

  it('a file refused as a whole after chunks were merged leaves nothing behind', async () => {
    const before = await query<{ n: number }>(`SELECT count(*)::int AS n FROM observations`);
    // Valid UTF-8 for well over the 64 KB the encoding is detected from, then a byte that is not.
    const rows = [`${HEADER},备注`];
    for (let year = 1990; year < 2021; year++) {
      for (let month = 1; month <= 12; month++) {
        const period = `${year}-${String(month).padStart(2, '0')}`;
        rows.push(`coal_output,${XICHI},${period},当月,${month},万吨,${'快报'.repeat(30)}`, `coal_output,${XICHI},${period},累计,${month * 10},万吨,${'快报'.repeat(30)}`);
      }
    }
    const file = path.join(dir, 'broken.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(`${rows.join('\n')}\n`), Buffer.from([0xff, 0xfe, 0x0a])]));
    const phases: string[] = [];
    const run = await new EtlRunner({ connector: urlConnector(url), streamChunkSize: 7, onProgress: (e) => e.type === 'unit' && phases.push(e.phase) }).run(fileJob(file), { trigger: 'cli' });
    expect(phases.filter((p) => p === 'copying').length).toBeGreaterThan(20);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0 });
    expect(run.report.units[0]).toMatchObject({ status: 'failed', errorCode: 'encoding' });
    expect(await query(`SELECT count(*)::int AS n FROM observations`)).toEqual(before);
  });
});
