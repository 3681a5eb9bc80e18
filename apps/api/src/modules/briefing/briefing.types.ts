import type { AlertType, GroupProgress, Period, ProgressStatus, ProjectsSummary, RankingSummary, Severity } from '@planwatch/shared';

/** Everything the monthly briefing (月度通报) says, computed once and rendered as HTML or XLSX. */
export interface MonthlyBriefing {
  period: Period;
  /** "2026年10月". */
  periodLabel: string;
  generatedAt: string;
  planVersion: string | null;
  sample: boolean;
  illustrativeTargets: boolean;
  headline: Array<{ name: string; sentence: string; status: ProgressStatus }>;
  /** District-level indicators by status. */
  statusCounts: Record<ProgressStatus, number>;
  chains: Array<GroupProgress & { kindLabel: string }>;
  lagging: Array<{
    code: string;
    name: string;
    chainName: string | null;
    departmentName: string;
    status: ProgressStatus;
    gapPp: number | null;
    completionPct: number | null;
    dataAsOf: Period | null;
    sentence: string;
  }>;
  lateDepartments: Array<{ name: string; expectedPeriod: Period; indicators: string[] }>;
  projects: ProjectsSummary;
  stalledProjects: Array<{ code: string; name: string; regionName: string; chainName: string | null; stage: string; reason: string; lastProgress: Period | null }>;
  alerts: Array<{ type: AlertType; typeLabel: string; severity: Severity; count: number }>;
  /** 督办 opened and closed in the month, and the ones overdue when the briefing was made. */
  supervision: { opened: number; closed: number; closedOnTime: number; overdue: Array<{ title: string; departmentName: string; deadline: string }> };
  /** The month's 红榜 and 黑榜. */
  ranking: RankingSummary['groups'];
}
