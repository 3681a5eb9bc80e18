import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

/** A fresh setup shows the feature: sample 督办 in every state and colour, marked as sample. */
describe('sample 督办', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('come with the sample data and demo accounts: every state, blue, yellow and red', async () => {
    const leader = await api.login('leader');
    const list = await api.request('/api/supervision', { token: leader });
    expect(list.status).toBe(200);
    const sample = list.body.items.filter((s: any) => s.sample);
    expect(new Set(sample.map((s: any) => s.state))).toEqual(new Set(['open', 'signed', 'replied', 'returned', 'closed']));
    expect(list.body.counts.blue).toBeGreaterThan(0);
    expect(list.body.counts.yellow).toBeGreaterThan(0);
    expect(list.body.counts.red).toBeGreaterThan(0);
    const closed = sample.find((s: any) => s.state === 'closed');
    const detail = await api.request(`/api/supervision/${closed.id}`, { token: leader });
    expect(detail.body.steps.map((s: any) => s.kind)).toEqual(['opened', 'signed', 'replied', 'closed']);
    const summary = await api.request('/api/supervision/summary');
    expect(summary.body.red.map((r: any) => r.title)).toContain('数字装备制造业产值序时滞后');
  });
});
