import { createHash } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { isFileRejectedError, readSpreadsheet } from '@planwatch/etl';
import {
  canOpenSupervision,
  canReadSupervision,
  canTakeSupervisionAction,
  chinaDate,
  DEFAULT_SUPERVISION_WORKING_DAYS,
  dueSupervisionNotices,
  isDueForAutomaticSupervision,
  isOverdue,
  nextSupervisionState,
  routeSupervisionNotification,
  SUPERVISION_ACTIONS,
  supervisionColour,
  supervisionDeadline,
  type SupervisionAction,
  type SupervisionColour,
  type SupervisionDetail,
  type SupervisionEvent,
  type SupervisionListResponse,
  type SupervisionPayload,
  type SupervisionPublicSummary,
  type SupervisionReply,
  type SupervisionState,
  type SupervisionSubject,
  type SupervisionView,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import { ENV, type Env } from '../../config/env.js';
import type { Principal } from '../auth/auth.types.js';
import { SupervisionRepository, type AlertForSupervision, type StoredAttachment, type SupervisionRecord, type SupervisionUnitOfWork } from './supervision.repository.js';
import { WorkCalendarSource } from './work-calendar.source.js';

export interface OpenSupervisionInput {
  alertId?: string;
  subject?: Exclude<SupervisionSubject, { kind: 'alert' }>;
  title?: string;
  request: string;
  departmentCode?: string;
  workingDays?: number;
  informed?: string[];
}

export interface SupervisionListFilter {
  state?: SupervisionState;
  colour?: SupervisionColour;
  department?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

/** A reply's attached file as the upload interceptor hands it over. */
export interface UploadedAttachment {
  originalname: string;
  buffer: Buffer;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const EVENT_OF: Partial<Record<SupervisionAction, SupervisionEvent>> = { return: 'supervision_returned' };

/**
 * The 督办 loop: opening (from an alert or by hand), 签收, 反馈 with attachments, 退回 and 办结,
 * each a locked, audited step on the timeline with its notifications in the same transaction;
 * and the sweep that sends each reminder and escalation once and notes an alert that resolved.
 */
@Injectable()
export class SupervisionService {
  private readonly logger = new Logger('Supervision');

  constructor(
    @Inject(SupervisionRepository) private readonly repository: SupervisionRepository,
    @Inject(WorkCalendarSource) private readonly calendarSource: WorkCalendarSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  private get calendar() {
    return this.calendarSource.calendar;
  }

  private view(record: SupervisionRecord, now: Date): SupervisionView {
    const { reminded: _r, escalated: _e, firstReplyAt: _f, ...rest } = record;
    const clock = { state: record.state, deadline: record.deadline, lastReplyAt: record.lastReplyAt };
    return {
      ...rest,
      colour: supervisionColour(this.calendar, clock, now),
      overdue: isOverdue(clock, now),
      openedAt: record.openedAt.toISOString(),
      signedAt: record.signedAt?.toISOString() ?? null,
      lastReplyAt: record.lastReplyAt?.toISOString() ?? null,
      closedAt: record.closedAt?.toISOString() ?? null,
      alertResolvedAt: record.alertResolvedAt?.toISOString() ?? null,
    };
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────

  async list(principal: Principal, filter: SupervisionListFilter): Promise<SupervisionListResponse> {
    const own = principal.role === 'admin' || principal.role === 'viewer' ? filter.department : principal.departmentCode ?? '__none__';
    if (filter.department && own !== filter.department) throw new ForbiddenException('只能查看本部门的督办');
    const now = this.clock.now();
    const all = (await this.repository.find({ department: own })).map((r) => this.view(r, now));
    const counts: SupervisionListResponse['counts'] = { open: 0, signed: 0, replied: 0, returned: 0, closed: 0, blue: 0, yellow: 0, red: 0, overdue: 0 };
    for (const s of all) {
      counts[s.state] += 1;
      if (s.colour) counts[s.colour] += 1;
      if (s.overdue) counts.overdue += 1;
    }
    const items = all.filter(
      (s) => (!filter.state || s.state === filter.state) && (!filter.colour || s.colour === filter.colour) && (filter.overdue === undefined || s.overdue === filter.overdue),
    );
    return { total: items.length, counts, items: items.slice(filter.offset, filter.offset + filter.limit) };
  }

  async get(principal: Principal, id: string): Promise<SupervisionDetail> {
    const record = await this.readable(principal, id);
    const allowed = SUPERVISION_ACTIONS.filter((a) => canTakeSupervisionAction(principal, record.departmentCode, a) && nextSupervisionState(record.state, a).ok);
    return { ...this.view(record, this.clock.now()), steps: await this.repository.steps(id), allowed };
  }

  /** For the unattended wall screen: counts, and the red ones by title and department only. */
  async publicSummary(): Promise<SupervisionPublicSummary> {
    const now = this.clock.now();
    const month = chinaDate(now).slice(0, 7);
    const views = (await this.repository.find({})).map((r) => this.view(r, now));
    return {
      asOf: now.toISOString(),
      open: views.filter((s) => s.state !== 'closed').length,
      overdue: views.filter((s) => s.overdue).length,
      closedThisMonth: views.filter((s) => s.closedAt && chinaDate(new Date(s.closedAt)).startsWith(month)).length,
      red: views
        .filter((s) => s.colour === 'red')
        .sort((a, b) => a.deadline.localeCompare(b.deadline))
        .map((s) => ({ title: s.title, departmentName: s.departmentName, deadline: s.deadline })),
    };
  }

  /** For the monthly briefing: opened and closed in `month` (China time), and what is overdue now. */
  async monthSummary(month: string): Promise<{ opened: number; closed: number; closedOnTime: number; overdue: Array<{ title: string; departmentName: string; deadline: string }> }> {
    const now = this.clock.now();
    const records = await this.repository.find({});
    const inMonth = (at: Date | null) => at !== null && chinaDate(at).startsWith(month);
    const closed = records.filter((r) => inMonth(r.closedAt));
    return {
      opened: records.filter((r) => inMonth(r.openedAt)).length,
      closed: closed.length,
      closedOnTime: closed.filter((r) => r.firstReplyAt !== null && chinaDate(r.firstReplyAt) <= r.deadline).length,
      overdue: records
        .map((r) => this.view(r, now))
        .filter((v) => v.overdue)
        .sort((a, b) => a.deadline.localeCompare(b.deadline))
        .map((v) => ({ title: v.title, departmentName: v.departmentName, deadline: v.deadline })),
    };
  }

  async attachment(principal: Principal, id: string): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
    const file = await this.repository.attachment(id);
    if (!file) throw new NotFoundException(`附件${id}不存在`);
    await this.readable(principal, file.supervisionId);
    return file;
  }

  private async readable(principal: Principal, id: string): Promise<SupervisionRecord> {
    const record = await this.repository.findOne(id);
    if (!record) throw new NotFoundException(`督办${id}不存在`);
    // As with alerts: to another department, its 督办 do not exist.
    if (!canReadSupervision(principal, record.departmentCode)) throw new NotFoundException(`督办${id}不存在`);
    return record;
  }

  // ── the loop ────────────────────────────────────────────────────────────────────────────

  async open(principal: Principal, input: OpenSupervisionInput): Promise<SupervisionDetail> {
    if (!canOpenSupervision(principal)) throw new ForbiddenException('只有区领导和管理员可以立项督办');
    const target = await this.subjectOf(input);
    const informed = [...new Set(input.informed ?? target.informed)].filter((d) => d !== target.departmentCode);
    const known = await this.repository.knownDepartments([target.departmentCode, ...informed]);
    for (const code of [target.departmentCode, ...informed]) if (!known.includes(code)) throw badParameter('departmentCode', `部门“${code}”不存在`, 'user');
    const id = await this.insertOpened(
      { ...target, title: input.title?.trim() || target.title, informed, request: input.request.trim(), workingDays: input.workingDays ?? target.workingDays },
      { userId: principal.userId },
      this.clock.now(),
    );
    return this.get(principal, id!);
  }

  /** Writes a new 督办 with its first step, audit and notifications; null when a rule already opened one for the alert. */
  private insertOpened(
    target: { subject: SupervisionSubject; label: string; title: string; departmentCode: string; informed: string[]; alertId: string | null; request: string; workingDays: number },
    openedBy: { userId: string } | { ruleCode: string },
    now: Date,
  ): Promise<string | null> {
    const deadline = supervisionDeadline(this.calendar, now, target.workingDays);
    const userId = 'userId' in openedBy ? openedBy.userId : null;
    return this.repository.unitOfWork(async (uow) => {
      const id = await uow.insert({
        title: target.title,
        subject: target.subject,
        subjectLabel: target.label,
        request: target.request,
        departmentCode: target.departmentCode,
        informed: target.informed,
        alertId: target.alertId,
        workingDays: target.workingDays,
        deadline: deadline.date,
        deadlineEstimated: deadline.estimated,
        openedBy,
        openedAt: now,
      });
      if (id === null) return null;
      await uow.addStep({ supervisionId: id, kind: 'opened', at: now, userId, stateBefore: null, stateAfter: 'open', comment: target.request });
      const record = (await uow.lock(id))!;
      await uow.audit({ userId, action: 'supervision_opened', entity: 'supervision', entityId: id, after: { ...this.auditState(record), ...('ruleCode' in openedBy ? { rule: openedBy.ruleCode } : {}) } });
      await this.notify(uow, record, 'supervision_opened', now);
      return id;
    });
  }

  /** 签收, 退回 and 办结: a state change with an optional comment. */
  async act(principal: Principal, id: string, action: Exclude<SupervisionAction, 'reply'>, comment: string | null): Promise<SupervisionDetail> {
    await this.step(principal, id, action, { comment });
    return this.get(principal, id);
  }

  /** 反馈: reason, measures and expected completion, optionally with one file (XLSX or CSV, checked like an upload). */
  async reply(principal: Principal, id: string, reply: SupervisionReply, file: UploadedAttachment | undefined): Promise<SupervisionDetail> {
    const attachment = file ? await this.checkedAttachment(file) : undefined;
    if (reply.expectedBy < chinaDate(this.clock.now())) throw badParameter('expectedBy', '预计完成时间不能早于今天', 'user');
    await this.step(principal, id, 'reply', { reply, attachment });
    return this.get(principal, id);
  }

  private async step(
    principal: Principal,
    id: string,
    action: SupervisionAction,
    extra: { comment?: string | null; reply?: SupervisionReply; attachment?: StoredAttachment },
  ): Promise<void> {
    const now = this.clock.now();
    await this.repository.unitOfWork(async (uow) => {
      const record = /^\d{1,18}$/.test(id) ? await uow.lock(id) : null;
      if (!record) throw new NotFoundException(`督办${id}不存在`);
      // As with alerts: to another department, its 督办 do not exist.
    if (!canReadSupervision(principal, record.departmentCode)) throw new NotFoundException(`督办${id}不存在`);
      if (!canTakeSupervisionAction(principal, record.departmentCode, action)) {
        throw new ForbiddenException(action === 'close' || action === 'return' ? '只有区领导和管理员可以办结或退回督办' : '只有承办部门的填报员或审核员可以签收和反馈');
      }
      const next = nextSupervisionState(record.state, action);
      if (!next.ok) throw new ConflictException(next.message);
      if (action === 'return' && !extra.comment) throw badParameter('comment', '退回时请写明退回意见', 'user');
      const stepKind = ({ sign: 'signed', reply: 'replied', return: 'returned', close: 'closed' } as const)[action];
      const stepId = (await uow.addStep({
        supervisionId: id,
        kind: stepKind,
        at: now,
        userId: principal.userId,
        stateBefore: record.state,
        stateAfter: next.state,
        comment: extra.comment ?? null,
        reply: extra.reply ?? null,
      }))!;
      if (extra.attachment) await uow.attach(stepId, extra.attachment);
      await uow.setState(id, next.state, now);
      const after = (await uow.lock(id))!;
      await uow.audit({
        userId: principal.userId,
        action: `supervision_${stepKind}`,
        entity: 'supervision',
        entityId: id,
        before: this.auditState(record),
        after: { ...this.auditState(after), ...(extra.comment ? { comment: extra.comment } : {}), ...(extra.reply ? { reply: extra.reply } : {}), ...(extra.attachment ? { attachment: extra.attachment.fileName } : {}) },
      });
      const event = EVENT_OF[action];
      if (event) await this.notify(uow, after, event, now, { comment: extra.comment, occurrence: stepId });
    });
  }

  private auditState(r: SupervisionRecord) {
    return { state: r.state, departmentCode: r.departmentCode, deadline: r.deadline, title: r.title };
  }

  // ── reminders, escalations, the alert resolving ─────────────────────────────────────────

  /**
   * Sends what the deadlines call for now (a reminder once at yellow, an escalation once at red,
   * also to the leaders' channels) and notes on the timeline an alert that resolved by itself.
   * Safe to run in every process at once: each step is inserted once (unique index) and only
   * the transaction that inserted it writes the notifications.
   */
  async sweep(at: Date = this.clock.now()): Promise<{ opened: number; reminded: number; escalated: number; alertsResolved: number }> {
    const result = { opened: 0, reminded: 0, escalated: 0, alertsResolved: 0 };
    for (const alert of await this.repository.alertsForAutomaticSupervision()) {
      if (!alert.departmentCode || !isDueForAutomaticSupervision(this.calendar, alert, alert.superviseRedAfterDays!, at)) continue;
      const request = `该红色预警已${alert.superviseRedAfterDays}个工作日未确认，系统按预警规则自动立项督办：请分析原因，提出整改措施和完成时限。`;
      const id = await this.insertOpened({ ...this.fromAlert(alert), request }, { ruleCode: alert.ruleCode }, at);
      if (id !== null) result.opened += 1;
    }
    for (const record of await this.repository.awaitingReply()) {
      const sent = new Set([...(record.reminded ? ['reminder' as const] : []), ...(record.escalated ? ['escalation' as const] : [])]);
      for (const notice of dueSupervisionNotices(this.calendar, record, at, sent)) {
        const kind = notice === 'reminder' ? 'reminded' : 'escalated';
        const done = await this.repository.unitOfWork(async (uow) => {
          const locked = await uow.lock(record.id);
          if (!locked || locked.state === 'closed' || locked.state === 'replied') return false;
          const stepId = await uow.addStep({ supervisionId: record.id, kind, at, userId: null, stateBefore: locked.state, stateAfter: locked.state });
          if (!stepId) return false; // another process got there first
          await this.notify(uow, locked, notice === 'reminder' ? 'supervision_reminder' : 'supervision_escalated', at);
          await uow.audit({ action: `supervision_${kind}`, entity: 'supervision', entityId: record.id, after: { ...this.auditState(locked), colour: supervisionColour(this.calendar, locked, at) } });
          return true;
        });
        if (done) result[notice === 'reminder' ? 'reminded' : 'escalated'] += 1;
      }
    }
    for (const resolved of await this.repository.withAlertNewlyResolved()) {
      const done = await this.repository.unitOfWork(async (uow) => {
        const locked = await uow.lock(resolved.id);
        if (!locked) return false;
        return (await uow.addStep({ supervisionId: resolved.id, kind: 'alert_resolved', at: resolved.resolvedAt, userId: null, stateBefore: locked.state, stateAfter: locked.state, comment: '关联预警已自动解除，本督办仍需办结' })) !== null;
      });
      if (done) result.alertsResolved += 1;
    }
    if (result.opened + result.reminded + result.escalated + result.alertsResolved > 0) this.logger.log(`督办: ${JSON.stringify(result)}`);
    return result;
  }

  private async notify(uow: SupervisionUnitOfWork, record: SupervisionRecord, event: SupervisionEvent, now: Date, context: { comment?: string | null; occurrence?: string } = {}): Promise<void> {
    const drafts = routeSupervisionNotification(record, event, await uow.channelDefinitions(), context);
    if (drafts.length === 0) return;
    const payload: SupervisionPayload = {
      id: record.id,
      title: record.title,
      state: record.state,
      colour: supervisionColour(this.calendar, record, now),
      deadline: record.deadline,
      deadlineEstimated: record.deadlineEstimated,
      departmentCode: record.departmentCode,
      url: `${this.env.PUBLIC_WEB_URL}/supervision/${record.id}`,
      mentionMobiles: await uow.mentionMobiles(record.id, record.departmentCode),
    };
    await uow.enqueue(record.id, payload, drafts);
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────

  /** What a 督办 opened from an alert takes from it: subject, title, owner, the others told, and its rule's deadline. */
  private fromAlert(alert: AlertForSupervision) {
    return {
      subject: { kind: 'alert' as const, alertId: alert.id },
      label: alert.title,
      title: alert.title,
      departmentCode: alert.departmentCode!,
      informed: alert.departments.filter((d) => d !== alert.departmentCode),
      alertId: alert.id,
      workingDays: alert.superviseWorkingDays ?? DEFAULT_SUPERVISION_WORKING_DAYS,
    };
  }

  private async subjectOf(input: OpenSupervisionInput): Promise<{
    subject: SupervisionSubject;
    label: string;
    title: string;
    departmentCode: string;
    informed: string[];
    alertId: string | null;
    workingDays: number;
  }> {
    if (input.alertId) {
      const alert = await this.repository.alert(input.alertId);
      if (!alert) throw new NotFoundException(`预警${input.alertId}不存在`);
      const departmentCode = input.departmentCode ?? alert.departmentCode;
      if (!departmentCode) throw badParameter('departmentCode', '该预警没有责任单位，请指定承办部门', 'user');
      return { ...this.fromAlert(alert), departmentCode };
    }
    if (!input.subject) throw badParameter('subject', '请指定督办对象：预警、指标、乡镇或重点项目', 'user');
    const described = await this.repository.describeSubject(input.subject);
    if (!described) throw badParameter('subject', '督办对象不存在（指标、地区或项目编码有误）', 'user');
    const departmentCode = input.departmentCode ?? described.ownerDepartment;
    if (!departmentCode) throw badParameter('departmentCode', '请指定承办部门', 'user');
    return { subject: input.subject, label: described.label, title: `督办：${described.label}`, departmentCode, informed: [], alertId: null, workingDays: DEFAULT_SUPERVISION_WORKING_DAYS };
  }

  /** A reply's file passes the same checks as a reporting upload: XLSX or CSV, no macros, no zip bombs, readable to the end. */
  private async checkedAttachment(file: UploadedAttachment): Promise<StoredAttachment> {
    const reader = readSpreadsheet({ fileName: file.originalname, bytes: file.buffer }, { maxFileBytes: this.env.UPLOAD_MAX_BYTES });
    try {
      for await (const _row of reader);
    } catch (error) {
      if (!isFileRejectedError(error)) throw error;
      if (error.code === 'too_large') throw new PayloadTooLargeException({ statusCode: HttpStatus.PAYLOAD_TOO_LARGE, error: 'Payload Too Large', code: error.code, message: error.message });
      throw new UnprocessableEntityException({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', code: error.code, message: `附件${error.message}` });
    }
    return {
      fileName: file.originalname,
      contentType: reader.info.kind === 'xlsx' ? XLSX_TYPE : 'text/csv',
      bytes: file.buffer,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
    };
  }
}
