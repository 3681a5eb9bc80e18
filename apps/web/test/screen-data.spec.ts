import { describe, expect, it } from 'vitest';
import { ApiError, type Endpoint } from '../lib/endpoints';
import { EMPTY_SCREEN_DATA, loadScreenData, trendRange, type Getter } from '../ui/screen/screen-data';
import { coalDetail, coalProgress } from './fixtures';

const overview = {
  period: '2026-09',
  generatedAt: '2026-10-12T08:00:00Z',
  planVersion: '1',
  sample: true,
  headline: [coalProgress({ period: '2026-09' })],
  chains: [],
  services: [],
  regions: [],
  projects: {} as never,
  freshness: { indicators: [], lateDepartments: [] },
};

function getter(routes: Record<string, unknown | Error>): Getter & { calls: string[] } {
  const calls: string[] = [];
  const get = (async <T,>(e: Endpoint<T>) => {
    calls.push(e.path);
    const key = Object.keys(routes).find((k) => e.path.startsWith(k));
    if (!key) throw new ApiError(e.label, 404, 'Not Found');
    const value = routes[key];
    if (value instanceof Error) throw value;
    return value as T;
  }) as Getter & { calls: string[] };
  get.calls = calls;
  return get;
}

describe('loadScreenData', () => {
  it('asks for trends from January last year', () => {
    expect(trendRange('2026-09')).toEqual({ from: '2025-01', to: '2026-09' });
  });

  it('loads the overview, the headline details, projects, and treats a missing alerts endpoint as unavailable', async () => {
    const get = getter({
      '/api/plan': { version: 'x' },
      '/api/progress/overview': overview,
      '/api/progress/indicators/coal_output': coalDetail(),
      '/api/projects': [],
    });
    const result = await loadScreenData(get, EMPTY_SCREEN_DATA);
    expect(result.failed).toBe(false);
    expect(get.calls).toContain('/api/progress/indicators/coal_output?from=2025-01&to=2026-09');
    expect(result.data.details.coal_output).toBeDefined();
    expect(result.data.alerts).toBeNull();
    expect(result.errors).toEqual([]);
  });

  it('keeps of each firing alert only what the ticker shows', async () => {
    const alert = { id: 'a1', title: '原煤产量序时滞后', severity: 'red', state: 'firing', departmentName: '能源局', period: '2026-10', ruleCode: 'r', subject: { kind: 'indicator' } };
    const get = getter({
      '/api/plan': { version: 'x' },
      '/api/progress/overview': overview,
      '/api/progress/indicators/coal_output': coalDetail(),
      '/api/projects': [],
      '/api/alerts?state=firing': { items: [alert], total: 1 },
    });
    const result = await loadScreenData(get, EMPTY_SCREEN_DATA);
    expect(result.data.alerts).toEqual([{ title: '原煤产量序时滞后', severity: 'red' }]);
  });

  it('loads the 督办 summary for its page, and keeps the last one when that call fails', async () => {
    const summary = { asOf: '2026-10-12T08:00:00Z', open: 5, overdue: 1, closedThisMonth: 2, red: [{ title: '原煤产量序时滞后', departmentName: '能源局', deadline: '2026-10-09' }] };
    const routes = { '/api/plan': { version: 'x' }, '/api/progress/overview': overview, '/api/progress/indicators/coal_output': coalDetail(), '/api/projects': [] };
    const first = await loadScreenData(getter({ ...routes, '/api/supervision/summary': summary }), EMPTY_SCREEN_DATA);
    expect(first.data.supervision).toEqual(summary);
    const failed = await loadScreenData(getter({ ...routes, '/api/supervision/summary': new ApiError('GET /api/supervision/summary', 500, 'boom') }), first.data);
    expect(failed.data.supervision).toBe(summary);
    expect(failed.errors).toHaveLength(1);
  });

  it('keeps the last data when the API is unreachable, and says so', async () => {
    const previous = { ...EMPTY_SCREEN_DATA, overview: overview as never, projects: [] };
    const get = getter({ '/api/plan': new TypeError('fetch failed'), '/api/progress/overview': new TypeError('fetch failed') });
    const result = await loadScreenData(get, previous);
    expect(result.failed).toBe(true);
    expect(result.data.overview).toBe(previous.overview);
    expect(result.data.projects).toBe(previous.projects);
  });

  it('does not reload the plan once it has it', async () => {
    const get = getter({ '/api/progress/overview': overview, '/api/projects': [] });
    await loadScreenData(get, { ...EMPTY_SCREEN_DATA, plan: { version: 'x' } as never });
    expect(get.calls.some((c) => c.startsWith('/api/plan'))).toBe(false);
  });
});

describe('trimPlanForScreen', () => {
  it('keeps the horizon and the regions, drops the heavy lists', async () => {
    const { trimPlanForScreen } = await import('../ui/screen/screen-data');
    const plan = { version: 'v', plan: { name: 'p' }, regions: [{ code: '140404' }], chains: [{}], departments: [{}], indicators: [{}], targets: [{}] } as never;
    const trimmed = trimPlanForScreen(plan);
    expect(trimmed.regions).toHaveLength(1);
    expect(trimmed.targets).toEqual([]);
    expect(trimmed.indicators).toEqual([]);
  });
});
