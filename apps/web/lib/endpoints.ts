/**
 * The API's paths and their response types, in one place for the server (lib/api.ts) and the
 * wall screen's client-side refresh (same-origin `/api`, proxied by next.config.ts).
 */
import type {
  GroupDetail,
  IndicatorDetailResponse,
  OverviewResponse,
  Period,
  PlanResponse,
  ProjectDetailResponse,
  ProjectStage,
  ProjectView,
  RankingSummary,
  SupervisionPublicSummary,
  PublicAlertView,
} from '@planwatch/shared';

/** An alert as `GET /api/alerts` returns it to anyone, signed in or not (the wall screen's ticker). */
export type AlertView = PublicAlertView;

export interface ProjectFilters {
  chain?: string;
  region?: string;
  stage?: ProjectStage;
  stalled?: boolean;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const seg = (value: string) => encodeURIComponent(value);

/** Path (starting with /api) and, as a phantom, the type it answers with. */
export interface Endpoint<T> {
  path: string;
  /** Human name used in error messages: which endpoint failed. */
  label: string;
  readonly _type?: T;
}

export const endpoints = {
  plan: (): Endpoint<PlanResponse> => ({ path: '/api/plan', label: 'GET /api/plan' }),
  overview: (period?: Period): Endpoint<OverviewResponse> => ({
    path: withQuery('/api/progress/overview', { period }),
    label: 'GET /api/progress/overview',
  }),
  chain: (code: string, period?: Period): Endpoint<GroupDetail> => ({
    path: withQuery(`/api/progress/chains/${seg(code)}`, { period }),
    label: `GET /api/progress/chains/${code}`,
  }),
  region: (code: string, period?: Period): Endpoint<GroupDetail> => ({
    path: withQuery(`/api/progress/regions/${seg(code)}`, { period }),
    label: `GET /api/progress/regions/${code}`,
  }),
  indicator: (code: string, q: { region?: string; from?: Period; to?: Period } = {}): Endpoint<IndicatorDetailResponse> => ({
    path: withQuery(`/api/progress/indicators/${seg(code)}`, q),
    label: `GET /api/progress/indicators/${code}`,
  }),
  projects: (f: ProjectFilters = {}): Endpoint<ProjectView[]> => ({
    path: withQuery('/api/projects', { chain: f.chain, region: f.region, stage: f.stage, stalled: f.stalled }),
    label: 'GET /api/projects',
  }),
  project: (code: string): Endpoint<ProjectDetailResponse> => ({
    path: `/api/projects/${seg(code)}`,
    label: `GET /api/projects/${code}`,
  }),
  firingAlerts: (): Endpoint<AlertView[]> => ({ path: '/api/alerts?state=firing', label: 'GET /api/alerts' }),
  supervisionSummary: (): Endpoint<SupervisionPublicSummary> => ({ path: '/api/supervision/summary', label: 'GET /api/supervision/summary' }),
  rankingSummary: (): Endpoint<RankingSummary> => ({ path: '/api/ranking/summary', label: 'GET /api/ranking/summary' }),
};

/** Raised when an API call fails; the message names the endpoint. */
export class ApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(status === null ? `${endpoint} 请求失败：${detail}` : `${endpoint} 返回 ${status}：${detail}`);
    this.name = 'ApiError';
  }
}

/** Short reason from an error body (Nest sends { message }); never the whole page. */
export async function errorDetail(response: Response): Promise<string> {
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text) as { message?: unknown };
      if (typeof body.message === 'string') return body.message;
      if (Array.isArray(body.message)) return body.message.join('；');
    } catch {
      // not JSON
    }
    return text.slice(0, 200) || response.statusText;
  } catch {
    return response.statusText;
  }
}

/** Alerts normalised from whatever list shape the API sends ([] or { items }). */
export function asAlertList(body: unknown): AlertView[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)
      ? (body as { items: unknown[] }).items
      : [];
  return list.filter((a): a is AlertView => !!a && typeof a === 'object' && typeof (a as { title?: unknown }).title === 'string');
}
