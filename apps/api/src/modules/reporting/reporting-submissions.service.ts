import {
  ConflictException,
  ForbiddenException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ConcurrentFigureChange,
  ConcurrentPendingFigure,
  isFileRejectedError,
  parseObservationsFile,
  SPREADSHEET_CONTENT_TYPES,
  transformRows,
  type Catalog as EtlCatalog,
  type ObservationRecord,
  type RawRecord,
  type ReadOptions,
  type Reject,
  type Skipped,
  type TransformContext,
} from '@planwatch/etl';
import {
  DISTRICT_WIDE_REVIEW_DEPARTMENTS,
  canManageBatch,
  canReview,
  canViewBatch,
  canWriteFigure,
  checkReport,
  figureOwner,
  figureStatusText,
  formatPeriodCn,
  isReportingMonth,
  lastCompleteMonth,
  parsePeriod,
  reviewsDistrictWide,
  writeRefusalReason,
  type BatchRecord,
  type BatchSource,
  type BatchStatus,
  type Period,
  type PreviewReport,
  type RejectView,
} from '@planwatch/shared';
import { createHash } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { DomainEvents } from '../../common/domain-events.js';
import { badParameter } from '../../common/validation.js';
import { ENV, type Env } from '../../config/env.js';
import type { Principal } from '../auth/auth.types.js';
import type { EntriesDto, SubmissionsQueryDto, SubmitDto } from './dto/reporting.dto.js';
import { ReportingChecksService, type PreviewEntry } from './reporting-checks.service.js';
import { ReportingFiguresRepository, type ReportingCatalog, type ReportingDepartment } from './reporting-figures.repository.js';
import { asSentence, previewFigureKey, reportPart } from './reporting-report.util.js';
import { batchDepartment, unitNamer } from './reporting-scope.js';
import { BatchStateConflict, PendingFigureConflict, ReportingRepository, type SubmittedFigure, type SubmittedPart } from './reporting.repository.js';
import type { DownloadFile, FigureKey } from './reporting.types.js';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const ONLINE_FILE = '在线填报';
const STATUS_LABELS: Record<BatchStatus, string> = {
  preview: '预览',
  submitted: '已提交待审核',
  approved: '已审核通过',
  returned: '已退回',
  loaded: '已导入',
  discarded: '已作废',
};
const FREQUENCY_RULES: Record<string, string> = { quarterly: '按季度填报，期间应为3、6、9、12月', annual: '按年度填报，期间应为12月' };
/** A preview nobody submitted within a day is discarded. */
const PREVIEW_LIFETIME_MS = 24 * 3600_000;

/** A whole-file refusal: 413 for size, 422 for anything else, always with a Chinese message and a code. */
function fileRefused(code: string, message: string): PayloadTooLargeException | UnprocessableEntityException {
  if (code === 'too_large') return new PayloadTooLargeException({ statusCode: HttpStatus.PAYLOAD_TOO_LARGE, error: 'Payload Too Large', code, message });
  return new UnprocessableEntityException({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', code, message });
}

const keyOf = (k: FigureKey) => `${k.indicator}|${k.region}|${k.period}|${k.basis}`;

interface PreviewInput {
  source: BatchSource;
  fileName: string | null;
  file: { sha256: string; bytes: Buffer; contentType: string } | null;
  records: ObservationRecord[];
  rejects: RejectView[];
  skipped: Skipped[];
  rowsRead: number;
  period: Period | null;
  reason: string | null;
}

/**
 * The submit/review room: upload and online entry into a preview (who may write what, when,
 * against what is pending, and the check report of every row), submission (with each row's
 * 说明 and 修改原因, checked again, split by 审核单位), review (approve; return, which tells the
 * department), and reading batches. Parsing is @planwatch/etl's; who may do what is
 * @planwatch/shared's access policy; the checks are ReportingChecksService's.
 */
@Injectable()
export class ReportingSubmissionsService {
  /** An upload inflates to less than an ETL file may (memory: see UploadQueue). */
  private readonly uploadLimits: ReadOptions;

  constructor(
    @Inject(ReportingRepository) private readonly batches: ReportingRepository,
    @Inject(ReportingFiguresRepository) private readonly figures: ReportingFiguresRepository,
    @Inject(ReportingChecksService) private readonly checks: ReportingChecksService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(ENV) env: Env,
  ) {
    this.uploadLimits = { maxUncompressedBytes: env.UPLOAD_MAX_UNCOMPRESSED_BYTES, maxFileBytes: env.UPLOAD_MAX_BYTES, maxXlsBytes: env.UPLOAD_MAX_BYTES };
  }

  // ── preview: upload and online entry ─────────────────────────────────────────────────────

  async previewUpload(principal: Principal, file: UploadedFile | undefined, fields: { period?: Period; reason?: string; department?: string }): Promise<BatchRecord> {
    if (!file) throw badParameter('file', '请选择要上传的文件', 'user');
    const catalog = await this.figures.catalog();
    const department = batchDepartment(principal, catalog, fields.department);
    let parsed;
    try {
      parsed = await parseObservationsFile({ fileName: file.originalname, bytes: file.buffer }, etlCatalog(catalog), transformContext(principal, fields.period), this.uploadLimits);
    } catch (error) {
      if (isFileRejectedError(error)) throw fileRefused(error.code, error.message);
      throw error;
    }
    const flood = parsed.skipped.find((s) => s.rule === 'blank_run_stop');
    if (flood) throw fileRefused('blank_rows', `文件"${file.originalname}"含有大量连续空行（${flood.reason}），请删除空行后重新上传`);
    if (parsed.records.length === 0 && parsed.rejects.length === 0) {
      throw fileRefused('no_data', `文件"${file.originalname}"中没有可导入的数据（数值列均为空），请填写后重新上传`);
    }
    return this.preview(principal, catalog, department, {
      source: 'upload',
      fileName: file.originalname,
      file: { sha256: createHash('sha256').update(file.buffer).digest('hex'), bytes: file.buffer, contentType: SPREADSHEET_CONTENT_TYPES[parsed.kind] },
      records: parsed.records,
      rejects: parsed.rejects.map((r) => rejectView(r)),
      skipped: parsed.skipped,
      rowsRead: parsed.rowsRead,
      period: fields.period ?? null,
      reason: fields.reason?.trim() || null,
    });
  }

  async previewEntries(principal: Principal, body: EntriesDto): Promise<BatchRecord> {
    const catalog = await this.figures.catalog();
    const department = batchDepartment(principal, catalog, body.department);
    // Online rows have no cells: what a clerk recognises a row by is its indicator and region.
    const raw: RawRecord[] = body.rows.map((row, index) => ({
      position: { file: ONLINE_FILE, row: index + 1 },
      columns: {},
      indicatorRef: /^[a-z][a-z0-9_]*$/.test(row.indicator.trim()) ? { code: row.indicator.trim() } : { name: row.indicator },
      regionRef: row.region === undefined ? {} : /^\s*\d+\s*$/.test(row.region) ? { code: row.region.trim() } : { name: row.region },
      periodRaw: row.period ?? body.period ?? null,
      basisRaw: row.basis === 'month' ? '当月' : row.basis === 'ytd' ? '累计' : (row.basis ?? null),
      valueRaw: row.value,
      ...(row.unit === undefined ? {} : { unitRaw: row.unit }),
      ...(row.note === undefined ? {} : { note: row.note }),
    }));
    const result = transformRows(raw, etlCatalog(catalog), transformContext(principal, body.period));
    if (result.records.length === 0 && result.rejects.length === 0) throw fileRefused('no_data', '没有可提交的数据（数值均为空）');
    const typed = (row: number) => {
      const entry = body.rows[row - 1]!;
      const indicator = catalog.indicators.find((i) => i.code === entry.indicator.trim() || i.name === entry.indicator.trim())?.name ?? entry.indicator;
      const region = catalog.regions.find((r) => r.code === entry.region?.trim() || r.name === entry.region?.trim())?.name ?? entry.region ?? '';
      return region ? `${indicator}/${region}` : indicator;
    };
    return this.preview(principal, catalog, department, {
      source: 'online',
      fileName: null,
      file: null,
      records: result.records,
      rejects: result.rejects.map((r) => rejectView(r, typed(r.row))),
      skipped: result.skipped,
      rowsRead: body.rows.length,
      period: body.period ?? null,
      reason: body.reason?.trim() || null,
    });
  }

  private async preview(principal: Principal, catalog: ReportingCatalog, department: ReportingDepartment | null, input: PreviewInput): Promise<BatchRecord> {
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const unitName = unitNamer(catalog);
    const lastMonth = lastCompleteMonth(this.clock.now());
    const online = input.source === 'online';
    const subjectOf = (record: ObservationRecord) => `${indicators.get(record.indicator)!.name}/${regionNames.get(record.region) ?? record.region}`;
    const rejects: RejectView[] = [...input.rejects];
    const reject = (record: ObservationRecord, reason: string, field: 'value' | 'period' = 'value') => {
      const column = field === 'period' ? record.periodColumn : record.position.column;
      rejects.push({
        file: record.position.file,
        ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
        row: record.position.row,
        ...(column === undefined ? {} : { column }),
        value: field === 'period' ? record.period : record.value,
        reason,
        ...(online ? { subject: subjectOf(record) } : {}),
      });
    };

    // 1. Who may write what, and when figures are reported: a month is reported once it is over.
    const allowed: ObservationRecord[] = [];
    for (const record of input.records) {
      const indicator = indicators.get(record.indicator)!;
      const region = { code: record.region, name: regionNames.get(record.region) ?? record.region };
      if (!canWriteFigure(principal, indicator, record.region)) {
        reject(record, writeRefusalReason(principal, indicator, region, regionNames.get(principal.regionCode ?? '') ?? principal.regionCode ?? '', '本账号', unitName));
      } else if (input.period && record.period !== input.period) {
        reject(record, `期间${record.period}与本次填报期间${input.period}不一致`, 'period');
      } else if (!isReportingMonth(indicator.frequency, record.period)) {
        reject(record, `指标"${indicator.name}"${FREQUENCY_RULES[indicator.frequency]}（本行为${record.period}）`, 'period');
      } else if (record.period > lastMonth) {
        reject(record, `${formatPeriodCn(record.period)}尚未结束，该月数据须在月末之后填报`, 'period');
      } else if (indicator.janFebCombined && (record.period.endsWith('-01') || (record.basis === 'month' && record.period.endsWith('-02') && !record.spanStart))) {
        // January is published with February: alone, either month leaves the other unknown for
        // the whole year's cumulative figures.
        reject(record, `指标"${indicator.name}"按1-2月合并报送，请将期间填为"${parsePeriod(record.period).year}年1-2月"`, 'period');
      } else {
        allowed.push(record);
      }
    }

    // 2. Against the figures in force and pending submissions: where a figure stands, never a batch number.
    const classified = await this.figures.classify(allowed);
    const entries: PreviewEntry[] = [];
    allowed.forEach((record, index) => {
      const c = classified[index]!;
      const owner = figureOwner(indicators.get(record.indicator)!, record.region);
      const owners = owner ? { reporter: unitName(owner.reporter), reviewer: unitName(owner.reviewer) } : null;
      if (c.pendingStatus === 'submitted') {
        reject(record, c.pendingDepartment === (department?.code ?? null) || !owners ? '该数据已提交待审核，审核完成前不能再次填报' : `${figureStatusText('submitted', owners)}，审核完成前不能再次填报`);
      } else if (c.pendingStatus === 'draft' && c.pendingDepartment !== (department?.code ?? null)) {
        reject(record, `${c.pendingDepartment ? unitName(c.pendingDepartment) : '管理员'}正在填报该数据（草稿未提交），请协调后再填报`);
      } else {
        entries.push({ record, kind: c.kind, oldValue: c.oldValue });
      }
    });

    // 3. The checks: 强制性审核 refuses a row, 核实性审核 asks for a 说明; comparisons for the reviewer.
    const { rows, refused, resubmits } = await this.checks.previewRows(entries, catalog);
    for (const { record, message } of refused) reject(record, message);
    rejects.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
    for (const r of rejects) r.reason = asSentence(r.reason);

    const report: PreviewReport = {
      ...checkReport({
        rowsRead: input.rowsRead,
        records: input.records.length + input.rejects.length,
        rows,
        rejects,
        skipped: input.skipped.slice(0, 200).map((s) => ({
          ...(s.sheet === undefined ? {} : { sheet: s.sheet }),
          row: s.row,
          ...(s.toRow === undefined ? {} : { toRow: s.toRow }),
          ...(s.column === undefined ? {} : { column: s.column }),
          rule: s.rule,
          reason: s.reason,
        })),
        reason: input.reason,
      }),
      ...(resubmits.length > 0 ? { resubmits } : {}),
    };
    const periods = [...new Set(input.records.map((r) => r.period))];
    const drafts = rejects.length === 0 ? entries.map((e) => e.record) : null;
    const { batchId } = await this.batches
      .createPreview({
        source: input.source,
        departmentCode: department?.code ?? null,
        period: input.period ?? (periods.length === 1 ? periods[0]! : null),
        fileName: input.fileName,
        file: input.file,
        createdBy: principal.userId,
        createdAt: this.clock.now(),
        rowsTotal: report.summary.records,
        rowsRejected: rejects.length,
        report,
        drafts,
        auditSummary: { source: input.source, department: department?.code ?? null, fileName: input.fileName, sha256: input.file?.sha256 ?? null, ...report.summary },
      })
      .catch((error: unknown) => {
        throw conflict(error);
      });
    return (await this.batches.findBatch(batchId))!;
  }

  /** Discards the previews nobody submitted within a day (the scheduler's hourly tidy-up). */
  discardStalePreviews(): Promise<string[]> {
    const now = this.clock.now();
    return this.batches.discardStalePreviews(new Date(now.getTime() - PREVIEW_LIFETIME_MS), now);
  }

  // ── batches: read, submit, review ─────────────────────────────────────────────────────────

  /** Batches in scope; `reviewable` lists only what the caller may approve or return (the review queue). */
  async list(principal: Principal, query: SubmissionsQueryDto): Promise<BatchRecord[]> {
    const everyone = principal.role === 'admin' || principal.role === 'viewer' || reviewsDistrictWide(principal);
    const own = principal.departmentCode;
    if (!everyone && query.department && query.department !== own) throw new ForbiddenException('只能查看本部门的报送批次');
    const reviewer = principal.role === 'reviewer' && own ? own : null;
    return this.batches.listBatches({
      departmentCodes: everyone ? (query.department ? [query.department] : null) : [own ?? ''],
      reviewedBy: everyone || !reviewer ? [] : [reviewer],
      ...(query.reviewable && principal.role !== 'admin' ? { reviewer: { departmentCode: reviewer ?? '', legacyAll: DISTRICT_WIDE_REVIEW_DEPARTMENTS.includes(reviewer ?? '') } } : {}),
      limit: query.limit,
      offset: query.offset,
      ...(query.status ? { status: query.status } : {}),
      ...(query.period ? { period: query.period } : {}),
    });
  }

  async get(principal: Principal, id: string): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canViewBatch(principal, batch)) throw new ForbiddenException('该批次属于其他部门，无权查看');
    return batch;
  }

  async originalFile(principal: Principal, id: string): Promise<DownloadFile> {
    const batch = await this.get(principal, id);
    const file = batch.fileSha256 ? await this.batches.storedFile(batch.fileSha256) : undefined;
    if (!file) throw new NotFoundException('该批次没有上传文件（在线填报）');
    return { fileName: batch.fileName ?? `${file.sha256}.bin`, contentType: file.contentType ?? 'application/octet-stream', bytes: file.bytes };
  }

  /**
   * Submits a preview whole. Each row takes its 说明 (the note) and 修改原因 as given here (else as
   * previewed, else the batch's reason for a changed row); the rows are checked again: a hard hit or
   * a soft hit without a 说明 answers 422 with the rows. Figures for several 审核单位 become one
   * batch each; the answer is the first, its report listing the others.
   */
  async submit(principal: Principal, id: string, body: SubmitDto): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canManageBatch(principal, batch)) throw new ForbiddenException('该批次属于其他部门，无权提交');
    expectStatus(batch, 'preview', '提交');
    if (batch.rowsRejected > 0) {
      throw new UnprocessableEntityException({
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: 'Unprocessable Entity',
        code: 'has_rejects',
        message: `预览中有${batch.rowsRejected}行被拒绝，整批不能提交：请修正后重新上传。`,
      });
    }
    if (batch.pendingRows === 0) {
      throw new UnprocessableEntityException({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', code: 'nothing_to_submit', message: '预览中没有新增或变更的数据，无需提交。' });
    }
    const catalog = await this.figures.catalog();
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const pending = await this.figures.pendingFigures(id);
    if (pending.some((f) => !canWriteFigure(principal, indicators.get(f.indicator)!, f.region))) {
      throw new ForbiddenException('该批次含有您无权填报的数据，不能由您提交');
    }
    const report = batch.report as PreviewReport;
    const batchReason = body.reason?.trim() || report.reason || null;
    const given = new Map((body.rows ?? []).map((r) => [keyOf({ indicator: r.indicator, region: r.region, period: r.period, basis: r.basis }), r]));
    const settled = pending.map((f) => {
      const row = given.get(keyOf(f));
      const note = row?.note !== undefined ? row.note.trim() || null : f.note;
      return { ...f, note, reason: f.changed ? row?.reason?.trim() || batchReason : null };
    });
    const withoutReason = settled.filter((f) => f.changed && !f.reason);
    if (withoutReason.length > 0) {
      throw badParameter('reason', `本次提交修改了已审核通过的数据，请填写修改原因：${withoutReason.map((f) => `${indicators.get(f.indicator)!.name}/${regionNames.get(f.region) ?? f.region}`).join('、')}。`, 'user');
    }
    const checks = await this.checks.checkSubmission(
      settled.map((f) => ({ ...f, indicatorName: indicators.get(f.indicator)!.name, regionName: regionNames.get(f.region) ?? f.region })),
      catalog,
    );

    // The report as submitted: each row with its 说明, 修改原因 and the checks made now.
    const byKey = new Map(settled.map((f, i) => [keyOf(f), { figure: f, check: checks[i]! }]));
    const rows = report.rows.map((row) => {
      const now = byKey.get(previewFigureKey(row));
      return now ? { ...row, note: now.figure.note, reason: now.figure.reason, checks: now.check.hits, comparisons: now.check.comparisons, needsExplanation: false } : row;
    });
    const submitted = { ...report, ...checkReport({ rowsRead: report.summary.rowsRead, records: report.summary.records, rows, rejects: report.rejects, skipped: report.skipped, reason: batchReason }) };

    // One batch per 审核单位.
    const reviewers = new Map<string, string[]>();
    for (const f of settled) {
      const indicator = indicators.get(f.indicator)!;
      const reviewer = figureOwner(indicator, f.region)?.reviewer ?? indicator.departmentCode;
      reviewers.set(reviewer, [...(reviewers.get(reviewer) ?? []), keyOf(f)]);
    }
    const parts: SubmittedPart[] = [...reviewers].map(([reviewer, keys]) => ({
      reviewerDepartmentCode: reviewer,
      keys,
      report: reviewers.size === 1 ? submitted : reportPart(submitted, new Set(keys)),
    }));
    const figures: SubmittedFigure[] = settled.map((f) => ({ key: keyOf(f), note: f.note, reason: f.reason }));
    try {
      await this.batches.submit(id, { userId: principal.userId, at: this.clock.now() }, figures, parts);
    } catch (error) {
      throw conflict(error);
    }
    return this.batch(id);
  }

  async approve(principal: Principal, id: string, body: { comment?: string }): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canReview(principal, batch)) throw new ForbiddenException('该批次不在您的审核范围内');
    expectStatus(batch, 'submitted', '审核通过');
    const at = this.clock.now();
    let result;
    try {
      result = await this.batches.approve(id, { userId: principal.userId, at, comment: body.comment?.trim() || null });
    } catch (error) {
      throw conflict(error);
    }
    this.events.publish({ type: 'figures_approved', batchId: id, indicatorCodes: result.indicatorCodes, at });
    return this.batch(id);
  }

  /** Returns a submission with the reviewer's comment; its department is told in 部门通知. */
  async returnBatch(principal: Principal, id: string, body: { comment: string }): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canReview(principal, batch)) throw new ForbiddenException('该批次不在您的审核范围内');
    expectStatus(batch, 'submitted', '退回');
    const comment = body.comment.trim();
    const catalog = await this.figures.catalog();
    const unitName = unitNamer(catalog);
    const report = batch.report && 'rows' in batch.report ? batch.report : null;
    const figures = report ? [...new Set(report.rows.filter((r) => r.kind !== 'unchanged').map((r) => `${r.indicatorName}/${r.regionName}`))] : [];
    const reviewer = batch.reviewerDepartmentCode ? unitName(batch.reviewerDepartmentCode) : (principal.departmentCode ? unitName(principal.departmentCode) : '审核人');
    try {
      await this.batches.returnBatch(id, { userId: principal.userId, at: this.clock.now(), comment }, (rows) =>
        batch.departmentCode
          ? {
              event: 'returned',
              departmentCode: batch.departmentCode,
              batchId: id,
              idempotencyKey: `returned:${id}`,
              title: `${formatPeriodCn(batch.period)}报送已被${reviewer}退回`,
              body: `审核意见：${asSentence(comment)}退回${rows}项数据${figures.length ? `（${figures.join('、')}）` : ''}，请在"我的任务"中修改后重新报送。`,
            }
          : null,
      );
    } catch (error) {
      throw conflict(error);
    }
    return this.batch(id);
  }

  async discard(principal: Principal, id: string): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canManageBatch(principal, batch)) throw new ForbiddenException('该批次属于其他部门，无权作废');
    expectStatus(batch, 'preview', '作废');
    try {
      await this.batches.discard(id, { userId: principal.userId, at: this.clock.now() });
    } catch (error) {
      throw conflict(error);
    }
    return this.batch(id);
  }

  /** A batch of the reporting flow: uploads, online entries and what untrusted ETL jobs (the inbox) submit for review. */
  private async batch(id: string): Promise<BatchRecord> {
    const batch = await this.batches.findBatch(id);
    // Batches a department sent (uploads, online entry, inbox files awaiting review) can be opened; sample, published and trusted loads cannot.
    if (!batch || batch.source === 'sample' || batch.source === 'published' || (batch.source === 'etl' && batch.status === 'loaded')) throw new NotFoundException(`报送批次${id}不存在`);
    return batch;
  }
}

function expectStatus(batch: BatchRecord, status: BatchStatus, action: string): void {
  if (batch.status !== status) throw new ConflictException(`批次当前状态为"${STATUS_LABELS[batch.status]}"，不能${action}`);
}

function conflict(error: unknown): unknown {
  if (error instanceof BatchStateConflict) return new ConflictException('批次状态已被他人更改，请刷新后重试');
  if (error instanceof PendingFigureConflict || error instanceof ConcurrentPendingFigure) return new ConflictException(error.message);
  if (error instanceof ConcurrentFigureChange) return new ConflictException('部分数据刚被其他导入或审核更新，请刷新后重试');
  return error;
}

/** What the parser needs from outside: the year of the reported month, a town's own region. */
function transformContext(principal: Principal, period: Period | undefined): TransformContext {
  return {
    ...(period ? { defaultYear: parsePeriod(period).year } : {}),
    ...(principal.departmentKind && principal.departmentKind !== 'bureau' && principal.regionCode ? { defaultRegion: principal.regionCode } : {}),
  };
}

export function etlCatalog(catalog: ReportingCatalog): EtlCatalog {
  return {
    indicators: catalog.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, kind: i.kind, nonNegative: i.nonNegative, regionCodes: [...i.regionCodes] })),
    regions: catalog.regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, aliases: r.aliases })),
  };
}

/** A reject as the preview shows it; `subject` names an online row by what it is about. */
function rejectView(reject: Reject, subject?: string): RejectView {
  return {
    file: reject.file,
    ...(reject.sheet === undefined ? {} : { sheet: reject.sheet }),
    row: reject.row,
    ...(reject.column === undefined ? {} : { column: reject.column }),
    value: reject.value,
    reason: reject.reason,
    ...(subject === undefined ? {} : { subject }),
  };
}
