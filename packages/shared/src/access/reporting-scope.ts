/**
 * What a department reports for a month: each indicator × region it answers for, when the
 * indicator's frequency makes that month a reporting month.
 */
import type { Frequency, Period } from '../domain/types.js';
import { addMonths, parsePeriod } from '../periods/periods.js';
import type { AccessDepartment, AccessIndicator, FigureOwner } from './access-policy.js';

export interface ScopeIndicator extends AccessIndicator {
  frequency: Frequency;
  /** January and February are reported together as 1–2月: no January figure is due. */
  janFebCombined: boolean;
}

export interface ScopeItem<I extends ScopeIndicator = ScopeIndicator> {
  indicator: I;
  regionCode: string;
  owner: FigureOwner;
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

/** The indicator × region pairs a department is the 报送单位 of for `period`, in catalogue order. */
export function reportingScope<I extends ScopeIndicator>(department: Pick<AccessDepartment, 'code'>, indicators: readonly I[], period?: Period): Array<ScopeItem<I>> {
  return figuresDue(indicators, period).filter((item) => item.owner.reporter === department.code);
}

/**
 * The figures another department reports that `department` answers for as the indicator's
 * department or the 审核单位: it sees where they stand, read-only.
 */
export function watchedFigures<I extends ScopeIndicator>(department: Pick<AccessDepartment, 'code'>, indicators: readonly I[], period?: Period): Array<ScopeItem<I>> {
  return figuresDue(indicators, period).filter(
    (item) => item.owner.reporter !== department.code && (item.owner.reviewer === department.code || item.indicator.departmentCode === department.code),
  );
}

/** Every figure due for `period` (all of them without one), with its owners, in catalogue order. */
export function figuresDue<I extends ScopeIndicator>(indicators: readonly I[], period?: Period): Array<ScopeItem<I>> {
  return indicators
    .filter((indicator) => period === undefined || isReportingMonth(indicator.frequency, period, indicator.janFebCombined))
    .flatMap((indicator) => indicator.owners.map((owner) => ({ indicator, regionCode: owner.region, owner })));
}
