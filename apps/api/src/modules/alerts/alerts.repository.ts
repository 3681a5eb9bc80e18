import { Inject, Injectable } from '@nestjs/common';
import {
  buildAlertCatalog,
  type AlertCandidate,
  type AlertCatalog,
  type AlertCatalogIndicator,
  type AlertListResponse,
  type AlertRule,
  type AlertSnapshot,
  type AlertState,
  type AlertType,
  type AlertView,
  type BriefingOpenAlert,
  type ChannelDefinition,
  type NotificationDraft,
  type Period,
  type PublicAlertView,
  type SeriesFigure,
  type Severity,
  type Silence,
  type SilenceView,
} from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository.js';
import { ChannelsRepository } from '../notifications/channels.repository.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';

/** Both numbers of pg_try_advisory_xact_lock(int, int): this namespace, and the rule. */
const LOCK_NAMESPACE = 'planwatch.alerts';

export interface StoredRule {
  rule: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface AlertFilter {
  states?: AlertState[];
  severity?: Severity;
  /** Alerts this department owns or is told of. */
  department?: string;
  rule?: string;
  type?: AlertType;
  period?: Period;
  limit: number;
  offset: number;
}

export interface SilenceInput {
  ruleCode: string | null;
  fingerprint: string | null;
  departmentCode: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string;
}

export interface RunRecord {
  id: string;
  job: string;
  tickKey: string | null;
  trigger: string;
  status: string;
  host: string | null;
  pid: number | null;
  startedAt: string;
  finishedAt: string | null;
  summary: unknown;
  error: string | null;
}

const SNAPSHOT = `a.id::text AS id, a.fingerprint, a.rule_code AS "ruleCode", a.state, a.severity, a.department_code AS "departmentCode",
  a.departments, a.notified_severity AS "notifiedSeverity", a.last_notified_at AS "lastNotifiedAt", a.event_seq AS "eventSeq",
  a.title, a.message, a.period, a.fired_at AS "firedAt"`;

const VIEW = `a.id::text AS id, a.rule_code AS "ruleCode", r.name AS "ruleName", r.type, a.fingerprint, a.subject, a.severity, a.state,
  a.condition, a.period, a.department_code AS "departmentCode", d.name AS "departmentName", a.departments, a.title, a.message, a.details,
  a.is_sample AS sample, a.fired_at AS "firedAt", a.last_evaluated_at AS "lastEvaluatedAt", a.last_notified_at AS "lastNotifiedAt",
  a.acknowledged_at AS "acknowledgedAt", ua.username AS "acknowledgedBy", a.ack_comment AS "ackComment", a.resolved_at AS "resolvedAt",
  ur.username AS "resolvedBy", a.resolve_comment AS "resolveComment"`;

/** What anonymous callers see (no users, comments or departments): PublicAlertView. */
const PUBLIC_VIEW = `a.title, a.severity, a.subject, a.state`;

const VIEW_FROM = `alerts a JOIN alert_rules r ON r.code = a.rule_code LEFT JOIN departments d ON d.code = a.department_code
  LEFT JOIN users ua ON ua.id = a.acknowledged_by LEFT JOIN users ur ON ur.id = a.resolved_by`;

const TIMES = ['firedAt', 'lastEvaluatedAt', 'lastNotifiedAt', 'acknowledgedAt', 'resolvedAt'] as const;

function toView(row: Record<string, unknown>): AlertView {
  const out = { ...row } as Record<string, unknown>;
  for (const key of TIMES) out[key] = row[key] instanceof Date ? (row[key] as Date).toISOString() : (row[key] ?? null);
  return out as unknown as AlertView;
}

function toSilence(row: Record<string, unknown>): Silence & { createdBy: string | null; createdAt: Date } {
  return row as unknown as Silence & { createdBy: string | null; createdAt: Date };
}

/**
 * Everything one evaluation (or one manual transition) writes, inside one transaction that holds
 * the rule's advisory lock: alerts, their outbox rows, the run record, the audit trail.
 */
export class AlertsUnitOfWork {
  constructor(
    private readonly tx: EntityManager,
    private readonly notifications: NotificationsRepository,
    private readonly channelsRepository: ChannelsRepository,
    private readonly auditRepository: AuditRepository,
  ) {}

  /**
   * Records the start of a run. With a tick key, at most one run per job and tick ever exists:
   * returns null when another process already ran (or is running) this tick.
   */
  async startRun(job: string, tickKey: string | null, trigger: 'schedule' | 'event' | 'api', host: string, pid: number): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.tx.query(
      `INSERT INTO job_runs (job, tick_key, trigger, status, host, pid) VALUES ($1, $2, $3, 'running', $4, $5)
       ON CONFLICT (job, tick_key) WHERE tick_key IS NOT NULL DO NOTHING RETURNING id::text AS id`,
      [job, tickKey, trigger, host, pid],
    );
    return rows[0]?.id ?? null;
  }

  async finishRun(id: string, summary: unknown): Promise<void> {
    await this.tx.query(`UPDATE job_runs SET status = 'succeeded', finished_at = now(), summary = $2 WHERE id = $1`, [id, JSON.stringify(summary)]);
  }

  /** Every alert of the rule, any state, locked for this transaction. */
  async alertsOfRule(ruleCode: string): Promise<AlertSnapshot[]> {
    return this.tx.query(`SELECT ${SNAPSHOT} FROM alerts a WHERE a.rule_code = $1 ORDER BY a.id FOR UPDATE`, [ruleCode]);
  }

  async alertForUpdate(id: string): Promise<(AlertSnapshot & { type: AlertType; ruleName: string }) | null> {
    const rows = await this.tx.query(
      `SELECT ${SNAPSHOT}, r.type, r.name AS "ruleName" FROM alerts a JOIN alert_rules r ON r.code = a.rule_code WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    return rows[0] ?? null;
  }

  async activeSilences(at: Date): Promise<Silence[]> {
    return this.tx.query(
      `SELECT id::text AS id, rule_code AS "ruleCode", fingerprint, department_code AS "departmentCode", starts_at AS "startsAt", ends_at AS "endsAt", reason
         FROM alert_silences WHERE starts_at <= $1 AND ends_at > $1`,
      [at],
    );
  }

  channels(): Promise<ChannelDefinition[]> {
    return this.channelsRepository.definitions(this.tx);
  }

  async insertAlert(candidate: AlertCandidate, at: Date, notified: { severity: Severity | null; eventSeq: number }): Promise<string> {
    const [row] = (await this.tx.query(
      `INSERT INTO alerts (rule_code, fingerprint, subject, department_code, departments, severity, state, condition, period, title, message, details,
                           is_sample, fired_at, last_evaluated_at, last_notified_at, notified_severity, event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, 'firing', $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16) RETURNING id::text AS id`,
      [
        candidate.ruleCode,
        candidate.fingerprint,
        JSON.stringify(candidate.subject),
        candidate.departmentCode,
        candidate.departments,
        candidate.severity,
        candidate.condition,
        candidate.period,
        candidate.title,
        candidate.message,
        JSON.stringify(candidate.details),
        candidate.sample,
        at,
        notified.eventSeq > 0 ? at : null,
        notified.severity,
        notified.eventSeq,
      ],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  /** Refreshes a firing alert (or re-opens a resolved one) from this evaluation's candidate. */
  async updateAlert(
    id: string,
    candidate: AlertCandidate,
    change: { state: AlertState; reopened: boolean; notifiedSeverity: Severity | null; eventSeq: number; notified: boolean },
    at: Date,
  ): Promise<void> {
    await this.tx.query(
      `UPDATE alerts SET subject = $2, department_code = $3, departments = $4, severity = $5, state = $6, condition = $7, period = $8,
              title = $9, message = $10, details = $11, is_sample = $12, last_evaluated_at = $13,
              last_notified_at = CASE WHEN $14 THEN $13 ELSE last_notified_at END,
              notified_severity = $15, event_seq = $16,
              fired_at = CASE WHEN $17 THEN $13 ELSE fired_at END,
              resolved_at = CASE WHEN $17 THEN NULL ELSE resolved_at END,
              resolved_by = CASE WHEN $17 THEN NULL ELSE resolved_by END,
              resolve_comment = CASE WHEN $17 THEN NULL ELSE resolve_comment END,
              acknowledged_at = CASE WHEN $17 THEN NULL ELSE acknowledged_at END,
              acknowledged_by = CASE WHEN $17 THEN NULL ELSE acknowledged_by END,
              ack_comment = CASE WHEN $17 THEN NULL ELSE ack_comment END
        WHERE id = $1`,
      [
        id,
        JSON.stringify(candidate.subject),
        candidate.departmentCode,
        candidate.departments,
        candidate.severity,
        change.state,
        candidate.condition,
        candidate.period,
        candidate.title,
        candidate.message,
        JSON.stringify(candidate.details),
        candidate.sample,
        at,
        change.notified,
        change.notifiedSeverity,
        change.eventSeq,
        change.reopened,
      ],
    );
  }

  async resolveAlert(id: string, at: Date, change: { eventSeq: number; notified: boolean; by?: string | null; comment?: string | null; note?: string | null }): Promise<void> {
    await this.tx.query(
      `UPDATE alerts SET state = 'resolved', resolved_at = $2, resolved_by = $3, resolve_comment = $4, event_seq = $5,
              last_notified_at = CASE WHEN $6 THEN $2 ELSE last_notified_at END, notified_severity = NULL,
              last_evaluated_at = CASE WHEN $3::uuid IS NULL THEN $2 ELSE last_evaluated_at END,
              details = CASE WHEN $7::text IS NULL THEN details ELSE details || jsonb_build_object('resolutionNote', $7::text) END
        WHERE id = $1`,
      [id, at, change.by ?? null, change.comment ?? null, change.eventSeq, change.notified, change.note ?? null],
    );
  }

  async acknowledgeAlert(id: string, by: string, comment: string, at: Date): Promise<void> {
    await this.tx.query(`UPDATE alerts SET state = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3, ack_comment = $4 WHERE id = $1`, [id, by, at, comment]);
  }

  enqueue(alertId: string, drafts: readonly NotificationDraft[]): Promise<number> {
    return this.notifications.enqueue(alertId, drafts, this.tx);
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.auditRepository.record(entry, this.tx);
  }
}

/**
 * Rules, alerts, silences and evaluation runs. Mutual exclusion between processes is
 * PostgreSQL's own: a transaction-level advisory lock per rule (released at commit, so it works
 * behind a transaction-mode pooler), plus the run record's unique (job, tick) for cron ticks.
 */
@Injectable()
export class AlertsRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(ChannelsRepository) private readonly channels: ChannelsRepository,
    @Inject(AuditRepository) private readonly auditRepository: AuditRepository,
  ) {}

  /**
   * Runs `work` in one transaction holding the rule's advisory lock. 'try' gives up (returns
   * null) when another process holds it; 'wait' queues behind it.
   */
  async withRuleLock<T>(ruleCode: string, mode: 'try' | 'wait', work: (uow: AlertsUnitOfWork) => Promise<T>): Promise<T | null> {
    return this.db.transaction(async (tx) => {
      if (mode === 'try') {
        const [row] = (await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked`, [LOCK_NAMESPACE, ruleCode])) as Array<{ locked: boolean }>;
        if (!row!.locked) return null;
      } else {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [LOCK_NAMESPACE, ruleCode]);
      }
      return work(new AlertsUnitOfWork(tx, this.notifications, this.channels, this.auditRepository));
    });
  }

  /** A run that failed (its transaction rolled back), so the log still shows it. */
  async recordFailedRun(job: string, tickKey: string | null, trigger: string, error: string, host: string, pid: number): Promise<void> {
    await this.db.query(
      `INSERT INTO job_runs (job, tick_key, trigger, status, host, pid, finished_at, error) VALUES ($1, $2, $3, 'failed', $4, $5, now(), $6)
       ON CONFLICT (job, tick_key) WHERE tick_key IS NOT NULL DO NOTHING`,
      [job, tickKey, trigger, host, pid, error.slice(0, 2000)],
    );
  }

  async recentRuns(limit: number, job?: string): Promise<RunRecord[]> {
    const rows: Array<RunRecord & { startedAt: Date; finishedAt: Date | null }> = await this.db.query(
      `SELECT id::text AS id, job, tick_key AS "tickKey", trigger, status, host, pid, started_at AS "startedAt", finished_at AS "finishedAt", summary, error
         FROM job_runs WHERE ($2::text IS NULL OR job LIKE $2 || '%') ORDER BY started_at DESC, id DESC LIMIT $1`,
      [limit, job ?? null],
    );
    return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt).toISOString(), finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null }));
  }

  // ── reference data and figures ──────────────────────────────────────────────────────────

  async catalog(): Promise<AlertCatalog> {
    const [regions, departments, chains, indicators] = await Promise.all([
      this.db.query(`SELECT code, name, kind FROM regions ORDER BY sort_order, code`),
      this.db.query(`SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY code`),
      this.db.query(`SELECT code, name FROM chains ORDER BY sort_order, code`),
      this.db.query(
        `SELECT code, name, unit, kind, frequency, direction, chain_code AS "chainCode", department_code AS "departmentCode",
                non_negative AS "nonNegative", deadline_day AS "deadlineDay", jan_feb_combined AS "janFebCombined", region_codes AS "regionCodes"
           FROM indicators ORDER BY sort_order, code`,
      ) as Promise<AlertCatalogIndicator[]>,
    ]);
    return buildAlertCatalog({ regions, departments, chains, indicators });
  }

  /** Approved figures as each region reported them (no roll-ups), for anomaly checks. */
  async approvedFigures(from: Period, to: Period): Promise<SeriesFigure[]> {
    return this.db.query(
      `SELECT indicator_code AS "indicatorCode", region_code AS "regionCode", period, basis, span_start AS "spanStart", value::text AS value, is_sample AS sample
         FROM observations WHERE status = 'approved' AND period BETWEEN $1 AND $2 ORDER BY indicator_code, region_code, period, basis`,
      [from, to],
    );
  }

  // ── rules ───────────────────────────────────────────────────────────────────────────────

  private ruleSelect = `SELECT code, type, name, params, severity, scope, schedule, timezone, enabled, created_at AS "createdAt", updated_at AS "updatedAt" FROM alert_rules`;

  async findRules(): Promise<Array<Record<string, unknown> & { createdAt: Date; updatedAt: Date }>> {
    return this.db.query(`${this.ruleSelect} ORDER BY code`);
  }

  async findRule(code: string): Promise<(Record<string, unknown> & { createdAt: Date; updatedAt: Date }) | null> {
    const rows = await this.db.query(`${this.ruleSelect} WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  async activeAlertCounts(): Promise<Map<string, number>> {
    const rows: Array<{ rule: string; n: number }> = await this.db.query(
      `SELECT rule_code AS rule, count(*)::int AS n FROM alerts WHERE state IN ('firing','acknowledged') GROUP BY rule_code`,
    );
    return new Map(rows.map((r) => [r.rule, r.n]));
  }

  async insertRule(rule: AlertRule, audit: AuditEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO alert_rules (code, type, name, params, scope, severity, schedule, timezone, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [rule.code, rule.type, rule.name, JSON.stringify(rule.params), JSON.stringify(rule.scope), JSON.stringify(rule.severity), rule.schedule, rule.timezone, rule.enabled],
      );
      await this.auditRepository.record(audit, tx);
    });
  }

  /** Saves a rule; a rule switched off resolves its active alerts quietly (nobody is told: it was switched off, nothing got better). */
  async updateRule(rule: AlertRule, audit: AuditEntry, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [LOCK_NAMESPACE, rule.code]);
      await tx.query(
        `UPDATE alert_rules SET name = $2, params = $3, scope = $4, severity = $5, schedule = $6, timezone = $7, enabled = $8, updated_at = $9 WHERE code = $1`,
        [rule.code, rule.name, JSON.stringify(rule.params), JSON.stringify(rule.scope), JSON.stringify(rule.severity), rule.schedule, rule.timezone, rule.enabled, at],
      );
      if (!rule.enabled) {
        await tx.query(
          `UPDATE alerts SET state = 'resolved', resolved_at = $2, notified_severity = NULL,
                  details = details || jsonb_build_object('resolutionNote', '预警规则已停用')
            WHERE rule_code = $1 AND state IN ('firing','acknowledged')`,
          [rule.code, at],
        );
      }
      await this.auditRepository.record(audit, tx);
    });
  }

  /** Deletes a rule with its alerts and their notifications (foreign keys cascade). */
  async deleteRule(code: string, audit: AuditEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [LOCK_NAMESPACE, code]);
      await tx.query(`DELETE FROM alert_rules WHERE code = $1`, [code]);
      await this.auditRepository.record(audit, tx);
    });
  }

  // ── alerts ──────────────────────────────────────────────────────────────────────────────

  /** Alerts in full, or (`public`) only what anonymous callers may see. */
  findAlerts(filter: AlertFilter, view: 'full'): Promise<AlertListResponse>;
  findAlerts(filter: AlertFilter, view: 'public'): Promise<AlertListResponse<PublicAlertView>>;
  async findAlerts(filter: AlertFilter, view: 'full' | 'public'): Promise<AlertListResponse<PublicAlertView>> {
    const where = `($1::text[] IS NULL OR a.state = ANY($1)) AND ($2::text IS NULL OR a.severity = $2)
      AND ($3::text IS NULL OR a.department_code = $3 OR $3 = ANY(a.departments)) AND ($4::text IS NULL OR a.rule_code = $4)
      AND ($5::text IS NULL OR r.type = $5) AND ($6::text IS NULL OR a.period = $6)`;
    const params = [filter.states ?? null, filter.severity ?? null, filter.department ?? null, filter.rule ?? null, filter.type ?? null, filter.period ?? null];
    const [counts] = (await this.db.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE a.state = 'firing')::int AS firing, count(*) FILTER (WHERE a.state = 'acknowledged')::int AS acknowledged,
              count(*) FILTER (WHERE a.state = 'resolved')::int AS resolved,
              count(*) FILTER (WHERE a.severity = 'red')::int AS red, count(*) FILTER (WHERE a.severity = 'yellow')::int AS yellow
         FROM alerts a JOIN alert_rules r ON r.code = a.rule_code WHERE ${where}`,
      params,
    )) as Array<{ total: number; firing: number; acknowledged: number; resolved: number; red: number; yellow: number }>;
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${view === 'full' ? VIEW : PUBLIC_VIEW} FROM ${view === 'full' ? VIEW_FROM : 'alerts a JOIN alert_rules r ON r.code = a.rule_code'} WHERE ${where}
        ORDER BY (a.state = 'resolved'), (a.severity = 'red') DESC, a.fired_at DESC, a.id DESC LIMIT $7 OFFSET $8`,
      [...params, filter.limit, filter.offset],
    );
    const { total, ...rest } = counts!;
    return { total, items: view === 'full' ? rows.map(toView) : (rows as unknown as PublicAlertView[]), counts: rest };
  }

  async findAlert(id: string): Promise<AlertView | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(`SELECT ${VIEW} FROM ${VIEW_FROM} WHERE a.id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async alertRuleCode(id: string): Promise<string | null> {
    const rows: Array<{ rule: string }> = await this.db.query(`SELECT rule_code AS rule FROM alerts WHERE id = $1`, [id]);
    return rows[0]?.rule ?? null;
  }

  /** Counts of active alerts by type and severity, for the briefing. */
  /** Alerts not resolved, as the monthly briefing lists them; `evaluated`: whether any rule has run at all. */
  async openForBriefing(): Promise<{ evaluated: boolean; open: BriefingOpenAlert[] }> {
    const open: BriefingOpenAlert[] = await this.db.query(
      `SELECT r.type, a.severity, a.title, a.departments FROM alerts a JOIN alert_rules r ON r.code = a.rule_code
        WHERE a.state IN ('firing','acknowledged') ORDER BY r.type, a.severity DESC, a.id`,
    );
    const [run] = (await this.db.query(`SELECT EXISTS (SELECT 1 FROM job_runs WHERE job LIKE 'alerts.evaluate:%' AND status = 'succeeded') AS evaluated`)) as Array<{ evaluated: boolean }>;
    return { evaluated: run!.evaluated, open };
  }

  // ── silences ────────────────────────────────────────────────────────────────────────────

  async insertSilence(input: SilenceInput, audit: (id: string) => AuditEntry): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = (await tx.query(
        `INSERT INTO alert_silences (rule_code, fingerprint, department_code, starts_at, ends_at, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
        [input.ruleCode, input.fingerprint, input.departmentCode, input.startsAt, input.endsAt, input.reason, input.createdBy],
      )) as Array<{ id: string }>;
      await this.auditRepository.record(audit(row!.id), tx);
      return row!.id;
    });
  }

  async findSilences(at: Date, activeOnly: boolean): Promise<SilenceView[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT s.id::text AS id, s.rule_code AS "ruleCode", s.fingerprint, s.department_code AS "departmentCode", s.starts_at AS "startsAt",
              s.ends_at AS "endsAt", s.reason, u.username AS "createdBy", s.created_at AS "createdAt", (s.starts_at <= $1 AND s.ends_at > $1) AS active
         FROM alert_silences s LEFT JOIN users u ON u.id = s.created_by
        WHERE NOT $2 OR (s.starts_at <= $1 AND s.ends_at > $1)
        ORDER BY s.ends_at DESC, s.id DESC LIMIT 500`,
      [at, activeOnly],
    );
    return rows.map((r) => ({
      ...(r as unknown as SilenceView),
      startsAt: (r.startsAt as Date).toISOString(),
      endsAt: (r.endsAt as Date).toISOString(),
      createdAt: (r.createdAt as Date).toISOString(),
    }));
  }

  async findSilence(id: string): Promise<(Silence & { createdBy: string | null; createdAt: Date }) | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id::text AS id, rule_code AS "ruleCode", fingerprint, department_code AS "departmentCode", starts_at AS "startsAt", ends_at AS "endsAt",
              reason, created_by AS "createdBy", created_at AS "createdAt" FROM alert_silences WHERE id = $1`,
      [id],
    );
    return rows[0] ? toSilence(rows[0]) : null;
  }

  /** Ends a silence now (a future one is simply removed). */
  async expireSilence(id: string, at: Date, audit: AuditEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM alert_silences WHERE id = $1 AND starts_at >= $2`, [id, at]);
      await tx.query(`UPDATE alert_silences SET ends_at = $2 WHERE id = $1 AND starts_at < $2 AND ends_at > $2`, [id, at]);
      await this.auditRepository.record(audit, tx);
    });
  }

  async ruleExists(code: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM alert_rules WHERE code = $1`, [code])).length > 0;
  }

  async fingerprintExists(fingerprint: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM alerts WHERE fingerprint = $1`, [fingerprint])).length > 0;
  }
}
