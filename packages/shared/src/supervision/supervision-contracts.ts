/** The JSON the 督办 endpoints serve. Times are ISO-8601 strings, dates YYYY-MM-DD. */
import type { SupervisionColour, SupervisionReply, SupervisionState, SupervisionStepKind, SupervisionSubject } from './supervision.types.js';

export interface SupervisionAttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface SupervisionStepView {
  id: string;
  kind: SupervisionStepKind;
  at: string;
  /** Who took the step; null for what the system did. */
  userName: string | null;
  stateBefore: SupervisionState | null;
  stateAfter: SupervisionState | null;
  comment: string | null;
  reply: SupervisionReply | null;
  attachments: SupervisionAttachmentView[];
}

export interface SupervisionView {
  id: string;
  title: string;
  subject: SupervisionSubject;
  /** The subject in words, e.g. 原煤产量（上党区）. */
  subjectLabel: string;
  request: string;
  departmentCode: string;
  departmentName: string;
  informed: string[];
  state: SupervisionState;
  /** 蓝 / 黄 / 红 now; null once closed. */
  colour: SupervisionColour | null;
  overdue: boolean;
  deadline: string;
  workingDays: number;
  /** Counted Monday–Friday: the year's holidays were not published when it was opened. */
  deadlineEstimated: boolean;
  openedAt: string;
  openedByName: string;
  signedAt: string | null;
  lastReplyAt: string | null;
  closedAt: string | null;
  alertId: string | null;
  /** The alert it was opened from resolved by itself: shown, but the 督办 still needs 办结. */
  alertResolvedAt: string | null;
  sample: boolean;
}

export interface SupervisionDetail extends SupervisionView {
  steps: SupervisionStepView[];
  /** What the caller may do now. */
  allowed: Array<'sign' | 'reply' | 'return' | 'close'>;
}

export interface SupervisionListResponse {
  total: number;
  counts: { open: number; signed: number; replied: number; returned: number; closed: number; blue: number; yellow: number; red: number; overdue: number };
  items: SupervisionView[];
}

/** What the unattended wall screen may show: counts and the red items' titles only. */
export interface SupervisionPublicSummary {
  asOf: string;
  /** Not yet closed. */
  open: number;
  overdue: number;
  closedThisMonth: number;
  red: Array<{ title: string; departmentName: string; deadline: string }>;
}
