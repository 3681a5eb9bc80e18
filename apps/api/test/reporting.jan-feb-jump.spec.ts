/**
 * Month-on-month checks after a 1–2月 figure, through HTTP: for an indicator published with
 * January and February together, March is compared with the 1–2月 monthly average, and the
 * 核实性审核 hit says so. 西火镇 reports its own coal; 能源局 reviews it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { logins } from './fixtures/reporting-helpers.js';

const XIHUO = '140404103';

describe('month-on-month after a 1–2月 figure', () => {
  let app: TestApp;
  let xihuo: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp();
    [xihuo, energyReview] = await logins(app, ['xihuo', 'energy_review'] as const);
  });
  afterAll(() => app.close());

  const entries = (body: unknown) => app.request('/api/reporting/entries', { method: 'POST', token: xihuo, body });
  const monthOnMonth = (report: { warnings: Array<{ rule: string; regionCode: string }> }) => report.warnings.filter((w) => w.rule === 'month_on_month' && w.regionCode === XIHUO);

  it('compares March with the monthly average of the approved 1–2月 figure', async () => {
    const janFeb = await entries({ period: '2026-02', rows: [{ indicator: 'coal_output', region: XIHUO, period: '2026年1-2月', basis: 'month', value: '200', note: '1-2月合并数，已核实' }] });
    expect(janFeb.status).toBe(201);
    expect(janFeb.body.report.rows[0]).toMatchObject({ period: '2026-02', spanStart: '2026-01' });
    const id = janFeb.body.id as string;
    const submitted = await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: xihuo, body: { reason: '1-2月合并数' } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);

    // 90 is 90% of the monthly average 100 — not a fall of 55% against the two-month total.
    const steady = await entries({ period: '2026-03', rows: [{ indicator: 'coal_output', region: XIHUO, basis: 'month', value: '90' }] });
    expect(steady.status).toBe(201);
    expect(steady.body.rowsRejected).toBe(0);
    expect(monthOnMonth(steady.body.report)).toEqual([]);
    expect((await app.request(`/api/reporting/submissions/${steady.body.id}/discard`, { method: 'POST', token: xihuo })).status).toBe(200);

    // 160 is below the two-month total but 60% above its monthly average: flagged, and worded as such.
    const jump = await entries({ period: '2026-03', rows: [{ indicator: 'coal_output', region: XIHUO, basis: 'month', value: '160' }] });
    expect(jump.status).toBe(201);
    const [warning] = monthOnMonth(jump.body.report);
    expect(warning).toMatchObject({ comparedPeriod: '2026-02', comparedValue: '100', changePct: 60 });
    expect((warning as unknown as { message: string }).message).toBe('较1-2月月均（2026年1-2月合计200，月均100）增长60%，超出±50%的核实范围');
    expect(jump.body.report.rows[0].needsExplanation).toBe(true);
  });
});
