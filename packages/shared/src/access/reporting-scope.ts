/**
 * What a department reports for a month: each indicator × region it answers for, when the
 * indicator's frequency makes that month a reporting month.
 */
import type { Frequency, Period } from '../domain/types.js';
import { addMonths, parsePeriod } from '../periods/periods.js';
import { departmentReports, type AccessDepartment, type AccessIndicator } from './access-policy.js';

export interface ScopeIndicator extends AccessIndicator {
  frequency: Frequency;
  /** The district figure is reported (not only the sum of the regions). */
  districtReported: boolean;
  /** January and February are reported together as 1–2月: no January figure is due. */
  janFebCombined: boolean;
}

export interface ScopeItem<I extends ScopeIndicator = ScopeIndicator> {
  indicator: I;
  regionCode: string;
}

/** Whether a figure of this frequency is due for `period`: every month, quarter ends, or December. */
export function isReportingMonth(frequency: Frequency, period: Period, janFebCombined = false): boolean {
  const { month } = parsePeriod(period);
  if (frequency === 'quarterly') return month % 3 === 0;
  if (frequency === 'annual') return month === 12;
  return !(janFebCombined && month === 1);
}

/** The previous reporting period of the same frequency: last month, last quarter or last year. */
export function previousReportingPeriod(frequency: Frequency, period: Period): Period {
  return addMonths(period, frequency === 'quarterly' ? -3 : frequency === 'annual' ? -12 : -1);
}

/**
 * The indicator × region pairs a department reports for `period`, in catalogue order. A bureau
 * reports the district figure (when the indicator is reported at district level) and each
 * region its indicators list; a town or zone its own region for every indicator that lists it.
 */
export function reportingScope<I extends ScopeIndicator>(department: AccessDepartment, indicators: readonly I[], districtCode: string, period?: Period): Array<ScopeItem<I>> {
  const items: Array<ScopeItem<I>> = [];
  for (const indicator of indicators) {
    if (period !== undefined && !isReportingMonth(indicator.frequency, period, indicator.janFebCombined)) continue;
    const regions = [...(indicator.districtReported || indicator.regionCodes.length === 0 ? [districtCode] : []), ...indicator.regionCodes];
    for (const regionCode of regions) {
      if (departmentReports(department, indicator, regionCode)) items.push({ indicator, regionCode });
    }
  }
  return items;
}
