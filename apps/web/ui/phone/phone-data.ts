/**
 * What the leaders' phone home shows, and how it is loaded: the orchestration is shared by the
 * server (first render) and the browser (refresh through same-origin /api), like the wall
 * screen's; the transport is passed in.
 */
import type { AlertView, OverviewResponse, PublicAlertView, SupervisionPublicSummary, SupervisionView } from '@planwatch/shared';
import { ApiError, endpoints } from '@/lib/endpoints';
import type { Getter } from '../screen/screen-data';

/** Red alerts listed, and overdue 督办 listed: the rest are a tap away on their pages. */
export const PHONE_LIST_LIMIT = 10;

export type PhoneSupervision =
  /** Signed in: the overdue 督办 the user may open. */
  | { kind: 'list'; total: number; items: SupervisionView[] }
  /** Not signed in: the public counts and the red ones' titles, as the wall screen shows them. */
  | { kind: 'summary'; summary: SupervisionPublicSummary };

export interface PhoneData {
  overview: OverviewResponse | null;
  /** Red alerts still firing (full views when signed in); null: not available. */
  alerts: { total: number; items: Array<PublicAlertView | AlertView> } | null;
  supervision: PhoneSupervision | null;
}

export const EMPTY_PHONE_DATA: PhoneData = { overview: null, alerts: null, supervision: null };

/** The full view of an alert (signed in), with the id its page needs. */
export function isFullAlert(alert: PublicAlertView | AlertView): alert is AlertView {
  return 'id' in alert;
}

/**
 * Loads everything; whatever fails keeps its previous value, so the page never empties.
 * `signedIn`: the overdue 督办 themselves (else the public summary).
 */
export async function loadPhoneData(get: Getter, previous: PhoneData, signedIn: boolean, signal?: AbortSignal): Promise<{ data: PhoneData; failed: boolean }> {
  const [overview, alerts, supervision] = await Promise.allSettled([
    get(endpoints.overview(), signal),
    get(endpoints.redAlerts(PHONE_LIST_LIMIT), signal),
    signedIn
      ? get(endpoints.overdueSupervision(PHONE_LIST_LIMIT), signal).then((list): PhoneSupervision => ({ kind: 'list', total: list.counts.overdue, items: list.items }))
      : get(endpoints.supervisionSummary(), signal).then((summary): PhoneSupervision => ({ kind: 'summary', summary })),
  ]);
  if (overview.status === 'rejected') return { data: previous, failed: true };
  /** 督办 absent (404) or not for this caller: nothing to show; any other failure keeps what was shown. */
  const absent = (reason: unknown) => reason instanceof ApiError && (reason.status === 401 || reason.status === 403 || reason.status === 404);
  return {
    data: {
      overview: overview.value,
      alerts: alerts.status === 'fulfilled' ? { total: alerts.value.total, items: alerts.value.items } : previous.alerts,
      supervision: supervision.status === 'fulfilled' ? supervision.value : absent(supervision.reason) ? null : previous.supervision,
    },
    failed: false,
  };
}
