import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKING_GROUP_LABELS, RANKING_GROUPS, type BriefingDocument, type RankingResponse } from '@planwatch/shared';
import { sql } from './support/db.js';
import { startTestApp, type TestApp } from './support/app.js';

const section = (d: BriefingDocument, name: string) => d.sections.find((s) => s.heading.endsWith(name))!;

/** The monthly briefing's 督办 section and the month's 红黑榜 (top and bottom three), before 数据质量. */
describe('monthly briefing: 督办 and 红黑榜', () => {
  let api: TestApp;
  let d: BriefingDocument;
  beforeAll(async () => {
    api = await startTestApp();
    d = (await api.request('/api/briefings/monthly?period=2026-10&format=json')).body;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts the month’s 督办 and names the overdue ones with their departments', async () => {
    const [counts] = await sql<{ opened: number }>(
      api.databaseUrl,
      `SELECT count(*)::int AS opened FROM supervisions WHERE to_char(opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '2026-10'`,
    );
    const s = section(d, '督办情况');
    expect(s.blocks[0]).toEqual({ kind: 'paragraph', text: expect.stringContaining(`本月新立督办${counts!.opened}件`) });
    const overdue = s.blocks[1];
    expect(overdue?.kind).toBe('table');
    if (overdue?.kind !== 'table') return;
    expect(overdue.table.rows).toContainEqual(['数字装备制造业产值序时滞后', '工信局', expect.stringMatching(/^2026-11-\d\d$/)]);
  });

  it('lists the 红榜 and 黑榜 of towns and departments, and keeps the sections numbered in order', () => {
    const table = section(d, '红黑榜').blocks[0];
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    const towns = table.table.rows.filter((r) => r[0] === '乡镇（街道）和园区');
    expect(towns.filter((r) => r[1] === '红榜')).toHaveLength(3);
    expect(towns.filter((r) => r[1] === '黑榜')).toHaveLength(3);
    const headings = d.sections.map((x) => x.heading);
    expect(headings.indexOf('八、督办情况')).toBeGreaterThan(-1);
    expect(headings.slice(-2)).toEqual(['十、数据质量', '十一、下步工作']);
  });

  it('names the same units with the same scores as the 红黑榜 page for that month', async () => {
    const table = section(d, '红黑榜').blocks[0];
    if (table?.kind !== 'table') throw new Error('no 红黑榜 table');
    const ranking = (await api.request('/api/ranking?year=2026', { token: await api.login('admin') })).body as RankingResponse;
    const october = ranking.months.find((m) => m.month === '2026-10')!;
    const expected = RANKING_GROUPS.flatMap((g) => [
      ...october.groups[g].red.map((e) => [RANKING_GROUP_LABELS[g], '红榜', e.name, Math.round(e.score * 10) / 10]),
      ...october.groups[g].black.map((e) => [RANKING_GROUP_LABELS[g], '黑榜', e.name, Math.round(e.score * 10) / 10]),
    ]);
    expect(expected.length).toBeGreaterThan(0);
    expect(table.table.rows).toEqual(expected);
  });
});
