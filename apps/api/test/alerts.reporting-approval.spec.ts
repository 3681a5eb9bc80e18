import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '../src/modules/alerts/alerts.service.js';
import { deliverUntilQuiet, fastDelivery, onlyRules, startHttpReceiver, type HttpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * The same promise through the real reporting workflow: 能源局 corrects a lagging figure online,
 * submits it, its reviewer approves, and the alert clears at that moment (figures_approved),
 * telling each channel once.
 */
describe('an approval in the reporting workflow clears the alert', () => {
  let api: TestApp;
  let http: HttpReceiver;
  let admin: string;

  beforeAll(async () => {
    http = await startHttpReceiver();
    api = await startTestApp();
    fastDelivery(api);
    admin = await api.login('admin');
    await onlyRules(api, admin);
    await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'energy_hook', kind: 'webhook', departmentCode: 'energy', config: { url: `${http.url}/energy` } } });
    const rule = await api.request('/api/alerts/rules', {
      method: 'POST',
      token: admin,
      body: { code: 'gap_sales', type: 'target_gap', name: '煤炭销量序时滞后', schedule: '0 8 * * *', scope: { indicators: ['coal_sales'], regions: ['140404'] } },
    });
    expect(rule.status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
    await http?.close();
  });

  it('fires on the lagging figure, then resolves on the approved correction', async () => {
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['gap_sales'] } });
    const fired = (await api.request('/api/alerts?rule=gap_sales', { token: admin })).body.items[0];
    expect(fired).toMatchObject({ state: 'firing', severity: 'yellow', period: '2026-10', departmentCode: 'energy' });
    await deliverUntilQuiet(api, admin);
    expect(http.requests.map((r) => r.json.event)).toEqual(['fired']);

    const target = Number((await api.request('/api/progress/indicators/coal_sales?to=2026-10')).body.indicator.annualTarget);
    const energy = await api.login('energy');
    const preview = await api.request('/api/reporting/entries', {
      method: 'POST',
      token: energy,
      body: { period: '2026-10', reason: '补录10月销量', rows: [{ indicator: 'coal_sales', region: '140404', period: '2026-10', basis: 'ytd', value: (target * 0.9).toFixed(2) }] },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    const submitted = await api.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: energy, body: { reason: '补录10月销量' } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    // Nothing is in force yet: the alert stands.
    await api.app.get(AlertsService).settled();
    expect((await api.request('/api/alerts?rule=gap_sales', { token: admin })).body.items[0].state).toBe('firing');

    const approved = await api.request(`/api/reporting/submissions/${preview.body.id}/approve`, { method: 'POST', token: await api.login('energy_review'), body: { comment: '同意' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await api.app.get(AlertsService).settled();

    const resolved = (await api.request('/api/alerts?rule=gap_sales', { token: admin })).body.items[0];
    expect(resolved).toMatchObject({ id: fired.id, state: 'resolved' });
    const runs = (await api.request('/api/alerts/runs?job=alerts.evaluate:gap_sales', { token: admin })).body;
    expect(runs[0]).toMatchObject({ trigger: 'event', status: 'succeeded' });
    await deliverUntilQuiet(api, admin);
    expect(http.requests.map((r) => r.json.event)).toEqual(['fired', 'resolved']);
    const inbox = (await api.request('/api/alerts/inbox', { token: energy })).body.items.map((n: any) => n.event);
    expect(inbox).toEqual(['resolved', 'fired']);
  });
});
