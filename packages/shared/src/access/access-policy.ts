/**
 * Who may write, review and read which figures. Pure: the caller passes the principal, the
 * indicator and the batch; nothing here reads a database or a clock.
 *
 * - admin: everything.
 * - reporter of a bureau (局): the indicators its department owns, for the district and for
 *   any region those indicators list.
 * - reporter of a town or zone (镇/街道/园区): only its own region, for the indicators it owns
 *   and the indicators reported region by region that list its region.
 * - reviewer: 统计局 and 发改局 review every department's submissions; any other reviewer only
 *   its own department's.
 * - viewer: reads, never writes or reviews.
 */
import type { Role } from '../domain/types.js';

export type DepartmentKind = 'bureau' | 'town' | 'zone';

/** The parts of a signed-in user the policy looks at. */
export interface AccessPrincipal {
  role: Role;
  departmentCode: string | null;
  departmentKind: DepartmentKind | null;
  /** The region the department answers for: the district for a bureau, its own code for a town or zone. */
  regionCode: string | null;
}

/** A department as the reporting scope sees it. */
export interface AccessDepartment {
  code: string;
  kind: DepartmentKind;
  regionCode: string;
}

export interface AccessIndicator {
  code: string;
  departmentCode: string;
  /** Regions below the district the indicator is reported for. */
  regionCodes: readonly string[];
}

export interface AccessBatch {
  departmentCode: string | null;
}

/** Departments whose reviewers approve submissions district-wide (统计局, 发改局). */
export const DISTRICT_WIDE_REVIEW_DEPARTMENTS: readonly string[] = ['statistics', 'development_reform'];

function departmentOf(principal: AccessPrincipal): AccessDepartment | undefined {
  if (!principal.departmentCode || !principal.departmentKind || !principal.regionCode) return undefined;
  return { code: principal.departmentCode, kind: principal.departmentKind, regionCode: principal.regionCode };
}

/**
 * Whether the plan has `indicator` reported for `regionCode`: the district itself, or a region
 * the indicator lists. A figure for any other region would load and then be shown nowhere, so
 * every load path refuses it.
 */
export function planListsRegion(indicator: Pick<AccessIndicator, 'regionCodes'>, regionCode: string, districtCode: string): boolean {
  return regionCode === districtCode || indicator.regionCodes.includes(regionCode);
}

/** Whether a department is the one that reports `indicator` for `regionCode` (role aside). */
export function departmentReports(department: AccessDepartment, indicator: AccessIndicator, regionCode: string): boolean {
  if (department.kind === 'bureau') {
    return indicator.departmentCode === department.code && (regionCode === department.regionCode || indicator.regionCodes.includes(regionCode));
  }
  return regionCode === department.regionCode && (indicator.departmentCode === department.code || indicator.regionCodes.includes(regionCode));
}

/** May this caller write (upload, enter, submit) the figure of `indicator` for `regionCode`? */
export function canWriteFigure(principal: AccessPrincipal, indicator: AccessIndicator, regionCode: string): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'reporter') return false;
  const department = departmentOf(principal);
  return department !== undefined && departmentReports(department, indicator, regionCode);
}

/**
 * Why `canWriteFigure` refused, in Chinese, for the row's reject. `subject` names who is
 * refused: 本账号 for a signed-in reporter, 本部门 for a department's inbox folder.
 */
export function writeRefusalReason(
  principal: AccessPrincipal,
  indicator: { name: string; departmentCode: string; departmentName: string },
  region: { code: string; name: string },
  ownRegionName: string,
  subject = '本账号',
): string {
  if (principal.departmentKind && principal.departmentKind !== 'bureau') {
    if (region.code !== principal.regionCode) return `无权填报"${region.name}"的数据：${subject}只能填报${ownRegionName}`;
    return `无权填报指标"${indicator.name}"：该指标不按${ownRegionName}分地区填报`;
  }
  if (indicator.departmentCode !== principal.departmentCode) return `无权填报指标"${indicator.name}"：该指标由${indicator.departmentName}负责`;
  return `无权填报"${region.name}"的"${indicator.name}"：该指标不按此地区填报`;
}

/** Reviews every department's submissions. */
export function reviewsDistrictWide(principal: AccessPrincipal): boolean {
  return principal.role === 'admin' || (principal.role === 'reviewer' && DISTRICT_WIDE_REVIEW_DEPARTMENTS.includes(principal.departmentCode ?? ''));
}

/** May this caller approve or return `batch`? */
export function canReview(principal: AccessPrincipal, batch: AccessBatch): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'reviewer' || !principal.departmentCode) return false;
  if (DISTRICT_WIDE_REVIEW_DEPARTMENTS.includes(principal.departmentCode)) return true;
  return batch.departmentCode !== null && batch.departmentCode === principal.departmentCode;
}

/** May this caller submit or discard `batch` (a colleague's counts: the batch belongs to the department)? */
export function canManageBatch(principal: AccessPrincipal, batch: AccessBatch): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'reporter' && principal.departmentCode !== null && batch.departmentCode === principal.departmentCode;
}

/** May this caller see `batch` and its rows: its own department, a reviewer in scope, a viewer, an admin. */
export function canViewBatch(principal: AccessPrincipal, batch: AccessBatch): boolean {
  if (principal.role === 'admin' || principal.role === 'viewer') return true;
  if (principal.departmentCode !== null && batch.departmentCode === principal.departmentCode) return true;
  return canReview(principal, batch);
}

/** May this caller read the approved figures of `indicator` (exports): reporters their own scope, reviewers their review scope. */
export function canReadIndicator(principal: AccessPrincipal, indicator: AccessIndicator, regionCode: string): boolean {
  if (principal.role === 'admin' || principal.role === 'viewer') return true;
  if (principal.role === 'reviewer') return reviewsDistrictWide(principal) || indicator.departmentCode === principal.departmentCode;
  return canWriteFigure(principal, indicator, regionCode);
}
