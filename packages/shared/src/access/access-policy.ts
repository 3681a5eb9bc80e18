/**
 * Who may write, review and read which figures. Pure: the caller passes the principal, the
 * indicator and the batch; nothing here reads a database or a clock.
 *
 * - admin: everything.
 * - reporter: the figures (indicator × region) whose 报送单位 is its department — each figure has
 *   exactly one, set in the plan file (by default a town's or zone's figure is the town's or
 *   zone's, the district's the indicator's department).
 * - reviewer: the submissions whose 审核单位 is its department (one per figure, set in the plan
 *   file; by default the indicator's department). 统计局 and 发改局 see every department's
 *   batches and tasks (报送进度), but review only their own figures.
 * - viewer (a leader): reads, never writes or reviews; may close (解除) the alerts of its own
 *   department, as its reviewers may.
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

/** The one 报送单位 and one 审核单位 of a figure. */
export interface FigureOwner {
  region: string;
  reporter: string;
  reviewer: string;
}

export interface AccessIndicator {
  code: string;
  departmentCode: string;
  /** Regions below the district the indicator is reported for. */
  regionCodes: readonly string[];
  /** Each figure it is reported for (the district when reported directly, each listed region) with its owners. */
  owners: readonly FigureOwner[];
}

export interface AccessBatch {
  departmentCode: string | null;
  /** The 审核单位 of every figure in the batch (set when it is submitted); null for a preview or an older batch. */
  reviewerDepartmentCode?: string | null;
}

/** Departments that see every department's batches and tasks, and send 催报 (统计局, 发改局). */
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

/** The owners of the figure of `indicator` for `regionCode`, or undefined when it is not reported. */
export function figureOwner(indicator: Pick<AccessIndicator, 'owners'>, regionCode: string): FigureOwner | undefined {
  return indicator.owners.find((o) => o.region === regionCode);
}

/** Whether a department is the 报送单位 of `indicator` for `regionCode` (role aside). */
export function departmentReports(department: Pick<AccessDepartment, 'code'>, indicator: Pick<AccessIndicator, 'owners'>, regionCode: string): boolean {
  return figureOwner(indicator, regionCode)?.reporter === department.code;
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
  indicator: { name: string; departmentCode: string; departmentName: string; owners: readonly FigureOwner[] },
  region: { code: string; name: string },
  ownRegionName: string,
  subject = '本账号',
  unitName: (departmentCode: string) => string = (code) => code,
): string {
  const owner = figureOwner(indicator, region.code);
  if (principal.departmentKind && principal.departmentKind !== 'bureau') {
    if (region.code !== principal.regionCode) return `无权填报"${region.name}"的数据：${subject}只能填报${ownRegionName}`;
    if (!owner) return `无权填报指标"${indicator.name}"：该指标不按${ownRegionName}分地区填报`;
  } else if (!owner) {
    if (indicator.departmentCode !== principal.departmentCode) return `无权填报指标"${indicator.name}"：该指标由${indicator.departmentName}负责`;
    return `无权填报"${region.name}"的"${indicator.name}"：该指标不按此地区填报`;
  }
  return `"${indicator.name}/${region.name}"由${unitName(owner!.reporter)}报送，${subject}不能填报`;
}

/** Reviews every department's submissions. */
export function reviewsDistrictWide(principal: AccessPrincipal): boolean {
  return principal.role === 'admin' || (principal.role === 'reviewer' && DISTRICT_WIDE_REVIEW_DEPARTMENTS.includes(principal.departmentCode ?? ''));
}

/**
 * May this caller approve or return `batch`: a reviewer of its 审核单位. A batch submitted before
 * figures had one 审核单位 each (none recorded) keeps the old rule: 统计局, 发改局 or its own department.
 */
export function canReview(principal: AccessPrincipal, batch: AccessBatch): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'reviewer' || !principal.departmentCode) return false;
  if (batch.reviewerDepartmentCode) return batch.reviewerDepartmentCode === principal.departmentCode;
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
  if (principal.role === 'admin' || principal.role === 'viewer' || reviewsDistrictWide(principal)) return true;
  if (principal.departmentCode !== null && batch.departmentCode === principal.departmentCode) return true;
  return canReview(principal, batch);
}

/** May this caller read the approved figures of `indicator` (exports): reporters their own scope, reviewers their review scope. */
export function canReadIndicator(principal: AccessPrincipal, indicator: AccessIndicator, regionCode: string): boolean {
  if (principal.role === 'admin' || principal.role === 'viewer') return true;
  if (principal.role === 'reviewer') {
    return reviewsDistrictWide(principal) || indicator.departmentCode === principal.departmentCode || figureOwner(indicator, regionCode)?.reviewer === principal.departmentCode;
  }
  return canWriteFigure(principal, indicator, regionCode);
}

/**
 * May this caller close (解除) an alert about `alert.departments`: a reviewer or a leader of a
 * department the alert concerns, or an administrator. A 填报员 may acknowledge it, not close it;
 * a leader without a department owns no alert.
 */
export function canCloseAlert(principal: AccessPrincipal, alert: { departmentCode: string | null; departments: readonly string[] }): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'reviewer' && principal.role !== 'viewer') return false;
  const own = principal.departmentCode;
  return own !== null && (alert.departmentCode === own || alert.departments.includes(own));
}
