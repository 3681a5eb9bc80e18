import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './support/db.js';
import { startTestApp, type TestApp } from './support/app.js';

/** The monthly briefing's 督办 section and the month's 红黑榜 (top and bottom three). */
describe('monthly briefing: 督办 and 红黑榜', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    // A title a spreadsheet would read as a formula, overdue: it must reach the workbook as text.
    await sql(api.databaseUrl, `UPDATE supervisions SET title = '=HYPERLINK("http://x","督办")' WHERE is_sample AND title = '数字装备制造业产值序时滞后'`);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts the month’s 督办, names the overdue ones with their departments, and lists the 红榜 and 黑榜', async () => {
    const { status, body } = await api.request('/api/briefings/monthly?period=2026-10&format=json');
    expect(status).toBe(200);
    const [counts] = await sql<{ opened: number }>(
      api.databaseUrl,
      `SELECT count(*)::int AS opened FROM supervisions WHERE to_char(opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '2026-10'`,
    );
    expect(body.supervision.opened).toBe(counts!.opened);
    expect(body.supervision.overdue).toContainEqual({ title: '=HYPERLINK("http://x","督办")', departmentName: '工信局', deadline: expect.stringMatching(/^2026-11-\d\d$/) });
    expect(body.ranking.towns.red).toHaveLength(3);
    expect(body.ranking.towns.black).toHaveLength(3);
    const html = await api.request('/api/briefings/monthly?period=2026-10');
    expect(html.body).toContain('七、督办情况');
    expect(html.body).toContain('八、红黑榜');
    expect(html.body).toContain(body.ranking.towns.red[0].name);
  });

  it('writes both as sheets of the workbook, the typed title escaped', async () => {
    const response = await fetch(`${api.baseUrl}/api/briefings/monthly?period=2026-10&format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = book.getWorksheet('督办')!;
    const titles: unknown[] = [];
    sheet.eachRow((row, n) => n > 2 && titles.push(row.getCell(1).value));
    expect(titles).toContain(`'=HYPERLINK("http://x","督办")`);
    expect(book.getWorksheet('红黑榜')!.rowCount).toBeGreaterThan(2);
  });
});
