/**
 * Exports of approved figures in scope, as XLSX and CSV: a cell starting with = + - @, a tab or
 * a carriage return gets a leading single quote, so Excel shows it as text and never runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { readWorkbook } from './fixtures/reporting-helpers.js';
import { REPORTING_NOW } from './support/constants.js';

const PERIOD = '2026-11';
const NOTES: Record<string, string> = {
  '140404103': '=HYPERLINK("http://evil.example/","点我")',
  '140404201': '+SUM(1,2)',
  '140404104': '-2+3',
  '140404107': '@SUM(A1:A2)',
};
const RAIL_NOTE = '\t=1+1';
const SALES_NOTE = '\r=cmd|calc';

/** A CSV reader good enough for the export: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('exports', () => {
  let app: TestApp;
  let energy: string;
  let energyReview: string;

  async function exportAs(token: string, format: 'csv' | 'xlsx', extra = '') {
    const response = await fetch(`${app.baseUrl}/api/reporting/export?format=${format}&period=${PERIOD}${extra}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  beforeAll(async () => {
    // November is over: its figures may be reported.
    app = await startTestApp({}, { now: REPORTING_NOW });
    energy = await app.login('energy');
    energyReview = await app.login('energy_review');
    const admin = await app.login('admin');
    const rows = [
      ...Object.entries(NOTES).map(([region, note], i) => ({ indicator: 'coal_output', region, basis: 'month', value: String(80 + i), note })),
      { indicator: 'coal_rail_shipment', region: '140404', basis: 'month', value: '30.5', note: RAIL_NOTE },
      { indicator: 'coal_sales', region: '140404', basis: 'ytd', value: '2900', note: SALES_NOTE },
    ];
    // An administrator enters the towns' coal and 能源局's district figures at once; 能源局 reviews them all.
    const preview = await app.request('/api/reporting/entries', { method: 'POST', token: admin, body: { period: PERIOD, department: 'energy', rows } });
    expect(preview.status).toBe(201);
    expect(preview.body.rowsRejected, JSON.stringify(preview.body.report.rejects)).toBe(0);
    const submitted = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: admin, body: {} });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${preview.body.id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);
  });
  afterAll(() => app.close());

  it('escapes formula-like cells in CSV and leaves numbers alone', async () => {
    const { status, headers, bytes } = await exportAs(energyReview, 'csv');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/csv');
    expect(headers.get('content-disposition')).toMatch(/attachment; filename=".*\.csv"; filename\*=UTF-8''/);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(['指标编码', '指标名称', '地区编码', '地区', '期间', '口径', '单位', '数值', '备注', '修订版本', '审核时间']);
    const note = (indicator: string, region: string) => rows.find((r) => r[0] === indicator && r[2] === region)?.[8];
    expect(note('coal_output', '140404103')).toBe(`'${NOTES['140404103']}`);
    expect(note('coal_output', '140404201')).toBe("'+SUM(1,2)");
    expect(note('coal_output', '140404104')).toBe("'-2+3");
    expect(note('coal_output', '140404107')).toBe("'@SUM(A1:A2)");
    expect(note('coal_rail_shipment', '140404')).toBe(`'${RAIL_NOTE}`);
    expect(note('coal_sales', '140404')).toBe(`'${SALES_NOTE}`);
    expect(rows.find((r) => r[0] === 'coal_sales')?.[7]).toBe('2900');
    // Nothing unescaped anywhere in the file.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('escapes the same cells in XLSX, writing them as text, never as formulas', async () => {
    const { status, bytes } = await exportAs(energyReview, 'xlsx');
    expect(status).toBe(200);
    const sheet = (await readWorkbook(bytes)).worksheets[0]!;
    const cells: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) row.eachCell((cell) => cells.push(cell.value));
    });
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    const texts = cells.filter((v): v is string => typeof v === 'string');
    for (const text of texts) expect(text).not.toMatch(/^[=+\-@\t\r]/);
    expect(texts).toEqual(expect.arrayContaining([`'${NOTES['140404103']}`, "'+SUM(1,2)", "'-2+3", "'@SUM(A1:A2)", `'${RAIL_NOTE}`]));
    // XML stores a carriage return as a line break; the cell still starts with the quote.
    expect(texts.some((t) => /^'[\r\n]=cmd\|calc$/.test(t))).toBe(true);
    expect(cells).toContain(2900);
  });

  it('exports only what the caller may read', async () => {
    const codes = async (token: string, extra = '') => new Set(parseCsv((await exportAs(token, 'csv', extra)).bytes.toString('utf8').slice(1)).slice(1).map((r) => `${r[0]}@${r[2]}`));
    // 能源局's reporter: the district figures it reports; its reviewer also the towns' coal it reviews; each town its own.
    const forEnergy = await codes(energy);
    expect([...forEnergy].sort()).toEqual(['coal_rail_shipment@140404', 'coal_sales@140404']);
    const forEnergyReview = await codes(energyReview);
    expect([...forEnergyReview].sort()).toEqual([...forEnergy, ...Object.keys(NOTES).map((region) => `coal_output@${region}`)].sort());
    const forTown = await codes(await app.login('xihuo'));
    expect([...forTown]).toEqual(['coal_output@140404103']);
    const forLeader = await codes(await app.login('leader'), '&department=energy');
    expect(forLeader).toEqual(forEnergy);
    expect((await exportAs(energy, 'csv', '&format=pdf')).status).toBe(400);
    expect((await fetch(`${app.baseUrl}/api/reporting/export?period=${PERIOD}`)).status).toBe(401);
  });
});
