/**
 * Online entry reads values with the upload's own rules (the etl number transform): 95%, .5,
 * thousands separators and full-width digits are numbers; anything else is a rejected row with
 * a Chinese reason on the preview — the entry page no longer checks numbers itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { logins } from './fixtures/reporting-helpers.js';

const DISTRICT = '140404';
const XICHI = '140404201';
const BAYI = '140404104';
const XIHUO = '140404103';
const NANSONG = '140404107';

describe('online entry values', () => {
  let app: TestApp;
  let energy: string;

  beforeAll(async () => {
    app = await startTestApp();
    [energy] = await logins(app, ['energy'] as const);
  });
  afterAll(() => app.close());

  const entries = (body: unknown) => app.request('/api/reporting/entries', { method: 'POST', token: energy, body });
  const discard = async (id: string) => expect((await app.request(`/api/reporting/submissions/${id}/discard`, { method: 'POST', token: energy })).status).toBe(200);

  it('accepts what an upload accepts: .5, 1,234.5 and full-width digits', async () => {
    const response = await entries({
      period: '2026-10',
      rows: [
        { indicator: 'coal_output', region: XICHI, basis: 'month', value: '.5' },
        { indicator: 'coal_output', region: BAYI, basis: 'month', value: '1,234.5' },
        { indicator: 'coal_output', region: XIHUO, basis: 'month', value: '８５．３７' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.report.rejects).toEqual([]);
    expect(response.body.report.rows.map((r: { regionCode: string; value: string }) => `${r.regionCode}=${r.value}`)).toEqual([`${XICHI}=0.5`, `${BAYI}=1234.5`, `${XIHUO}=85.37`]);
    await discard(response.body.id);
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
        { indicator: 'coal_output', region: XICHI, basis: 'month', value: '85' },
        { indicator: 'coal_output', region: NANSONG, basis: 'month', value: '八十五' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.rowsRejected).toBe(1);
    expect(response.body.report.submittable).toBe(false);
    expect(response.body.report.rejects[0]).toMatchObject({ row: 2, value: '八十五', reason: '数值"八十五"无法识别为数字' });
    await discard(response.body.id);
  });
});
