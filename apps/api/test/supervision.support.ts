/** Shared by supervision.*.spec.ts: an alert on 能源局's coal output to open a 督办 from. Not a spec file. */
import { expect } from 'vitest';
import { onlyRules, reportCoalBehindTarget } from './alerts.support.js';
import type { TestApp } from './support/app.js';

/** One firing alert owned by 能源局 (原煤产量, 上党区), and no other rule running; returns its id. */
export async function coalAlert(api: TestApp, admin: string): Promise<string> {
  await onlyRules(api, admin);
  await reportCoalBehindTarget(api);
  const rule = await api.request('/api/alerts/rules', {
    method: 'POST',
    token: admin,
    body: { code: 'gap_coal', type: 'target_gap', name: '原煤产量序时滞后', schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } },
  });
  expect(rule.status).toBe(201);
  await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['gap_coal'] } });
  const alerts = await api.request('/api/alerts?rule=gap_coal&state=firing', { token: admin });
  expect(alerts.body.items).toHaveLength(1);
  expect(alerts.body.items[0].departmentCode).toBe('energy');
  return alerts.body.items[0].id as string;
}
