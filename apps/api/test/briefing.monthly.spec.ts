import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadRecords } from '@planwatch/etl';
import { formatPercent, formatPp, formatQuantity, type BriefingDocument, type BriefingTable, type Period } from '@planwatch/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { TEST_NOW } from './support/constants.js';

const MONTH = '2026-10';
const DAY_MS = 86_400_000;
const MM = 72 / 25.4;
/** Asynchronously: the API under test runs in this process, and a blocked event loop would drop its connections. */
const run = async (command: string, args: string[]) => (await promisify(execFile)(command, args, { encoding: 'utf8', timeout: 120_000 })).stdout;
/** Full-width punctuation at the end of a line may hang into the margin, as Word and LibreOffice allow. */
const HANGING = /[，。、；：！？）》”’]+$/u;

/** Page images of the printed documents, for a person to look at (artifacts/screenshots/briefing-*.png). */
const SHOTS = resolve(import.meta.dirname, '../../../artifacts/screenshots');
async function savePages(pdf: string, name: string, pages: number): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await run('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', String(pages), pdf, join(SHOTS, name)]);
}

const section = (d: BriefingDocument, name: string) => d.sections.find((s) => s.heading.endsWith(name))!;
const paragraphs = (d: BriefingDocument, name: string) => section(d, name).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const tables = (d: BriefingDocument, name: string) => section(d, name).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const column = (t: BriefingTable, header: string) => t.columns.findIndex((c) => c.header === header);

async function approve(databaseUrl: string, indicator: string, region: string, period: Period, value: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  const [{ id }] = (await client.query(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`)).rows as [{ id: string }];
  await loadRecords(client, [{ indicator, region, period, basis: 'ytd', value, position: { file: 'test', row: 1 } }], { batchId: id, status: 'approved' });
  await client.query('COMMIT');
  await client.end();
}

/** Words of a PDF with their boxes, in points, as poppler's pdftotext sees them. */
async function pdfWords(pdf: string): Promise<{ width: number; height: number; words: Array<{ page: number; xMin: number; yMin: number; xMax: number; yMax: number; text: string }> }> {
  const html = await run('pdftotext', ['-bbox', pdf, '-']);
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const words: Array<{ page: number; xMin: number; yMin: number; xMax: number; yMax: number; text: string }> = [];
  html.split('<page ').slice(1).forEach((chunk, n) => {
    for (const m of chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: n + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
    }
  });
  return { width: Number(page[1]), height: Number(page[2]), words };
}

/**
 * 月度通报 of the sample's October on 23 November (its reporting deadline, 10 November, has
 * passed): what it says, checked against the API for the same month, and the documents the
 * district office sends — HTML, XLSX, DOCX laid out per GB/T 9704-2012, PDF.
 */
describe('the monthly briefing', () => {
  let api: TestApp;
  let admin: string;
  let d: BriefingDocument;

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.login('admin');
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: {} });
    d = (await api.request(`/api/briefings/monthly?period=${MONTH}&format=json`)).body;
  });
  afterAll(() => api?.close());

  it('is final, a 公文 with its letterhead, number, date in Beijing time and eleven sections in order', () => {
    expect(d).toMatchObject({ period: MONTH, final: true, date: '2026年11月23日', title: '关于2026年10月上党区产业布局规划实施情况的通报', sample: true });
    expect(d.letterhead.documentNumber).toBe('上党产监〔2026〕10号');
    expect(d.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、产业链运行情况',
      '三、乡镇（街道、园区）排名',
      '四、亮点',
      '五、存在问题',
      '六、重点项目推进情况',
      '七、预警情况',
      '八、督办情况',
      '九、红黑榜',
      '十、数据质量',
      '十一、下步工作',
    ]);
    expect(d.notices).toContain('本通报使用示例数据，仅供演示，不代表真实统计结果。');
  });

  it('states each headline figure in full as the API has it for the month, coal like for like', async () => {
    const overall = paragraphs(d, '总体情况');
    for (const code of ['coal_output', 'pv_glass_output']) {
      const i = (await api.request(`/api/progress/indicators/${code}?to=${MONTH}`)).body.indicator;
      const text = overall.find((p) => p.startsWith(i.name))!;
      expect(text, code).toContain(`${i.dataAsOf.slice(0, 4)}年1—${Number(i.dataAsOf.slice(5))}月累计${formatQuantity(i.value, i.unit)}`);
      expect(text, code).toContain(`年度目标${formatQuantity(i.annualTarget, i.unit)}`);
      expect(text, code).toContain(formatPercent(i.completionPct));
      expect(text, code).toContain(formatPp(i.gapPp, 1, false));
      // October's own figure is overdue: the statement says so rather than passing September off as October.
      if (i.dataAsOf < MONTH) expect(text, code).toContain('2026年10月数据逾期未报');
    }
    const coal = overall.find((p) => p.startsWith('原煤产量'))!;
    expect(coal).toContain('为已报乡镇汇总（不含西火镇）');
    expect(coal).toContain('同口径完成');
    expect(overall.join('')).not.toContain('严重滞后20');
  });

  it('states the key-project investment once, with the projects, under one definition', async () => {
    const everything = d.sections.flatMap((s) => s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : JSON.stringify(b.table)))).join('\n');
    const investment = (await api.request(`/api/progress/indicators/key_project_investment?to=${MONTH}`)).body.indicator;
    expect(everything.split(formatQuantity(investment.value, investment.unit)).length - 1).toBe(1);
    expect(paragraphs(d, '重点项目推进情况')[0]).toContain(formatPercent(investment.completionPct));
    expect(paragraphs(d, '总体情况')).toContain('重点项目投资完成情况见第六部分。');
  });

  it('ranks the towns, zones and parks by the overview’s composite score', async () => {
    const overview = (await api.request(`/api/progress/overview?period=${MONTH}`)).body;
    const expected = [...overview.regions].filter((r: any) => r.composite !== null).sort((a: any, b: any) => b.composite - a.composite);
    const [rank] = tables(d, '排名');
    const ranked = rank!.rows.filter((r) => typeof r[0] === 'number');
    expect(ranked.map((r) => r[column(rank!, '乡镇/街道/园区')])).toEqual(expected.map((r: any) => r.name));
    expect(ranked.map((r) => r[0])).toEqual(expected.map((_: unknown, n: number) => n + 1));
    expect(ranked.map((r) => r[column(rank!, '综合得分')])).toEqual(expected.map((r: any) => Math.round(r.composite * 10) / 10));
  });

  it('lists the lagging indicators as the API judges them, and says why a chain is red with a score above 100', async () => {
    const district = (await api.request(`/api/progress/regions/140404?period=${MONTH}`)).body.indicators;
    const [lagging] = tables(d, '存在问题');
    const severity = (status: string) => (status === 'red' ? 0 : 1);
    const expected = district
      .filter((i: any) => i.status === 'red' || i.status === 'yellow')
      .sort((a: any, b: any) => severity(a.status) - severity(b.status) || a.gapPp - b.gapPp)
      .slice(0, 10);
    expect(lagging!.rows.map((r) => r[column(lagging!, '指标')])).toEqual(expected.map((i: any) => i.name));
    expect(lagging!.rows.map((r) => r[column(lagging!, '序时差')])).toEqual(expected.map((i: any) => Math.round(i.gapPp * 10) / 10));
    const [chains] = tables(d, '产业链运行情况');
    for (const row of chains!.rows) {
      const score = row[column(chains!, '综合得分')] as number | null;
      if ((row[1] === '严重滞后' || row[1] === '略滞后') && score !== null && score >= 100) expect(row.at(-1)).toContain('按最差指标评为');
    }
  });

  it('names the unit that owes a late figure — the town, not only its bureau — with its days overdue', async () => {
    const late = tables(d, '存在问题')[1]!;
    const xihuo = late.rows.find((r) => r[0] === '西火镇' && r[column(late, '指标')] === '原煤产量')!;
    expect(xihuo[column(late, '主管部门')]).toBe('能源局');
    const alerts = (await api.request('/api/alerts?type=late_submission&limit=100', { token: admin })).body.items;
    const energy = alerts.find((a: any) => a.subject.departmentCode === 'energy');
    expect(xihuo[column(late, '逾期天数')]).toBe(energy.details.overdueDays);
    expect(paragraphs(d, '下步工作').some((p) => p.startsWith('（') && p.includes('请西火镇于本通报印发后5个工作日内补报原煤产量'))).toBe(true);
  });

  it('is reproducible: a day later, after an approval for a later month, the same month reads the same', async () => {
    await approve(api.databaseUrl, 'pv_glass_output', '140404', '2026-11', '9999');
    const tomorrow = await startTestApp({}, { databaseUrl: api.databaseUrl, now: new Date(TEST_NOW.getTime() + DAY_MS) });
    try {
      expect((await tomorrow.request(`/api/briefings/monthly?period=${MONTH}&format=json`)).body).toEqual(d);
      const html = [api, tomorrow].map((app) => app.request(`/api/briefings/monthly?period=${MONTH}`));
      const [today, next] = await Promise.all(html);
      expect(next!.body).toBe(today!.body);
    } finally {
      await tomorrow.close();
    }
  });

  it('notes a revision of one of its figures made after it was frozen, and keeps the figure it stated', async () => {
    const pv = paragraphs(d, '总体情况').find((p) => p.startsWith('光伏玻璃产量'))!;
    const asOf = (await api.request(`/api/progress/indicators/pv_glass_output?to=${MONTH}`)).body.indicator.dataAsOf;
    await approve(api.databaseUrl, 'pv_glass_output', '140404', asOf, '7100');
    const again: BriefingDocument = (await api.request(`/api/briefings/monthly?period=${MONTH}&format=json`)).body;
    expect(paragraphs(again, '总体情况')).toContain(pv);
    expect(paragraphs(again, '数据质量').at(-1)).toMatch(/^定稿后数据修订（不改变上文数字）：光伏玻璃产量2026年\d+月数据由[\d,.]+万m²修订为7,100万m²。$/);
  });

  it('is a draft (初稿) before the month’s deadline, and nothing is frozen', async () => {
    const early = await startTestApp({}, { databaseUrl: api.databaseUrl, now: new Date('2026-12-06T10:00:00+08:00') });
    try {
      const draft: BriefingDocument = (await early.request('/api/briefings/monthly?period=2026-11&format=json')).body;
      expect(draft.final).toBe(false);
      expect(draft.notices.some((n) => n.startsWith('本通报为初稿：2026年11月数据报送截止日为2026年12月10日'))).toBe(true);
      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      const { rows } = await client.query(`SELECT period FROM briefing_documents WHERE document IS NOT NULL ORDER BY period`);
      await client.end();
      expect(rows).toEqual([{ period: MONTH }]);
    } finally {
      await early.close();
    }
  });

  it('lets administrators, and only them, write the 下步工作 before it is sent', async () => {
    const steps = [{ owners: ['能源局', '西火镇'], action: '核实并补报原煤产量8月数据', due: '2026年11月30日' }];
    const energy = await api.login('energy');
    expect((await api.request(`/api/briefings/monthly/${MONTH}/next-steps`, { method: 'PUT', token: energy, body: { steps } })).status).toBe(403);
    expect((await api.request(`/api/briefings/monthly/${MONTH}/next-steps`, { method: 'PUT', token: admin, body: { steps: [{ owners: [], action: '', due: '' }] } })).status).toBe(400);
    const saved = await api.request(`/api/briefings/monthly/${MONTH}/next-steps`, { method: 'PUT', token: admin, body: { steps } });
    expect(saved.status).toBe(200);
    expect(paragraphs(saved.body, '下步工作')).toEqual(['（一）请能源局、西火镇于2026年11月30日前核实并补报原煤产量8月数据。']);
    const html = (await api.request(`/api/briefings/monthly?period=${MONTH}`)).body;
    expect(html).toContain('（一）请能源局、西火镇于2026年11月30日前核实并补报原煤产量8月数据。');
  });

  it('prints as HTML on A4 with the GB/T 9704 margins and page numbers outside', async () => {
    const { status, headers, body } = await api.request(`/api/briefings/monthly?period=${MONTH}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/html');
    expect(headers.get('content-disposition')).toContain("inline; filename*=UTF-8''");
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(body).toContain('@page :right { @bottom-right { content: "— " counter(page) " —"');
    for (const s of d.sections) expect(body).toContain(`<h2>${s.heading}</h2>`);
    expect(body).toContain('数据截至 2026-11-23 09:00（北京时间）');
  });

  it('downloads a workbook that prints on A4 with borders, repeated header rows and page numbers, figures as numbers', async () => {
    const response = await fetch(`${api.baseUrl}/api/briefings/monthly?period=${MONTH}&format=xlsx`);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['通报正文', '产业链运行情况', '乡镇（街道、园区）排名', '存在问题', '重点项目推进情况', '预警情况', '督办情况', '红黑榜']);
    for (const ws of book.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.headerFooter.oddFooter, ws.name).toBe('&C— &P —');
    }
    const problems = book.getWorksheet('存在问题')!;
    expect(problems.pageSetup.printTitlesRow).toBe('2:2');
    const completion = problems.getRow(3).getCell(5);
    expect(typeof completion.value).toBe('number');
    expect(completion.numFmt).toBe('0.0"%"');
    expect(completion.border.left?.style).toBe('thin');
    expect(problems.getRow(3).getCell(6).alignment.wrapText).toBe(true);
    // Section 六 keeps its figures.
    expect(book.getWorksheet('重点项目推进情况')!.rowCount).toBe(2 + tables(d, '重点项目推进情况')[0]!.rows.length);
  });

  it('prints the workbook through LibreOffice on A4 pages, each numbered, its wrapped text inside the margins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-xlsx-'));
    const response = await fetch(`${api.baseUrl}/api/briefings/monthly?period=${MONTH}&format=xlsx`);
    writeFileSync(join(dir, 'briefing.xlsx'), Buffer.from(await response.arrayBuffer()));
    await run('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'briefing.xlsx')]);
    const pdf = join(dir, 'briefing.pdf');
    await savePages(pdf, 'briefing-xlsx-printed', 3);
    const { width, height, words } = await pdfWords(pdf);
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const pages = Math.max(...words.map((w) => w.page));
    expect(pages).toBeGreaterThan(1);
    const pageText = (page: number) => words.filter((w) => w.page === page).map((w) => w.text).join('');
    for (let page = 1; page <= pages; page += 1) expect(pageText(page)).toContain(`—${page}—`);
    // Nothing runs off the paper: every word inside the right margin (0.6 in).
    expect(Math.max(...words.map((w) => w.xMax))).toBeLessThanOrEqual(width - 0.6 * 72);
  });

  it('downloads a .docx that LibreOffice prints on A4 within the GB/T 9704 版心, page numbers under it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-docx-'));
    const response = await fetch(`${api.baseUrl}/api/briefings/monthly?period=${MONTH}&format=docx`);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    writeFileSync(join(dir, 'briefing.docx'), Buffer.from(await response.arrayBuffer()));
    await run('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'briefing.docx')]);
    const { width, height, words } = await pdfWords(join(dir, 'briefing.pdf'));
    expect(width).toBeCloseTo(210 * MM, 0);
    expect(height).toBeCloseTo(297 * MM, 0);
    const body = words.filter((w) => !/^—|^\d+$/.test(w.text) && w.yMin < (297 - 30) * MM);
    const tolerance = 2 * MM;
    expect(Math.min(...body.map((w) => w.xMin))).toBeGreaterThanOrEqual(28 * MM - tolerance);
    const inkRight = (w: (typeof body)[number]) => {
      const hanging = HANGING.exec(w.text)?.[0].length ?? 0;
      return w.xMax - (hanging * (w.xMax - w.xMin)) / [...w.text].length;
    };
    expect(Math.max(...body.map(inkRight))).toBeLessThanOrEqual((210 - 26) * MM + tolerance);
    expect(Math.min(...body.map((w) => w.yMin))).toBeGreaterThanOrEqual(37 * MM - tolerance);
    expect(Math.max(...body.map((w) => w.yMax))).toBeLessThanOrEqual((37 + 225) * MM + tolerance);
    // "— 1 —" on the first page, on the right, below the 版心; "— 2 —" on the left of the second.
    const number = (page: number) => words.filter((w) => w.page === page && w.yMin > (37 + 225) * MM);
    expect(number(1).map((w) => w.text).join('')).toBe('—1—');
    expect(Math.max(...number(1).map((w) => w.xMax))).toBeGreaterThan(150 * MM);
    expect(Math.min(...number(2).map((w) => w.xMin))).toBeLessThan(60 * MM);
    expect(words.map((w) => w.text).join('')).toContain('关于2026年10月上党区产业布局规划实施情况的通报'.slice(0, 6));
  });

  it('downloads a PDF on A4 with an embedded CJK font, whose text reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-pdf-'));
    const response = await fetch(`${api.baseUrl}/api/briefings/monthly?period=${MONTH}&format=pdf`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const file = join(dir, 'briefing.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await run('pdffonts', [file])).toMatch(/NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes/);
    const { width, height, words } = await pdfWords(file);
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const text = words.map((w) => w.text).join('');
    for (const s of d.sections) expect(text).toContain(s.heading);
    expect(Math.min(...words.filter((w) => w.page === 1).map((w) => w.xMin))).toBeGreaterThanOrEqual(28 * MM - 1);
    await savePages(file, 'briefing-pdf', 2);
  });

  it('rejects a bad month or format by name', async () => {
    const bad = await api.request('/api/briefings/monthly?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('period');
    expect((await api.request('/api/briefings/monthly?format=rtf')).status).toBe(400);
    expect((await api.request('/api/briefings/archive/2026-1x')).status).toBe(400);
  });

  it('archives a month in every format on demand (administrators) and serves the archived copy', async () => {
    expect((await api.request(`/api/briefings/monthly/archive?period=${MONTH}`, { method: 'POST' })).status).toBe(401);
    const archived = await api.request(`/api/briefings/monthly/archive?period=${MONTH}`, { method: 'POST', token: admin });
    expect(archived.body).toEqual({ period: MONTH, archived: true });
    const list = (await api.request('/api/briefings/archive')).body;
    expect(list.map((e: any) => e.format).sort()).toEqual(['docx', 'html', 'pdf', 'xlsx']);
    const html = await api.request(`/api/briefings/archive/${MONTH}`);
    expect(html.body).toContain('关于2026年10月上党区产业布局规划实施情况的通报');
    expect((await api.request('/api/briefings/archive/2026-09')).status).toBe(404);
  });
});
