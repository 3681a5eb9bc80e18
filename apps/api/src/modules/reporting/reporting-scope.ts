/**
 * Whose reporting a request is about, shared by the rooms: the department a calendar or template
 * is for, the department a new batch belongs to, how a department is named, and today in China.
 */
import { ForbiddenException } from '@nestjs/common';
import { CHINA_UTC_OFFSET_MINUTES, reportingUnitName, reviewsDistrictWide } from '@planwatch/shared';
import { badParameter } from '../../common/validation.js';
import type { Principal } from '../auth/auth.types.js';
import type { ReportingCatalog, ReportingDepartment } from './reporting-figures.repository.js';

/** The department whose calendar or template is asked for: one's own; 统计局, 发改局, viewers and admins any. */
export function departmentFor(principal: Principal, catalog: ReportingCatalog, requested: string | undefined): ReportingDepartment {
  const code = requested ?? principal.departmentCode ?? undefined;
  if (!code) throw badParameter('department', 'department is required for an account without a department');
  const department = catalog.departments.find((d) => d.code === code);
  if (!department) throw badParameter('department', `unknown department "${code}"`);
  if (code !== principal.departmentCode && principal.role !== 'admin' && principal.role !== 'viewer' && !reviewsDistrictWide(principal)) {
    throw new ForbiddenException('只能查看本部门的填报任务');
  }
  return department;
}

/** The department a new batch belongs to: the reporter's own; an admin may name one. */
export function batchDepartment(principal: Principal, catalog: ReportingCatalog, requested: string | undefined): ReportingDepartment | null {
  if (principal.role !== 'admin') {
    if (requested && requested !== principal.departmentCode) throw new ForbiddenException('只能以本部门名义填报');
    return catalog.departments.find((d) => d.code === principal.departmentCode) ?? null;
  }
  if (!requested) return null;
  const department = catalog.departments.find((d) => d.code === requested);
  if (!department) throw badParameter('department', `unknown department "${requested}"`);
  return department;
}

/** A department as reporting pages and messages name it: 西火镇, 能源局. */
export function unitNamer(catalog: ReportingCatalog): (departmentCode: string) => string {
  const regions = new Map(catalog.regions.map((r) => [r.code, r.name]));
  const departments = new Map(catalog.departments.map((d) => [d.code, d]));
  return (code) => {
    const department = departments.get(code);
    return department ? reportingUnitName(department, (region) => regions.get(region)) : code;
  };
}

/** Today in China, YYYY-MM-DD. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}
