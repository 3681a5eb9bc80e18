/**
 * The reference data alert evaluation needs to name things and find owners, and the scope
 * test every rule type shares.
 */
import type { Direction, Frequency, IndicatorKind, Period } from '../domain/types.js';
import type { AlertRuleScope, AlertSubject } from './alert.types.js';

export interface AlertCatalogIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  frequency: Frequency;
  direction: Direction;
  chainCode: string | null;
  departmentCode: string;
  nonNegative: boolean;
  deadlineDay: number;
  /** Published for January and February together (1–2月): January is never due on its own. */
  janFebCombined: boolean;
  regionCodes: string[];
}

export interface AlertCatalog {
  districtCode: string;
  regions: ReadonlyMap<string, { code: string; name: string; kind: string }>;
  departments: ReadonlyMap<string, { code: string; name: string; kind: string; regionCode: string }>;
  chains: ReadonlyMap<string, { code: string; name: string }>;
  indicators: ReadonlyMap<string, AlertCatalogIndicator>;
}

/** Key projects answer to 发改局 (DOMAIN.md: 发改局 reports key projects and investment). */
export const PROJECT_OWNER_DEPARTMENT = 'development_reform';

export function buildAlertCatalog(input: {
  regions: Array<{ code: string; name: string; kind: string }>;
  departments: Array<{ code: string; name: string; kind: string; regionCode: string }>;
  chains: Array<{ code: string; name: string }>;
  indicators: AlertCatalogIndicator[];
}): AlertCatalog {
  return {
    districtCode: input.regions.find((r) => r.kind === 'district')?.code ?? '140404',
    regions: new Map(input.regions.map((r) => [r.code, r])),
    departments: new Map(input.departments.map((d) => [d.code, d])),
    chains: new Map(input.chains.map((c) => [c.code, c])),
    indicators: new Map(input.indicators.map((i) => [i.code, i])),
  };
}

export function regionName(catalog: AlertCatalog, code: string): string {
  return catalog.regions.get(code)?.name ?? code;
}

export function departmentName(catalog: AlertCatalog, code: string): string {
  return catalog.departments.get(code)?.name ?? code;
}

/** The town or zone government answering for a region (none for the district or a park). */
export function regionDepartment(catalog: AlertCatalog, regionCode: string): string | null {
  if (regionCode === catalog.districtCode) return null;
  for (const d of catalog.departments.values()) if (d.kind !== 'bureau' && d.regionCode === regionCode) return d.code;
  return null;
}

/** Owner first (the indicator's department), then the town whose figure it is. */
export function indicatorOwners(catalog: AlertCatalog, indicatorDepartment: string, regionCode: string): string[] {
  const town = regionDepartment(catalog, regionCode);
  return town && town !== indicatorDepartment ? [indicatorDepartment, town] : [indicatorDepartment];
}

/** Whether a subject falls inside a rule's scope; an empty list does not restrict. */
export function inScope(
  scope: AlertRuleScope,
  facts: { chainCode?: string | null; indicatorCode?: string | null; regionCode?: string | null; departments: readonly string[] },
): boolean {
  const allows = (list: string[], value: string | null | undefined) => list.length === 0 || (value != null && list.includes(value));
  return (
    allows(scope.chains, facts.chainCode) &&
    allows(scope.indicators, facts.indicatorCode) &&
    allows(scope.regions, facts.regionCode) &&
    (scope.departments.length === 0 || facts.departments.some((d) => scope.departments.includes(d)))
  );
}

/** The subject's part of the fingerprint: stable, ascii, independent of names and periods. */
export function subjectKey(subject: AlertSubject): string {
  switch (subject.kind) {
    case 'indicator':
      return `indicator:${subject.indicatorCode}@${subject.regionCode}`;
    case 'department':
      return `department:${subject.departmentCode}`;
    case 'project':
      return `project:${subject.projectCode}`;
  }
}

/** One alert per rule and subject: `rule:subject`. */
export function alertFingerprint(ruleCode: string, subject: AlertSubject): string {
  return `${ruleCode}:${subjectKey(subject)}`;
}

/** "2026年10月". */
export function periodLabel(period: Period): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}
