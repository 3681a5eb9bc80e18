import { hostname } from 'node:os';
import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  canAcknowledge,
  canCloseAlert,
  canResolve,
  minuteOf,
  normalizeAlertRule,
  parseCron,
  reconcileAlerts,
  routeNotification,
  type AlertChange,
  type AlertListResponse,
  type AlertRule,
  type AlertView,
  type ChannelDefinition,
  type EvaluationSummary,
  type NotifiedAlert,
  type PublicAlertView,
  type RuleRunSummary,
  type SilenceView,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import type { Principal } from '../auth/auth.types.js';
import { DataVersionTracker } from '../progress/data-version.tracker.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import { AlertEvaluator } from './alert-evaluator.service.js';
import { AlertsRepository, type AlertFilter, type AlertsUnitOfWork } from './alerts.repository.js';

type Trigger = EvaluationSummary['trigger'];
type AlertQuery = Omit<AlertFilter, 'department'> & { department?: string };

/** "2026-11-20 08:00" in China time. */
function chinaTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Alert orchestration: evaluates rules (on a cron tick, after figures are approved, on
 * demand), reconciles the findings with stored alerts through the pure lifecycle, and writes
 * alerts and outbox rows in one transaction under the rule's lock. Also the manual transitions
 * (acknowledge, resolve), silences and the alert list.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('Alerts');
  private readonly host = hostname();
  /** Evaluations in this process run one at a time (each holds a connection while it reads progress). */
  private queue: Promise<unknown> = Promise.resolve();
  private eventLoop: Promise<void> | null = null;
  private eventPending = false;

  constructor(
    @Inject(AlertsRepository) private readonly repository: AlertsRepository,
    @Inject(AlertEvaluator) private readonly evaluator: AlertEvaluator,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DataVersionTracker) private readonly versions: DataVersionTracker,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {}

  // ── evaluation ──────────────────────────────────────────────────────────────────────────

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Enabled rules, parsed; a rule row that no longer validates is logged and skipped. */
  private async enabledRules(): Promise<AlertRule[]> {
    const rules: AlertRule[] = [];
    for (const row of await this.repository.findRules()) {
      try {
        const rule = normalizeAlertRule(row);
        if (rule.enabled) rules.push(rule);
      } catch (error) {
        this.logger.error(`alert rule ${String(row.code)} is invalid and skipped: ${String(error)}`);
      }
    }
    return rules;
  }

  /**
   * Evaluates the given rules (default: every enabled rule) now. A `tick` or a `dataVersion`
   * keys each rule's run record, so it runs once per minute tick, or once per data version,
   * across every process.
   */
  evaluate(options: { trigger: Trigger; ruleCodes?: string[]; tick?: Date; dataVersion?: string } = { trigger: 'api' }): Promise<EvaluationSummary> {
    return this.serial(async () => {
      const now = options.tick ?? this.clock.now();
      const rules = (await this.enabledRules()).filter((r) => !options.ruleCodes || options.ruleCodes.includes(r.code));
      const catalog = await this.repository.catalog();
      const summary: EvaluationSummary = { trigger: options.trigger, at: now.toISOString(), rules: [] };
      for (const rule of rules) {
        const runKey = options.tick ? minuteOf(options.tick).toISOString() : options.dataVersion ? `data-version:${options.dataVersion}` : null;
        const run = await this.evaluateRule(rule, options.trigger, now, runKey, catalog);
        this.metrics.alertEvaluations.inc({ rule: rule.code, trigger: options.trigger, outcome: run.outcome });
        summary.rules.push(run);
      }
      return summary;
    });
  }

  /**
   * The cron tick (every minute, in every process): the rules whose schedule matches this
   * minute in their time zone. Each rule runs once per tick across all processes.
   */
  async runScheduledTick(at: Date = this.clock.now()): Promise<EvaluationSummary> {
    const tick = minuteOf(at);
    const due = (await this.enabledRules()).filter((r) => parseCron(r.schedule).matches(tick, r.timezone)).map((r) => r.code);
    if (due.length === 0) return { trigger: 'schedule', at: tick.toISOString(), rules: [] };
    return this.evaluate({ trigger: 'schedule', ruleCodes: due, tick });
  }

  /**
   * The figures in force changed (an approval or a load, here or in another process), or the
   * process started: evaluate every rule for the data now in force, so an alert fires or clears
   * the moment the data does rather than at the rule's next cron time. Bursts coalesce, and
   * each data version is evaluated once across processes.
   */
  onDataChanged(): Promise<void> {
    this.eventPending = true;
    this.eventLoop ??= (async () => {
      try {
        while (this.eventPending) {
          this.eventPending = false;
          await this.versions
            .current()
            .then(({ inForce }) => this.evaluate({ trigger: 'event', dataVersion: inForce }))
            .catch((error: unknown) => this.logger.error(`evaluation after a data change failed: ${String(error)}`));
        }
      } finally {
        this.eventLoop = null;
      }
    })();
    return this.eventLoop;
  }

  /** Resolves when evaluations started by events in this process have finished. */
  async settled(): Promise<void> {
    while (this.eventLoop) await this.eventLoop;
    await this.queue;
  }

  private async evaluateRule(rule: AlertRule, trigger: Trigger, now: Date, tickKey: string | null, catalog: Awaited<ReturnType<AlertsRepository['catalog']>>): Promise<RuleRunSummary> {
    const job = `alerts.evaluate:${rule.code}`;
    const empty = { candidates: 0, fired: 0, escalated: 0, resolved: 0, reminded: 0, notifications: 0 };
    try {
      const result = await this.repository.withRuleLock(rule.code, trigger === 'schedule' ? 'try' : 'wait', async (uow) => {
        const runId = await uow.startRun(job, tickKey, trigger, this.host, process.pid);
        if (runId === null) return null;
        const evaluation = await this.evaluator.evaluate(rule, now, catalog);
        // One after the other: they share the transaction's connection.
        const existing = await uow.alertsOfRule(rule.code);
        const silences = await uow.activeSilences(now);
        const channels = await uow.channels();
        const changes = reconcileAlerts({ existing, candidates: evaluation.candidates, now, silences, remindEveryHours: rule.params.remindEveryHours, notes: evaluation.notes, undetermined: evaluation.undetermined });
        const summary: RuleRunSummary = { ruleCode: rule.code, outcome: 'evaluated', ...empty, candidates: evaluation.candidates.length };
        for (const change of changes) {
          summary.notifications += await this.apply(uow, rule, change, channels, now);
          if (change.event === 'fired') summary.fired += 1;
          if (change.event === 'escalated') summary.escalated += 1;
          if (change.kind === 'resolve') summary.resolved += 1;
          if (change.event === 'reminder') summary.reminded += 1;
        }
        await uow.finishRun(runId, summary);
        return summary;
      });
      return result ?? { ruleCode: rule.code, outcome: 'skipped', ...empty };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`rule ${rule.code} failed: ${message}`);
      await this.repository.recordFailedRun(job, tickKey, trigger, message, this.host, process.pid).catch(() => undefined);
      return { ruleCode: rule.code, outcome: 'failed', ...empty, error: message };
    }
  }

  /** Writes one change and its outbox rows; returns how many notifications were queued. */
  private async apply(uow: AlertsUnitOfWork, rule: AlertRule, change: AlertChange, channels: ChannelDefinition[], now: Date): Promise<number> {
    const notify = async (alertId: string, alert: NotifiedAlert, context: Parameters<typeof routeNotification>[3]) =>
      change.event ? uow.enqueue(alertId, routeNotification(alert, change.event, channels, { ruleName: rule.name, redSingly: rule.params.notifyRedSingly, ...context })) : 0;

    if (change.kind === 'create') {
      const c = change.candidate;
      const eventSeq = change.event ? 1 : 0;
      const id = await uow.insertAlert(c, now, { severity: change.notifiedSeverity, eventSeq });
      await uow.audit({ action: 'alert_fired', entity: 'alert', entityId: id, after: { fingerprint: c.fingerprint, severity: c.severity, period: c.period, notified: change.event !== null } });
      return notify(id, { ...c, eventSeq }, {});
    }
    if (change.kind === 'update') {
      const { alert, candidate: c } = change;
      const eventSeq = alert.eventSeq + (change.event ? 1 : 0);
      await uow.updateAlert(alert.id, c, { state: change.state, reopened: change.reopened, notifiedSeverity: change.notifiedSeverity, eventSeq, notified: change.event !== null }, now);
      if (change.reopened || c.severity !== alert.severity || change.event) {
        await uow.audit({
          action: change.reopened ? 'alert_refired' : change.event === 'escalated' ? 'alert_escalated' : change.event === 'reminder' ? 'alert_reminded' : 'alert_updated',
          entity: 'alert',
          entityId: alert.id,
          before: { state: alert.state, severity: alert.severity },
          after: { state: change.state, severity: c.severity, event: change.event },
        });
      }
      return notify(alert.id, { ...c, eventSeq, firedAtText: chinaTime(change.reopened ? now : alert.firedAt) }, {});
    }
    const { alert } = change;
    const eventSeq = alert.eventSeq + (change.event ? 1 : 0);
    await uow.resolveAlert(alert.id, now, { eventSeq, notified: change.event !== null, note: change.note });
    await uow.audit({ action: 'alert_resolved', entity: 'alert', entityId: alert.id, before: { state: alert.state, severity: alert.severity }, after: { state: 'resolved', automatic: true } });
    return notify(alert.id, { ...alert, type: rule.type, eventSeq }, { note: change.note });
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────

  /**
   * Administrators and leaders see every alert in full; a department sees the alerts it owns or
   * is told of, in full. Anonymous readers (the wall screen) see every alert, but only its title,
   * severity, subject and state: no user names, comments or departments.
   */
  list(principal: Principal | undefined, query: AlertQuery): Promise<AlertListResponse<PublicAlertView>> {
    if (!principal) return this.repository.findAlerts(query, 'public');
    const forced = principal.role === 'admin' || principal.role === 'viewer' ? undefined : (principal.departmentCode ?? '__none__');
    return this.repository.findAlerts({ ...query, department: forced ?? query.department }, 'full');
  }

  async get(id: string, principal: Principal): Promise<AlertView> {
    const alert = await this.repository.findAlert(id);
    if (!alert || !this.canSee(principal, alert.departments, alert.departmentCode)) throw new NotFoundException(`预警${id}不存在`);
    return alert;
  }

  private canSee(principal: Principal, departments: string[], owner: string | null): boolean {
    if (principal.role === 'admin' || principal.role === 'viewer') return true;
    return principal.departmentCode !== null && (owner === principal.departmentCode || departments.includes(principal.departmentCode));
  }

  private mayAct(principal: Principal, departments: string[], owner: string | null): boolean {
    if (principal.role === 'admin') return true;
    if (principal.role === 'viewer') return false;
    return this.canSee(principal, departments, owner);
  }

  // ── manual transitions ──────────────────────────────────────────────────────────────────

  /** firing → acknowledged, with a comment; only the departments told (or an administrator). Nobody is notified. */
  async acknowledge(id: string, principal: Principal, comment: string): Promise<AlertView> {
    await this.transition(id, principal, async (uow, alert, now) => {
      if (!canAcknowledge(alert.state)) throw new ConflictException(`预警${id}当前状态为${alert.state}，只有预警中（firing）的预警可以确认`);
      await uow.acknowledgeAlert(id, principal.userId, comment, now);
      await uow.audit({ userId: principal.userId, action: 'alert_acknowledged', entity: 'alert', entityId: id, before: { state: alert.state }, after: { state: 'acknowledged', comment } });
    });
    return this.get(id, principal);
  }

  /**
   * Resolves by hand, with the reason (the departments are told once, who and why). Closing an
   * alert is for a reviewer or a leader of a department it concerns, or an administrator
   * (`canCloseAlert`): a 填报员 may acknowledge it, not close it. If the condition persists, the
   * next evaluation opens a new episode.
   */
  async resolve(id: string, principal: Principal, comment: string): Promise<AlertView> {
    const mayClose = (alert: { departments: string[]; departmentCode: string | null }) => canCloseAlert(principal, alert);
    await this.transition(
      id,
      principal,
      async (uow, alert, now) => {
        if (!canResolve(alert.state)) throw new ConflictException(`预警${id}已解除`);
        const told = alert.notifiedSeverity !== null;
        const eventSeq = alert.eventSeq + (told ? 1 : 0);
        await uow.resolveAlert(id, now, { eventSeq, notified: told, by: principal.userId, comment });
        await uow.audit({ userId: principal.userId, action: 'alert_resolved', entity: 'alert', entityId: id, before: { state: alert.state }, after: { state: 'resolved', comment } });
        if (told) {
          const channels = await uow.channels();
          await uow.enqueue(id, routeNotification({ ...alert, eventSeq }, 'resolved', channels, { ruleName: alert.ruleName, resolvedBy: principal.username, comment }));
        }
      },
      { may: mayClose, refusal: '只有预警涉及部门的审核人员、领导或管理员可以解除预警；填报人员可以确认预警并说明处理情况' },
    );
    return this.get(id, principal);
  }

  /** A manual change of an alert the caller may see; by default one of its departments (or an administrator) may make it. */
  private async transition(
    id: string,
    principal: Principal,
    work: (uow: AlertsUnitOfWork, alert: NonNullable<Awaited<ReturnType<AlertsUnitOfWork['alertForUpdate']>>>, now: Date) => Promise<void>,
    rule: { may: (alert: { departments: string[]; departmentCode: string | null }) => boolean; refusal: string } = {
      may: (alert) => this.mayAct(principal, alert.departments, alert.departmentCode),
      refusal: '只有预警涉及的部门或管理员可以处理该预警',
    },
  ): Promise<void> {
    const ruleCode = await this.repository.alertRuleCode(id);
    if (!ruleCode) throw new NotFoundException(`预警${id}不存在`);
    // The rule's lock: a manual change never interleaves with an evaluation of the same rule.
    await this.repository.withRuleLock(ruleCode, 'wait', async (uow) => {
      const alert = await uow.alertForUpdate(id);
      if (!alert || !this.canSee(principal, alert.departments, alert.departmentCode)) throw new NotFoundException(`预警${id}不存在`);
      if (!rule.may(alert)) throw new ForbiddenException(rule.refusal);
      await work(uow, alert, this.clock.now());
    });
  }

  // ── silences ────────────────────────────────────────────────────────────────────────────

  async createSilence(
    input: { ruleCode?: string; fingerprint?: string; departmentCode?: string; startsAt?: string; endsAt: string; reason: string },
    principal: Principal,
  ): Promise<SilenceView> {
    const now = this.clock.now();
    const startsAt = input.startsAt ? new Date(input.startsAt) : now;
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) throw badParameter('endsAt', 'endsAt must be after startsAt');
    if (endsAt.getTime() <= now.getTime()) throw badParameter('endsAt', 'endsAt must be in the future');
    if (input.ruleCode && !(await this.repository.ruleExists(input.ruleCode))) throw badParameter('ruleCode', `unknown alert rule "${input.ruleCode}"`);
    if (input.departmentCode && !(await this.repository.catalog()).departments.has(input.departmentCode)) {
      throw badParameter('departmentCode', `unknown department "${input.departmentCode}"`);
    }
    if (input.fingerprint && !input.fingerprint.startsWith(`${input.ruleCode ?? ''}`)) throw badParameter('fingerprint', 'fingerprint must belong to ruleCode');
    const row = {
      ruleCode: input.ruleCode ?? null,
      fingerprint: input.fingerprint ?? null,
      departmentCode: input.departmentCode ?? null,
      startsAt,
      endsAt,
      reason: input.reason,
      createdBy: principal.userId,
    };
    const id = await this.repository.insertSilence(row, (silenceId) => ({ userId: principal.userId, action: 'silence_created', entity: 'alert_silence', entityId: silenceId, after: row }));
    return (await this.repository.findSilences(now, false)).find((s) => s.id === id)!;
  }

  listSilences(activeOnly: boolean): Promise<SilenceView[]> {
    return this.repository.findSilences(this.clock.now(), activeOnly);
  }

  async expireSilence(id: string, principal: Principal): Promise<void> {
    const silence = await this.repository.findSilence(id);
    if (!silence) throw new NotFoundException(`静默${id}不存在`);
    await this.repository.expireSilence(id, this.clock.now(), { userId: principal.userId, action: 'silence_expired', entity: 'alert_silence', entityId: id, before: silence });
  }

  /** Open alerts for the monthly briefing. */
  openForBriefing() {
    return this.repository.openForBriefing();
  }

  runs(limit: number, job?: string) {
    return this.repository.recentRuns(limit, job);
  }
}
