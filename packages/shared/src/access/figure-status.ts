/** How a figure's owners are named and where it stands, in the words other departments read (read-only). */
import type { TaskStatus } from '../api/reporting.js';
import type { DepartmentKind } from './access-policy.js';

/**
 * A department as the reporting pages name it: a town or zone by its place (西火镇), a bureau by
 * its name (能源局) — "西火镇已报，待能源局审核" reads better than the town government's full name.
 */
export function reportingUnitName(department: { kind: DepartmentKind; name: string; regionCode: string }, regionName: (code: string) => string | undefined): string {
  return department.kind === 'bureau' ? department.name : (regionName(department.regionCode) ?? department.name);
}

/** Where a figure stands, for a department that only watches it: never a batch number, never an error. */
export function figureStatusText(status: TaskStatus, owners: { reporter: string; reviewer: string }): string {
  switch (status) {
    case 'submitted':
      return `${owners.reporter}已报，待${owners.reviewer}审核`;
    case 'approved':
      return `${owners.reporter}已报，${owners.reviewer}已审核通过`;
    case 'returned':
      return `${owners.reviewer}已退回，待${owners.reporter}修改后重报`;
    case 'late':
      return `${owners.reporter}逾期未报`;
    case 'draft':
    case 'due':
      return `待${owners.reporter}报送`;
  }
}
