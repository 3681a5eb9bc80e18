/**
 * Online entry reads values with the upload's own rules (the etl number transform): 95%, .5,
 * thousands separators and full-width digits are numbers; anything else is a rejected row with
 * a Chinese reason on the preview — the entry page no longer checks numbers itself. (能源局 enters
 * its district figures, 西火镇 its own coal.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { logins } from './fixtures/reporting-helpers.js';

const DISTRICT = '140404';
const XIHUO = '140404103';

describe('online entry values', () => {
  let app: TestApp;
  let energy: string;
  let xihuo: string;

  beforeAll(async () => {
    app = await startTestApp();
    [energy, xihuo] = await logins(app, ['energy', 'xihuo'] as const);
  });
  afterAll(() => app.close());

  const entries = (body: unknown, token = energy) => app.request('/api/reporting/entries', { method: 'POST', token, body });
  const discard = async (id: string, token = energy) => expect((await app.request(`/api/reporting/submissions/${id}/discard`, { method: 'POST', token })).status).toBe(200);

  it('accepts what an upload accepts: .5, 1,234.5 and full-width digits', async () => {
    const response = await entries(
      {
        rows: [
          { indicator: 'coal_output', region: XIHUO, period: '2026-10', basis: 'month', value: '８５．３７' },
          { indicator: 'coal_output', region: XIHUO, period: '2026-09', basis: 'month', value: '.5' },
          { indicator: 'coal_output', region: XIHUO, period: '2026-08', basis: 'month', value: '1,234.5' },
        ],
      },
      xihuo,
    );
    expect(response.status).toBe(201);
    expect(response.body.report.rejects).toEqual([]);
    expect(response.body.report.rows.map((r: { period: string; value: string }) => `${r.period}=${r.value}`)).toEqual(['2026-10=85.37', '2026-09=0.5', '2026-08=1234.5']);
    await discard(response.body.id, xihuo);
  });

  it('accepts 95% for a percentage indicator', async () => {
    const response = await entries({ period: '2026-09', rows: [{ indicator: 'coal_washing_rate', region: DISTRICT, basis: 'month', value: '95%' }] });
    expect(response.status).toBe(201);
    expect(response.body.report.rejects).toEqual([]);
    expect(response.body.report.rows[0]).toMatchObject({ indicatorCode: 'coal_washing_rate', value: '95' });
    await discard(response.body.id);
  });

  it('answers a value that is no number with a rejected row, not an error', async () => {
    const response = await entries({
      period: '2026-10',
      rows: [
        { indicator: 'coal_sales', region: DISTRICT, basis: 'ytd', value: '2,600' },
        { indicator: 'coal_rail_shipment', region: DISTRICT, basis: 'month', value: '八十五' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.rowsRejected).toBe(1);
    expect(response.body.report.submittable).toBe(false);
    expect(response.body.report.rejects[0]).toMatchObject({ row: 2, value: '八十五', reason: '数值"八十五"无法识别为数字。', subject: '铁路专用线煤炭发运量/上党区' });
    await discard(response.body.id);
  });
});
