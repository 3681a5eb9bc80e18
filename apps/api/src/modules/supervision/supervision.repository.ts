import { Inject, Injectable } from '@nestjs/common';
import type {
  ChannelDefinition,
  NotificationDraft,
  SupervisionPayload,
  SupervisionReply,
  SupervisionState,
  SupervisionStepKind,
  SupervisionStepView,
  SupervisionSubject,
  SupervisionView,
} from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository.js';
import { departmentMobilesSql } from '../auth/users.repository.js';
import { ChannelsRepository } from '../notifications/channels.repository.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';

type Timestamps = 'openedAt' | 'signedAt' | 'lastReplyAt' | 'closedAt' | 'alertResolvedAt';

/** A stored 督办 as served, with its times as dates; colour and overdue are the service's to compute. */
export type SupervisionRecord = Omit<SupervisionView, 'colour' | 'overdue' | Timestamps> & {
  openedAt: Date;
  signedAt: Date | null;
  firstReplyAt: Date | null;
  lastReplyAt: Date | null;
  closedAt: Date | null;
  alertResolvedAt: Date | null;
  /** Reminder / escalation already sent. */
  reminded: boolean;
  escalated: boolean;
};

export interface NewSupervision {
  title: string;
  subject: SupervisionSubject;
  subjectLabel: string;
  request: string;
  departmentCode: string;
  informed: string[];
  alertId: string | null;
  workingDays: number;
  deadline: string;
  deadlineEstimated: boolean;
  /** A person, or the code of the alert rule whose setting opened it. */
  openedBy: { userId: string } | { ruleCode: string };
  openedAt: Date;
}

export interface NewStep {
  supervisionId: string;
  kind: SupervisionStepKind;
  at: Date;
  userId: string | null;
  stateBefore: SupervisionState | null;
  stateAfter: SupervisionState | null;
  comment?: string | null;
  reply?: SupervisionReply | null;
}

export interface StoredAttachment {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/** What an alert offers a 督办 opened from it, with its rule's 督办 settings. */
export interface AlertForSupervision {
  id: string;
  ruleCode: string;
  title: string;
  message: string;
  state: string;
  severity: string;
  firedAt: Date;
  departmentCode: string | null;
  departments: string[];
  superviseRedAfterDays: number | null;
  superviseWorkingDays: number | null;
}

const RECORD = `
  s.id::text AS id, s.title, s.subject, s.subject_label AS "subjectLabel", s.request, s.department_code AS "departmentCode",
  d.name AS "departmentName", s.informed, s.state, s.working_days AS "workingDays", to_char(s.deadline, 'YYYY-MM-DD') AS deadline,
  s.deadline_estimated AS "deadlineEstimated", s.opened_at AS "openedAt",
  COALESCE(u.display_name, '系统（预警规则' || s.opened_by_rule || '）') AS "openedByName", s.signed_at AS "signedAt",
  s.first_reply_at AS "firstReplyAt", s.last_reply_at AS "lastReplyAt", s.closed_at AS "closedAt", s.alert_id::text AS "alertId",
  (SELECT st.at FROM supervision_steps st WHERE st.supervision_id = s.id AND st.kind = 'alert_resolved') AS "alertResolvedAt",
  s.is_sample AS sample,
  EXISTS (SELECT 1 FROM supervision_steps st WHERE st.supervision_id = s.id AND st.kind = 'reminded') AS reminded,
  EXISTS (SELECT 1 FROM supervision_steps st WHERE st.supervision_id = s.id AND st.kind = 'escalated') AS escalated`;
const FROM = `FROM supervisions s JOIN departments d ON d.code = s.department_code LEFT JOIN users u ON u.id = s.opened_by`;

const ALERT = `
  a.id::text AS id, a.rule_code AS "ruleCode", a.title, a.message, a.state, a.severity, a.fired_at AS "firedAt",
  a.department_code AS "departmentCode", a.departments,
  (r.params->>'superviseRedAfterDays')::int AS "superviseRedAfterDays", (r.params->>'superviseWorkingDays')::int AS "superviseWorkingDays"
  FROM alerts a JOIN alert_rules r ON r.code = a.rule_code`;

/** The writes of one 督办 step, in one transaction: the row locked, its timeline, the audit and the outbox. */
export class SupervisionUnitOfWork {
  constructor(
    private readonly tx: EntityManager,
    private readonly notifications: NotificationsRepository,
    private readonly channels: ChannelsRepository,
    private readonly auditLog: AuditRepository,
  ) {}

  /** The 督办, locked until the transaction ends, so two steps on it never interleave. */
  async lock(id: string): Promise<SupervisionRecord | null> {
    const rows: SupervisionRecord[] = await this.tx.query(`SELECT ${RECORD} ${FROM} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
    return rows[0] ?? null;
  }

  /** Inserts a new 督办; null when a rule already opened one for the same alert. */
  async insert(s: NewSupervision): Promise<string | null> {
    const rows = (await this.tx.query(
      `INSERT INTO supervisions (title, subject, subject_label, request, department_code, informed, alert_id, state, working_days, deadline,
                                 deadline_estimated, opened_by, opened_by_rule, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13)
       ON CONFLICT (alert_id) WHERE opened_by_rule IS NOT NULL DO NOTHING
       RETURNING id::text AS id`,
      [s.title, JSON.stringify(s.subject), s.subjectLabel, s.request, s.departmentCode, s.informed, s.alertId, s.workingDays, s.deadline,
        s.deadlineEstimated, 'userId' in s.openedBy ? s.openedBy.userId : null, 'ruleCode' in s.openedBy ? s.openedBy.ruleCode : null, s.openedAt],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /** Moves the 督办 to `state`, stamping the time the step belongs to. */
  async setState(id: string, state: SupervisionState, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE supervisions SET state = $2,
              signed_at = CASE WHEN $2 = 'signed' THEN $3 ELSE signed_at END,
              first_reply_at = CASE WHEN $2 = 'replied' THEN COALESCE(first_reply_at, $3) ELSE first_reply_at END,
              last_reply_at = CASE WHEN $2 = 'replied' THEN $3 ELSE last_reply_at END,
              closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END
        WHERE id = $1`,
      [id, state, at],
    );
  }

  /** Adds a step to the timeline; null when a once-only step (reminder, escalation…) is already there. */
  async addStep(step: NewStep): Promise<string | null> {
    const rows = (await this.tx.query(
      `INSERT INTO supervision_steps (supervision_id, kind, at, user_id, state_before, state_after, comment, reply)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (supervision_id, kind) WHERE kind IN ('opened','reminded','escalated','alert_resolved') DO NOTHING
       RETURNING id::text AS id`,
      [step.supervisionId, step.kind, step.at, step.userId, step.stateBefore, step.stateAfter, step.comment ?? null, step.reply ? JSON.stringify(step.reply) : null],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /** Keeps an attached file (content-addressed, like uploads) and links it to the step. */
  async attach(stepId: string, file: StoredAttachment): Promise<void> {
    await this.tx.query(
      `INSERT INTO stored_files (sha256, size, content_type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [file.sha256, file.bytes.length, file.contentType, file.bytes],
    );
    await this.tx.query(`INSERT INTO supervision_attachments (step_id, file_name, sha256, size, content_type) VALUES ($1, $2, $3, $4, $5)`, [
      stepId,
      file.fileName,
      file.sha256,
      file.bytes.length,
      file.contentType,
    ]);
  }

  channelDefinitions(): Promise<ChannelDefinition[]> {
    return this.channels.definitions(this.tx);
  }

  /** Mobiles to @-mention: whoever signed for the department, else its reporters and reviewers with a number. */
  async mentionMobiles(supervisionId: string, departmentCode: string): Promise<string[]> {
    const rows: Array<{ mobile: string }> = await this.tx.query(
      `WITH signer AS (
         SELECT u.mobile FROM supervision_steps st JOIN users u ON u.id = st.user_id
          WHERE st.supervision_id = $1 AND st.kind = 'signed' AND u.mobile IS NOT NULL AND u.active
          ORDER BY st.at DESC LIMIT 1)
       SELECT mobile FROM signer
       UNION ALL
       SELECT mobile FROM (${departmentMobilesSql('$2')}) department WHERE NOT EXISTS (SELECT 1 FROM signer)`,
      [supervisionId, departmentCode],
    );
    return rows.map((r) => r.mobile).sort();
  }

  enqueue(supervisionId: string, payload: SupervisionPayload, drafts: readonly NotificationDraft[]): Promise<number> {
    return this.notifications.enqueue({ supervisionId, payload }, drafts, this.tx);
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.auditLog.record(entry, this.tx);
  }
}

export interface SupervisionFilter {
  department?: string;
  states?: SupervisionState[];
}

/** 督办 storage: the only place that speaks SQL about them. */
@Injectable()
export class SupervisionRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(ChannelsRepository) private readonly channels: ChannelsRepository,
    @Inject(AuditRepository) private readonly auditLog: AuditRepository,
  ) {}

  unitOfWork<T>(work: (uow: SupervisionUnitOfWork) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new SupervisionUnitOfWork(tx, this.notifications, this.channels, this.auditLog)));
  }

  /** Every 督办 in the scope, newest first (a county has hundreds, not millions: colour filters run in the service). */
  async find(filter: SupervisionFilter): Promise<SupervisionRecord[]> {
    return this.db.query(
      `SELECT ${RECORD} ${FROM}
        WHERE ($1::text IS NULL OR s.department_code = $1) AND ($2::text[] IS NULL OR s.state = ANY($2))
        ORDER BY s.opened_at DESC, s.id DESC`,
      [filter.department ?? null, filter.states ?? null],
    );
  }

  async findOne(id: string): Promise<SupervisionRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: SupervisionRecord[] = await this.db.query(`SELECT ${RECORD} ${FROM} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The ones still owing a reply, for reminders and escalations. */
  async awaitingReply(): Promise<SupervisionRecord[]> {
    return this.db.query(`SELECT ${RECORD} ${FROM} WHERE s.state IN ('open','signed','returned') ORDER BY s.id`);
  }

  /** Open 督办 whose alert has resolved since, without the timeline saying so yet. */
  async withAlertNewlyResolved(): Promise<Array<{ id: string; resolvedAt: Date }>> {
    return this.db.query(
      `SELECT s.id::text AS id, a.resolved_at AS "resolvedAt" FROM supervisions s JOIN alerts a ON a.id = s.alert_id
        WHERE s.state <> 'closed' AND a.state = 'resolved'
          AND NOT EXISTS (SELECT 1 FROM supervision_steps st WHERE st.supervision_id = s.id AND st.kind = 'alert_resolved')`,
    );
  }

  async steps(supervisionId: string): Promise<SupervisionStepView[]> {
    const rows: Array<Omit<SupervisionStepView, 'at'> & { at: Date }> = await this.db.query(
      `SELECT st.id::text AS id, st.kind, st.at, u.display_name AS "userName", st.state_before AS "stateBefore", st.state_after AS "stateAfter",
              st.comment, st.reply,
              COALESCE((SELECT json_agg(json_build_object('id', a.id::text, 'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size) ORDER BY a.id)
                          FROM supervision_attachments a WHERE a.step_id = st.id), '[]') AS attachments
         FROM supervision_steps st LEFT JOIN users u ON u.id = st.user_id
        WHERE st.supervision_id = $1 ORDER BY st.at, st.id`,
      [supervisionId],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }

  async attachment(id: string): Promise<{ supervisionId: string; fileName: string; contentType: string; bytes: Buffer } | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: Array<{ supervisionId: string; fileName: string; contentType: string; bytes: Buffer }> = await this.db.query(
      `SELECT st.supervision_id::text AS "supervisionId", a.file_name AS "fileName", a.content_type AS "contentType", f.bytes
         FROM supervision_attachments a JOIN supervision_steps st ON st.id = a.step_id JOIN stored_files f ON f.sha256 = a.sha256
        WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async alert(id: string): Promise<AlertForSupervision | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: AlertForSupervision[] = await this.db.query(`SELECT ${ALERT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Firing red alerts of rules that open 督办 by themselves, without a 督办 yet. */
  async alertsForAutomaticSupervision(): Promise<AlertForSupervision[]> {
    return this.db.query(
      `SELECT ${ALERT}
        WHERE r.enabled AND a.state = 'firing' AND a.severity = 'red' AND r.params ? 'superviseRedAfterDays'
          AND NOT EXISTS (SELECT 1 FROM supervisions s WHERE s.alert_id = a.id)
        ORDER BY a.id`,
    );
  }

  /** The words for a subject opened by hand, and the department that owns it; null when a code is unknown. */
  async describeSubject(subject: SupervisionSubject): Promise<{ label: string; ownerDepartment: string | null } | null> {
    let rows: Array<{ label: string; ownerDepartment: string | null }> = [];
    switch (subject.kind) {
      case 'indicator':
        rows = await this.db.query(
          `SELECT i.name || '（' || r.name || '）' AS label,
                  COALESCE((SELECT d.code FROM departments d WHERE d.region_code = r.code AND d.kind <> 'bureau' LIMIT 1), i.department_code) AS "ownerDepartment"
             FROM indicators i, regions r WHERE i.code = $1 AND r.code = $2`,
          [subject.indicatorCode, subject.regionCode],
        );
        break;
      case 'region':
        rows = await this.db.query(
          `SELECT r.name AS label, (SELECT d.code FROM departments d WHERE d.region_code = r.code AND d.kind <> 'bureau' LIMIT 1) AS "ownerDepartment"
             FROM regions r WHERE r.code = $1`,
          [subject.regionCode],
        );
        break;
      case 'project':
        rows = await this.db.query(`SELECT name AS label, NULL AS "ownerDepartment" FROM projects WHERE code = $1`, [subject.projectCode]);
        break;
      case 'alert':
        return null;
    }
    return rows[0] ?? null;
  }

  /** The departments among `codes` that exist. */
  async knownDepartments(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows: Array<{ code: string }> = await this.db.query(`SELECT code FROM departments WHERE code = ANY($1)`, [codes]);
    return rows.map((r) => r.code);
  }

  async userDisplayName(userId: string): Promise<string> {
    const rows: Array<{ name: string }> = await this.db.query(`SELECT display_name AS name FROM users WHERE id = $1`, [userId]);
    return rows[0]?.name ?? '';
  }
}
