import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * 红黑榜 through HTTP on the sample data (test clock: 2026-11-23, so October is the last complete
 * month): every town and department is scored per month within its group, and the public summary
 * names the top and bottom three only.
 */
describe('红黑榜', () => {
  let api: TestApp;
  let leader: string;
  beforeAll(async () => {
    api = await startTestApp();
    leader = await api.login('leader');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('ranks towns and departments per month from January to the last complete month, with the plan’s weights', async () => {
    const response = await api.request('/api/ranking?year=2026', { token: leader });
    expect(response.status).toBe(200);
    expect(response.body.config).toEqual({ weights: { timeliness: 30, firstTimeRight: 20, supervision: 20, progress: 30 }, listSize: 3 });
    expect(response.body.months.map((m: any) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    const october = response.body.months.at(-1);
    const towns = october.groups.towns.units;
    const departments = october.groups.departments.units;
    expect(towns.map((u: any) => u.code)).toContain('town_xihuo');
    expect(departments.map((u: any) => u.code)).toContain('energy');
    expect(towns.some((u: any) => u.code === 'energy')).toBe(false);
    // Bureaus have no progress part; towns with data do.
    expect(departments.every((u: any) => u.parts.progress === null)).toBe(true);
    expect(towns.some((u: any) => u.parts.progress !== null)).toBe(true);
    // Ranked best first; the lists are the ends of it.
    const scores = towns.filter((u: any) => u.score !== null).map((u: any) => u.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(october.groups.towns.red.map((e: any) => e.code)).toEqual(towns.slice(0, 3).map((u: any) => u.code));
    expect(october.groups.towns.black[0].code).toBe(towns.filter((u: any) => u.score !== null).at(-1).code);
    for (const u of towns) if (u.facts.figuresDue > 0) expect(u.parts.timeliness).toBeCloseTo((100 * u.facts.figuresOnTime) / u.facts.figuresDue, 9);
  });

  it('reads the sample’s approvals at their own dates around each deadline, not at the setup: most on time, some late', async () => {
    const response = await api.request('/api/ranking?year=2026', { token: leader });
    const units = response.body.months.flatMap((m: any) => [...m.groups.towns.units, ...m.groups.departments.units]);
    const due = units.reduce((n: number, u: any) => n + u.facts.figuresDue, 0);
    const onTime = units.reduce((n: number, u: any) => n + u.facts.figuresOnTime, 0);
    expect(onTime / due).toBeGreaterThan(0.5);
    expect(onTime / due).toBeLessThan(0.95);
  });

  it('needs a session for the full ranking and refuses a year without a finished month', async () => {
    expect((await api.request('/api/ranking?year=2026')).status).toBe(401);
    const future = await api.request('/api/ranking?year=2027', { token: leader });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('2027年尚无已结束的月份');
  });

  it('shows the public only the last month’s top and bottom three by name and score', async () => {
    const summary = await api.request('/api/ranking/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.month).toBe('2026-10');
    for (const group of ['towns', 'departments']) {
      expect(summary.body.groups[group].red.length).toBeLessThanOrEqual(3);
      for (const entry of [...summary.body.groups[group].red, ...summary.body.groups[group].black]) expect(Object.keys(entry).sort()).toEqual(['code', 'name', 'score']);
    }
    expect(summary.body.groups.towns.red.length).toBe(3);
  });
});
