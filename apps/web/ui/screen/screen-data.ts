/**
 * What the wall screen shows, and how it is loaded. The orchestration is shared by the server
 * (first render) and the browser (refresh through same-origin /api); the transport is passed in.
 */
import type { IndicatorDetailResponse, OverviewResponse, Period, PlanResponse, ProjectView, RankingSummary, SupervisionPublicSummary } from '@planwatch/shared';
import { ApiError, asAlertList, endpoints, type AlertView, type Endpoint } from '@/lib/endpoints';

export interface ScreenData {
  plan: PlanResponse | null;
  overview: OverviewResponse | null;
  /** Detail of each headline indicator (code → detail), from January last year to the period. */
  details: Record<string, IndicatorDetailResponse>;
  projects: ProjectView[] | null;
  /** What the ticker shows of each firing alert; null: the alerts service is not available (yet). */
  alerts: ScreenAlert[] | null;
  /** 督办 counts and the red ones' titles; null: not available. */
  supervision: SupervisionPublicSummary | null;
  /** Last month's 红榜 and 黑榜; null: not available. */
  ranking: RankingSummary | null;
}

/** The ticker's part of an alert: the rest of each view (about 100 on the sample) would only weigh down every page load and refresh. */
export type ScreenAlert = Pick<AlertView, 'title' | 'severity'>;

export const EMPTY_SCREEN_DATA: ScreenData = { plan: null, overview: null, details: {}, projects: null, alerts: null, supervision: null, ranking: null };

/**
 * The screen needs the plan's horizon and regions only; the indicator, target and chain lists
 * (most of the plan's weight) are dropped before the plan is handed to the browser.
 */
export function trimPlanForScreen(plan: PlanResponse): PlanResponse {
  return { version: plan.version, plan: plan.plan, sources: [], regions: plan.regions, chains: [], departments: [], indicators: [], targets: [], published: [] };
}

export type Getter = <T>(endpoint: Endpoint<T>, signal?: AbortSignal) => Promise<T>;

/** The range for trends: January of last year to the period (so months compare with last year). */
export function trendRange(period: Period): { from: Period; to: Period } {
  const year = Number(period.slice(0, 4));
  return { from: `${year - 1}-01` as Period, to: period };
}

export interface LoadResult {
  data: ScreenData;
  /** The overview (the screen's core) could not be loaded: the data shown is stale. */
  failed: boolean;
  errors: string[];
}

/**
 * Loads everything; whatever fails keeps its previous value, so the screen never empties.
 * The plan is loaded only once (it changes with a new plan version, i.e. a reload).
 */
export async function loadScreenData(get: Getter, previous: ScreenData, signal?: AbortSignal): Promise<LoadResult> {
  const errors: string[] = [];
  const note = (e: unknown) => errors.push(e instanceof Error ? e.message : String(e));

  const [planResult, overviewResult] = await Promise.allSettled([
    previous.plan ? Promise.resolve(previous.plan) : get(endpoints.plan(), signal),
    get(endpoints.overview(), signal),
  ]);
  const plan = planResult.status === 'fulfilled' ? trimPlanForScreen(planResult.value) : (note(planResult.reason), previous.plan);
  if (overviewResult.status === 'rejected') {
    note(overviewResult.reason);
    return { data: { ...previous, plan }, failed: true, errors };
  }
  const overview = overviewResult.value;
  const range = trendRange(overview.period);

  const [detailResults, projectsResult, alertsResult, supervisionResult, rankingResult] = await Promise.all([
    Promise.allSettled(overview.headline.map((h) => get(endpoints.indicator(h.code, range), signal))),
    Promise.allSettled([get(endpoints.projects(), signal)]),
    Promise.allSettled([get<unknown>(endpoints.firingAlerts(), signal)]),
    Promise.allSettled([get(endpoints.supervisionSummary(), signal)]),
    Promise.allSettled([get(endpoints.rankingSummary(), signal)]),
  ]);

  const details: Record<string, IndicatorDetailResponse> = {};
  overview.headline.forEach((h, i) => {
    const r = detailResults[i]!;
    if (r.status === 'fulfilled') details[h.code] = r.value;
    else {
      note(r.reason);
      if (previous.details[h.code]) details[h.code] = previous.details[h.code]!;
    }
  });
  const projects = projectsResult[0]!.status === 'fulfilled' ? projectsResult[0]!.value : (note(projectsResult[0]!.reason), previous.projects);
  /** An optional service: absent (404, or not public) is null, a failure keeps what was shown. */
  const optional = <T, R>(result: PromiseSettledResult<T>, use: (value: T) => R, previousValue: R | null): R | null => {
    if (result.status === 'fulfilled') return use(result.value);
    if (result.reason instanceof ApiError && (result.reason.status === 404 || result.reason.status === 401 || result.reason.status === 403)) return null;
    note(result.reason);
    return previousValue;
  };
  const alerts = optional(alertsResult[0]!, (body) => asAlertList(body).map(({ title, severity }): ScreenAlert => ({ title, severity })), previous.alerts);
  const supervision = optional(supervisionResult[0]!, (summary) => summary, previous.supervision);
  const ranking = optional(rankingResult[0]!, (summary) => summary, previous.ranking);

  return { data: { plan, overview, details, projects, alerts, supervision, ranking }, failed: false, errors };
}
