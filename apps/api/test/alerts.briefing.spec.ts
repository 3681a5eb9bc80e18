import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

/** 月度通报 on the sample data: printable HTML, XLSX, JSON; archived on demand and on schedule. */
describe('the monthly briefing', () => {
  let api: TestApp;
  let json: any;

  beforeAll(async () => {
    api = await startTestApp();
    const admin = await api.login('admin');
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['late_submission_day10', 'stalled_project_default'] } });
    json = (await api.request('/api/briefings/monthly?period=2026-10&format=json')).body;
  });
  afterAll(() => api?.close());

  it('says per chain how it stands, the most lagging indicators, late departments, stalled projects and open alerts', async () => {
    expect(json).toMatchObject({ period: '2026-10', periodLabel: '2026年10月', sample: true });
    expect(json.chains.map((c: any) => c.code)).toEqual(expect.arrayContaining(['green_coal', 'digital_equipment', 'medicine', 'nev', 'pv', 'recycling']));
    expect(json.lagging.length).toBeGreaterThan(0);
    expect(json.lagging.length).toBeLessThanOrEqual(10);
    // Red before yellow, the furthest behind first.
    const ranks = json.lagging.map((l: any) => (l.status === 'red' ? 0 : 1));
    expect([...ranks].sort()).toEqual(ranks);
    const reds = json.lagging.filter((l: any) => l.status === 'red').map((l: any) => l.gapPp);
    expect([...reds].sort((x: number, y: number) => x - y)).toEqual(reds);
    expect(json.lagging[0].sentence).toMatch(/。$/);
    const overview = (await api.request('/api/progress/overview?period=2026-10')).body;
    expect(json.lateDepartments.map((d: any) => d.name).sort()).toEqual(overview.freshness.lateDepartments.map((d: any) => d.name).sort());
    expect(json.lateDepartments.find((d: any) => d.name === '工信局').indicators).toContain('矿用智能装备产量');
    // A district sum with towns missing says so, naming the towns, wherever it is listed.
    const coal = json.lagging.find((l: any) => l.code === 'coal_output');
    expect(coal.sentence).toMatch(/（乡镇汇总不完整，缺[^）]+的数据）。$/);
    const waiting = overview.freshness.indicators.find((f: any) => f.indicatorCode === 'coal_output');
    const townName = (code: string) => overview.regions.find((r: any) => r.code === code).name;
    expect(json.lateDepartments.find((d: any) => d.name === '能源局').indicators).toEqual([
      `原煤产量（缺${waiting.lateRegions.map((t: any) => `${townName(t.regionCode)}${t.missingFrom ? `${Number(t.missingFrom.slice(5))}月` : ''}`).join('、')}）`,
    ]);
    const stalled = (await api.request('/api/projects?stalled=true&period=2026-10')).body;
    expect(json.stalledProjects.map((p: any) => p.code).sort()).toEqual(stalled.map((p: any) => p.code).sort());
    expect(json.alerts.map((a: any) => a.typeLabel)).toEqual(expect.arrayContaining(['逾期未报', '项目停滞']));
  });

  it('prints as a Chinese A4 page (anonymous, like the progress it summarises)', async () => {
    const { status, headers, body } = await api.request('/api/briefings/monthly?period=2026-10');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/html');
    expect(headers.get('content-disposition')).toContain("inline; filename*=UTF-8''");
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('上党区产业布局规划实施情况月度通报（2026年10月）');
    expect(body).toContain('@page { size: A4;');
    expect(body).toContain('@media print');
    for (const heading of ['一、总体情况', '二、产业链运行情况', '三、滞后最多的指标', '四、逾期未报情况', '五、重点项目推进情况', '六、预警情况']) expect(body).toContain(heading);
    expect(body).toContain('绿色煤炭');
    expect(body).toContain('工信局');
    expect(body).toContain(json.stalledProjects[0].name);
    expect(body).toContain('示例数据');
    expect(body).toContain(json.lagging[0].sentence);
  });

  it('downloads as a workbook, one sheet per section', async () => {
    const response = await fetch(`${api.baseUrl}/api/briefings/monthly?period=2026-10&format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['总体情况', '产业链', '滞后指标', '逾期未报', '停滞项目', '预警']);
    const lagging = book.getWorksheet('滞后指标')!;
    expect(lagging.getRow(2).getCell(3).value).toBe('指标');
    expect(lagging.getRow(3).getCell(3).value).toBe(json.lagging[0].name);
    expect(typeof lagging.getRow(3).getCell(8).value).toBe('number');
    expect(book.getWorksheet('停滞项目')!.rowCount).toBe(2 + json.stalledProjects.length);
  });

  it('rejects a bad month or format by name', async () => {
    const bad = await api.request('/api/briefings/monthly?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('period');
    expect((await api.request('/api/briefings/monthly?format=pdf')).status).toBe(400);
    expect((await api.request('/api/briefings/archive/2026-1x')).status).toBe(400);
  });

  it('archives a month on demand (administrators) and serves the archived copy', async () => {
    expect((await api.request('/api/briefings/monthly/archive?period=2026-10', { method: 'POST' })).status).toBe(401);
    const admin = await api.login('admin');
    const archived = await api.request('/api/briefings/monthly/archive?period=2026-10', { method: 'POST', token: admin });
    expect(archived.body).toEqual({ period: '2026-10', archived: true });
    const list = (await api.request('/api/briefings/archive')).body;
    expect(list.map((e: any) => [e.period, e.format, e.trigger])).toEqual([
      ['2026-10', 'html', 'api'],
      ['2026-10', 'xlsx', 'api'],
    ]);
    const html = await api.request('/api/briefings/archive/2026-10');
    expect(html.body).toContain('月度通报');
    expect((await api.request('/api/briefings/archive/2026-09')).status).toBe(404);
  });
});
