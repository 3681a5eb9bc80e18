/**
 * Response shapes of the users and departments endpoints (apps/api users.repository.ts,
 * departments.service.ts); the reporting and history shapes come from @planwatch/shared.
 */
import type { BatchRecord, PreviewReport, Role } from '@planwatch/shared';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  mobile: string | null;
}

export interface DepartmentView {
  code: string;
  name: string;
  kind: 'bureau' | 'town' | 'zone';
  regionCode: string;
  regionName: string;
  regionKind: string;
  users: number;
  indicators: number;
}

/** A batch's preview report, or null for batches without one (sample data, old batches). */
export function previewOf(batch: BatchRecord): PreviewReport | null {
  const report = batch.report;
  return report && 'rows' in report && Array.isArray(report.rows) ? report : null;
}
