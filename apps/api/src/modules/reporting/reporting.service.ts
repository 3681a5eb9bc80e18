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
  addMonths,
  type BatchRecord,
  type BatchSource,
  type BatchStatus,
  canManageBatch,
  canReadIndicator,
  canReview,
  canViewBatch,
  canWriteFigure,
  CHINA_UTC_OFFSET_MINUTES,
  departmentReports,
  formatPeriod,
  isReportingMonth,
  lastCompleteMonth,
  parsePeriod,
  type Period,
  type PreviewReport,
  type PreviewRow,
  previousReportingPeriod,
  type RejectView,
  reportedPeriodText,
  reportingDeadline,
  reportingScope,
  type ReportingTask,
  reviewsDistrictWide,
  type TasksResponse,
  type TaskStatus,
  type WarningView,
  writeRefusalReason,
} from '@planwatch/shared';
import { createHash } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { DomainEvents } from '../../common/domain-events.js';
import { ENV, type Env } from '../../config/env.js';
import { badParameter } from '../../common/validation.js';
import type { Principal } from '../auth/auth.types.js';
import type { EntriesDto, SubmissionsQueryDto } from './dto/reporting.dto.js';
import { jumpWarnings } from './reporting-checks.util.js';
import { ReportingSpreadsheetWriter, type TemplateRow } from './reporting-spreadsheet.writer.js';
import {
  BatchStateConflict,
  PendingFigureConflict,
  ReportingRepository,
  type ReportingCatalog,
  type ReportingDepartment,
  type ReportingIndicator,
} from './reporting.repository.js';
import type { DownloadFile, FigureKey, FigureState } from './reporting.types.js';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const XLSX_TYPE = SPREADSHEET_CONTENT_TYPES.xlsx;
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

/** A whole-file refusal: 413 for size, 422 for anything else, always with a Chinese message and a code. */
function fileRefused(code: string, message: string): PayloadTooLargeException | UnprocessableEntityException {
  if (code === 'too_large') return new PayloadTooLargeException({ statusCode: HttpStatus.PAYLOAD_TOO_LARGE, error: 'Payload Too Large', code, message });
  return new UnprocessableEntityException({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', code, message });
}

const figureKey = (k: FigureKey) => `${k.indicator}|${k.region}|${k.period}|${k.basis}`;

/**
 * Department reporting (填报): the calendar of what is due, templates, upload and online entry
 * with a preview, submission, review, and exports. Parsing and validation are @planwatch/etl's;
 * who may do what is @planwatch/shared's access policy; figures are written only through the
 * observation store, inside ReportingRepository's transactions.
 */
@Injectable()
export class ReportingService {
  /** An upload inflates to less than an ETL file may (memory: see UploadQueue). */
  private readonly uploadLimits: ReadOptions;

  constructor(
    @Inject(ReportingRepository) private readonly repository: ReportingRepository,
    @Inject(ReportingSpreadsheetWriter) private readonly spreadsheets: ReportingSpreadsheetWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(ENV) env: Env,
  ) {
    this.uploadLimits = { maxUncompressedBytes: env.UPLOAD_MAX_UNCOMPRESSED_BYTES, maxFileBytes: env.UPLOAD_MAX_BYTES, maxXlsBytes: env.UPLOAD_MAX_BYTES };
  }

  // ── calendar and template ─────────────────────────────────────────────────────────────────

  async tasks(principal: Principal, query: { period?: Period; department?: string }): Promise<TasksResponse> {
    const catalog = await this.repository.catalog();
    const department = this.departmentFor(principal, catalog, query.department);
    const period = query.period ?? lastCompleteMonth(this.clock.now());
    const scope = reportingScope(department, catalog.indicators, catalog.districtCode, period);
    const states = await this.repository.figureStates(period, [...new Set(scope.map((s) => s.indicator.code))], department.code);
    const byKey = new Map<string, FigureState[]>();
    for (const state of states) {
      const key = `${state.indicatorCode}|${state.regionCode}`;
      byKey.set(key, [...(byKey.get(key) ?? []), state]);
    }
    const today = this.today();
    const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const tasks = scope.map(({ indicator, regionCode }) =>
      taskOf(indicator, regionCode, regionNames.get(regionCode) ?? regionCode, reportedPeriodText(period, indicator), reportingDeadline(period, indicator.deadlineDay), today, byKey.get(`${indicator.code}|${regionCode}`) ?? []),
    );
    const summary: Record<TaskStatus, number> = { due: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
    for (const task of tasks) summary[task.status] += 1;
    return { department: { ...department }, period, today, summary, tasks };
  }

  async template(principal: Principal, query: { period?: Period; department?: string }): Promise<DownloadFile> {
    const catalog = await this.repository.catalog();
    const department = this.departmentFor(principal, catalog, query.department);
    const period = query.period ?? lastCompleteMonth(this.clock.now());
    const scope = reportingScope(department, catalog.indicators, catalog.districtCode, period);
    const keys = scope.flatMap(({ indicator, regionCode }) => [
      { indicator: indicator.code, region: regionCode, period: previousReportingPeriod(indicator.frequency, period), basis: indicator.usualBasis },
      { indicator: indicator.code, region: regionCode, period: addMonths(period, -12), basis: indicator.usualBasis },
    ]);
    const approved = await this.repository.approvedValues(keys);
    const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
    const rows: TemplateRow[] = scope.map(({ indicator, regionCode }) => ({
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      regionCode,
      regionName: regionNames.get(regionCode) ?? regionCode,
      periodText: reportedPeriodText(period, indicator),
      basis: indicator.usualBasis,
      unit: indicator.unit,
      nonNegative: indicator.nonNegative,
      previousValue: approved.get(figureKey({ indicator: indicator.code, region: regionCode, period: previousReportingPeriod(indicator.frequency, period), basis: indicator.usualBasis }))?.value ?? null,
      lastYearValue: approved.get(figureKey({ indicator: indicator.code, region: regionCode, period: addMonths(period, -12), basis: indicator.usualBasis }))?.value ?? null,
      dueDate: reportingDeadline(period, indicator.deadlineDay),
    }));
    const bytes = await this.spreadsheets.template({ departmentName: department.name, period, rows });
    return { fileName: `${department.name}-${period}-填报模板.xlsx`, contentType: XLSX_TYPE, bytes };
  }

  // ── preview: upload and online entry ─────────────────────────────────────────────────────

  async previewUpload(principal: Principal, file: UploadedFile | undefined, fields: { period?: Period; reason?: string; department?: string }): Promise<BatchRecord> {
    if (!file) throw badParameter('file', '请选择要上传的文件', 'user');
    const catalog = await this.repository.catalog();
    const department = this.batchDepartment(principal, catalog, fields.department);
    const context = await this.transformContext(principal, fields.period);
    let parsed;
    try {
      parsed = await parseObservationsFile({ fileName: file.originalname, bytes: file.buffer }, etlCatalog(catalog), context, this.uploadLimits);
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
      rejects: parsed.rejects,
      skipped: parsed.skipped,
      rowsRead: parsed.rowsRead,
      period: fields.period ?? null,
      reason: fields.reason?.trim() || null,
    });
  }

  async previewEntries(principal: Principal, body: EntriesDto): Promise<BatchRecord> {
    const catalog = await this.repository.catalog();
    const department = this.batchDepartment(principal, catalog, body.department);
    const context = await this.transformContext(principal, body.period);
    const raw: RawRecord[] = body.rows.map((row, index) => ({
      position: { file: ONLINE_FILE, row: index + 1 },
      columns: { indicator: 'indicator', region: 'region', period: 'period', basis: 'basis', value: 'value', unit: 'unit', note: 'note' },
      indicatorRef: /^[a-z][a-z0-9_]*$/.test(row.indicator.trim()) ? { code: row.indicator.trim() } : { name: row.indicator },
      regionRef: row.region === undefined ? {} : /^\s*\d+\s*$/.test(row.region) ? { code: row.region.trim() } : { name: row.region },
      periodRaw: row.period ?? body.period ?? null,
      basisRaw: row.basis === 'month' ? '当月' : row.basis === 'ytd' ? '累计' : (row.basis ?? null),
      valueRaw: row.value,
      ...(row.unit === undefined ? {} : { unitRaw: row.unit }),
      ...(row.note === undefined ? {} : { note: row.note }),
    }));
    const result = transformRows(raw, etlCatalog(catalog), context);
    if (result.records.length === 0 && result.rejects.length === 0) throw fileRefused('no_data', '没有可提交的数据（数值均为空）');
    return this.preview(principal, catalog, department, {
      source: 'online',
      fileName: null,
      file: null,
      records: result.records,
      rejects: result.rejects,
      skipped: result.skipped,
      rowsRead: body.rows.length,
      period: body.period ?? null,
      reason: body.reason?.trim() || null,
    });
  }

  private async preview(
    principal: Principal,
    catalog: ReportingCatalog,
    department: ReportingDepartment | null,
    input: {
      source: BatchSource;
      fileName: string | null;
      file: { sha256: string; bytes: Buffer; contentType: string } | null;
      records: ObservationRecord[];
      rejects: Reject[];
      skipped: Skipped[];
      rowsRead: number;
      period: Period | null;
      reason: string | null;
    },
  ): Promise<BatchRecord> {
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const regions = new Map(catalog.regions.map((r) => [r.code, r]));
    const currentMonth = addMonths(lastCompleteMonth(this.clock.now()), 1);
    const rejects: RejectView[] = input.rejects.map(rejectView);
    const reject = (record: ObservationRecord, value: string, reason: string) =>
      rejects.push({
        file: record.position.file,
        ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
        row: record.position.row,
        ...(record.position.column === undefined ? {} : { column: record.position.column }),
        value,
        reason,
      });

    // 1. Who may write what, and when figures are reported.
    const allowed: ObservationRecord[] = [];
    for (const record of input.records) {
      const indicator = indicators.get(record.indicator)!;
      const regionName = regions.get(record.region)?.name ?? record.region;
      const label = `${indicator.name}/${regionName}`;
      if (!canWriteFigure(principal, indicator, record.region)) {
        const own = catalog.regions.find((r) => r.code === principal.regionCode)?.name ?? principal.regionCode ?? '';
        reject(record, label, writeRefusalReason(principal, indicator, { code: record.region, name: regionName }, own));
      } else if (input.period && record.period !== input.period) {
        reject(record, record.period, `期间${record.period}与本次填报期间${input.period}不一致`);
      } else if (!isReportingMonth(indicator.frequency, record.period)) {
        reject(record, record.period, `指标"${indicator.name}"${FREQUENCY_RULES[indicator.frequency]}（本行为${record.period}）`);
      } else if (record.period > currentMonth) {
        reject(record, record.period, `期间${record.period}尚未到来，不能填报`);
      } else if (indicator.janFebCombined && (record.period.endsWith('-01') || (record.basis === 'month' && record.period.endsWith('-02') && !record.spanStart))) {
        // January is published with February: alone, either month leaves the other unknown for
        // the whole year's cumulative figures.
        reject(record, record.period, `指标"${indicator.name}"按1-2月合并报送，请将期间填为"${parsePeriod(record.period).year}年1-2月"`);
      } else {
        allowed.push(record);
      }
    }

    // 2. Against the figures in force and pending submissions.
    const classified = await this.repository.classify(allowed);
    const kept: Array<{ record: ObservationRecord; kind: PreviewRow['kind']; oldValue: string | null }> = [];
    allowed.forEach((record, index) => {
      const c = classified[index]!;
      const label = `${indicators.get(record.indicator)!.name}/${regions.get(record.region)?.name ?? record.region}`;
      if (c.pendingStatus === 'submitted') {
        reject(record, label, `该数据已提交待审核（批次${c.pendingBatch}），审核完成前不能再次填报`);
      } else if (c.pendingStatus === 'draft' && c.pendingDepartment !== (department?.code ?? null)) {
        reject(record, label, `其他部门已有该数据的待提交草稿（批次${c.pendingBatch}），请协调后再填报`);
      } else {
        kept.push({ record, kind: c.kind, oldValue: c.oldValue });
      }
    });

    // 3. Suspicious jumps against last period and last year.
    const previousKey = (r: ObservationRecord) => ({
      indicator: r.indicator,
      region: r.region,
      period: previousReportingPeriod(indicators.get(r.indicator)!.frequency, r.period),
      basis: r.basis,
    });
    const lastYearKey = (r: ObservationRecord) => ({ indicator: r.indicator, region: r.region, period: addMonths(r.period, -12), basis: r.basis });
    const changing = kept.filter((k) => k.kind !== 'unchanged');
    const approved = await this.repository.approvedValues(changing.flatMap(({ record }) => [previousKey(record), lastYearKey(record)]));
    const warnings: WarningView[] = [];
    const rows: PreviewRow[] = kept.map(({ record, kind, oldValue }) => {
      const indicator = indicators.get(record.indicator)!;
      const previous = previousKey(record);
      const lastYear = lastYearKey(record);
      const previousValue = approved.get(figureKey(previous));
      const lastYearValue = approved.get(figureKey(lastYear));
      const rowWarnings =
        kind === 'unchanged'
          ? []
          : jumpWarnings({
              value: record.value,
              basis: record.basis,
              kind: indicator.kind,
              frequency: indicator.frequency,
              spanStart: record.spanStart ?? null,
              previous: previousValue === undefined ? undefined : { period: previous.period, value: previousValue.value, spanStart: previousValue.spanStart },
              lastYear: lastYearValue === undefined ? undefined : { period: lastYear.period, value: lastYearValue.value },
            });
      for (const w of rowWarnings) {
        warnings.push({
          ...w,
          row: record.position.row,
          ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
          indicatorCode: record.indicator,
          regionCode: record.region,
          period: record.period,
          basis: record.basis,
          value: record.value,
        });
      }
      return {
        row: record.position.row,
        ...(record.position.sheet === undefined ? {} : { sheet: record.position.sheet }),
        ...(record.position.column === undefined ? {} : { column: record.position.column }),
        indicatorCode: record.indicator,
        indicatorName: indicator.name,
        regionCode: record.region,
        regionName: regions.get(record.region)?.name ?? record.region,
        period: record.period,
        basis: record.basis,
        spanStart: record.spanStart ?? null,
        unit: indicator.unit,
        value: record.value,
        note: record.note ?? null,
        kind,
        oldValue,
        warnings: rowWarnings,
      };
    });
    rejects.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));

    const count = (kind: PreviewRow['kind']) => rows.filter((r) => r.kind === kind).length;
    const report: PreviewReport = {
      summary: {
        rowsRead: input.rowsRead,
        records: input.records.length + input.rejects.length,
        new: count('new'),
        changed: count('changed'),
        unchanged: count('unchanged'),
        rejected: rejects.length,
        skipped: input.skipped.length,
        warnings: warnings.length,
      },
      submittable: rejects.length === 0 && rows.some((r) => r.kind !== 'unchanged'),
      reasonRequired: rows.some((r) => r.kind === 'changed'),
      reason: input.reason,
      rows,
      rejects,
      warnings,
      skipped: input.skipped.slice(0, 200).map((s) => ({
        ...(s.sheet === undefined ? {} : { sheet: s.sheet }),
        row: s.row,
        ...(s.toRow === undefined ? {} : { toRow: s.toRow }),
        ...(s.column === undefined ? {} : { column: s.column }),
        rule: s.rule,
        reason: s.reason,
      })),
    };
    const periods = [...new Set(input.records.map((r) => r.period))];
    const created = this.repository.createPreview({
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
      drafts: rejects.length === 0 ? kept.map((k) => k.record) : null,
      reason: input.reason,
      auditSummary: { source: input.source, department: department?.code ?? null, fileName: input.fileName, sha256: input.file?.sha256 ?? null, ...report.summary },
    });
    const { batchId } = await created.catch((error: unknown) => {
      throw this.conflict(error);
    });
    return (await this.repository.findBatch(batchId))!;
  }

  // ── batches: read, submit, review ─────────────────────────────────────────────────────────

  async list(principal: Principal, query: SubmissionsQueryDto): Promise<BatchRecord[]> {
    let departmentCodes: string[] | null;
    if (principal.role === 'admin' || principal.role === 'viewer' || reviewsDistrictWide(principal)) {
      departmentCodes = query.department ? [query.department] : null;
    } else {
      if (query.department && query.department !== principal.departmentCode) throw new ForbiddenException('只能查看本部门的报送批次');
      departmentCodes = principal.departmentCode ? [principal.departmentCode] : [];
    }
    return this.repository.listBatches({
      departmentCodes,
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
    const file = batch.fileSha256 ? await this.repository.storedFile(batch.fileSha256) : undefined;
    if (!file) throw new NotFoundException('该批次没有上传文件（在线填报）');
    return { fileName: batch.fileName ?? `${file.sha256}.bin`, contentType: file.contentType ?? 'application/octet-stream', bytes: file.bytes };
  }

  async submit(principal: Principal, id: string, body: { reason?: string }): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canManageBatch(principal, batch)) throw new ForbiddenException('该批次属于其他部门，无权提交');
    this.expectStatus(batch, 'preview', '提交');
    if (batch.rowsRejected > 0) {
      throw new UnprocessableEntityException({
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: 'Unprocessable Entity',
        code: 'has_rejects',
        message: `预览中有${batch.rowsRejected}行被拒绝，整批不能提交：请修正后重新上传`,
      });
    }
    if (batch.pendingRows === 0) {
      throw new UnprocessableEntityException({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', code: 'nothing_to_submit', message: '预览中没有新增或变更的数据，无需提交' });
    }
    const catalog = await this.repository.catalog();
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const figures = await this.repository.pendingFigures(id);
    if (figures.some((f) => !canWriteFigure(principal, indicators.get(f.indicator)!, f.region))) {
      throw new ForbiddenException('该批次含有您无权填报的数据，不能由您提交');
    }
    const reason = body.reason?.trim() || (batch.report && 'reason' in batch.report ? batch.report.reason : null) || null;
    if (!reason && (await this.repository.countChangesToApproved(id)) > 0) {
      throw badParameter('reason', '本次提交修改了已审核通过的数据，请填写修改原因', 'user');
    }
    try {
      await this.repository.submit(id, { userId: principal.userId, at: this.clock.now(), reason });
    } catch (error) {
      throw this.conflict(error);
    }
    return this.batch(id);
  }

  async approve(principal: Principal, id: string, body: { comment?: string }): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canReview(principal, batch)) throw new ForbiddenException('该批次不在您的审核范围内');
    this.expectStatus(batch, 'submitted', '审核通过');
    const at = this.clock.now();
    let result;
    try {
      result = await this.repository.approve(id, { userId: principal.userId, at, comment: body.comment?.trim() || null });
    } catch (error) {
      throw this.conflict(error);
    }
    this.events.publish({ type: 'figures_approved', batchId: id, indicatorCodes: result.indicatorCodes, at });
    return this.batch(id);
  }

  async returnBatch(principal: Principal, id: string, body: { comment: string }): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canReview(principal, batch)) throw new ForbiddenException('该批次不在您的审核范围内');
    this.expectStatus(batch, 'submitted', '退回');
    try {
      await this.repository.returnBatch(id, { userId: principal.userId, at: this.clock.now(), comment: body.comment.trim() });
    } catch (error) {
      throw this.conflict(error);
    }
    return this.batch(id);
  }

  async discard(principal: Principal, id: string): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!canManageBatch(principal, batch)) throw new ForbiddenException('该批次属于其他部门，无权作废');
    this.expectStatus(batch, 'preview', '作废');
    try {
      await this.repository.discard(id, { userId: principal.userId, at: this.clock.now() });
    } catch (error) {
      throw this.conflict(error);
    }
    return this.batch(id);
  }

  // ── export ───────────────────────────────────────────────────────────────────────────────

  async export(principal: Principal, query: { format: 'xlsx' | 'csv'; period?: Period; department?: string }): Promise<DownloadFile> {
    const catalog = await this.repository.catalog();
    const period = query.period ?? lastCompleteMonth(this.clock.now());
    const department = query.department ? catalog.departments.find((d) => d.code === query.department) : undefined;
    if (query.department && !department) throw badParameter('department', `unknown department "${query.department}"`);
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    const figures = (await this.repository.approvedFigures(period, [...indicators.keys()])).filter((f) => {
      const indicator = indicators.get(f.indicatorCode)!;
      return canReadIndicator(principal, indicator, f.regionCode) && (!department || departmentReports(department, indicator, f.regionCode));
    });
    const name = `上党区指标数据-${department?.name ?? '全部'}-${period}`;
    if (query.format === 'csv') return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', bytes: this.spreadsheets.exportCsv(figures) };
    return { fileName: `${name}.xlsx`, contentType: XLSX_TYPE, bytes: await this.spreadsheets.exportXlsx(figures) };
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  /** A batch of the reporting flow: uploads, online entries and what untrusted ETL jobs (the inbox) submit for review. */
  private async batch(id: string): Promise<BatchRecord> {
    const batch = await this.repository.findBatch(id);
    // Batches a department sent (uploads, online entry, inbox files awaiting review) can be opened; sample, published and trusted loads cannot.
    if (!batch || batch.source === 'sample' || batch.source === 'published' || (batch.source === 'etl' && batch.status === 'loaded')) throw new NotFoundException(`报送批次${id}不存在`);
    return batch;
  }

  private expectStatus(batch: BatchRecord, status: BatchStatus, action: string): void {
    if (batch.status !== status) throw new ConflictException(`批次当前状态为"${STATUS_LABELS[batch.status]}"，不能${action}`);
  }

  private conflict(error: unknown): unknown {
    if (error instanceof BatchStateConflict) return new ConflictException('批次状态已被他人更改，请刷新后重试');
    if (error instanceof PendingFigureConflict || error instanceof ConcurrentPendingFigure) return new ConflictException(error.message);
    if (error instanceof ConcurrentFigureChange) return new ConflictException('部分数据刚被其他导入或审核更新，请刷新后重试');
    return error;
  }

  /** The department whose calendar or template is asked for. */
  private departmentFor(principal: Principal, catalog: ReportingCatalog, requested: string | undefined): ReportingDepartment {
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
  private batchDepartment(principal: Principal, catalog: ReportingCatalog, requested: string | undefined): ReportingDepartment | null {
    if (principal.role !== 'admin') {
      if (requested && requested !== principal.departmentCode) throw new ForbiddenException('只能以本部门名义填报');
      return catalog.departments.find((d) => d.code === principal.departmentCode) ?? null;
    }
    if (!requested) return null;
    const department = catalog.departments.find((d) => d.code === requested);
    if (!department) throw badParameter('department', `unknown department "${requested}"`);
    return department;
  }

  private async transformContext(principal: Principal, period: Period | undefined): Promise<TransformContext> {
    const now = this.clock.now();
    const ytd = await this.repository.approvedYtdSince(formatPeriod(parsePeriod(lastCompleteMonth(now)).year - 2, 1));
    return {
      ...(period ? { defaultYear: parsePeriod(period).year } : {}),
      ...(principal.departmentKind && principal.departmentKind !== 'bureau' && principal.regionCode ? { defaultRegion: principal.regionCode } : {}),
      previousYtd: (indicator, region, p) => ytd.get(`${indicator}|${region}|${addMonths(p, -1)}`),
    };
  }

  private today(): string {
    return new Date(this.clock.now().getTime() + CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
  }
}

function etlCatalog(catalog: ReportingCatalog): EtlCatalog {
  return {
    indicators: catalog.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, kind: i.kind, nonNegative: i.nonNegative, regionCodes: i.regionCodes })),
    regions: catalog.regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, aliases: r.aliases })),
  };
}

function rejectView(reject: Reject): RejectView {
  return {
    file: reject.file,
    ...(reject.sheet === undefined ? {} : { sheet: reject.sheet }),
    row: reject.row,
    ...(reject.column === undefined ? {} : { column: reject.column }),
    value: reject.value,
    reason: reject.reason,
  };
}

/** Where one indicator × region stands for the period: the latest pending version wins, then a return, then the approved figure. */
function taskOf(indicator: ReportingIndicator, regionCode: string, regionName: string, periodText: string, dueDate: string, today: string, states: FigureState[]): ReportingTask {
  const latest = (status: FigureState['status']) => states.filter((s) => s.status === status).at(-1);
  const submitted = latest('submitted');
  const draft = latest('draft');
  const returned = latest('returned');
  const approved = states.filter((s) => s.status === 'approved').sort((a, b) => Number(b.basis === indicator.usualBasis) - Number(a.basis === indicator.usualBasis))[0];
  const overdue = !approved && today > dueDate;
  let status: TaskStatus;
  let current: FigureState | undefined;
  if (submitted) [status, current] = ['submitted', submitted];
  else if (draft) [status, current] = ['draft', draft];
  else if (returned && (!approved || returned.createdAt > (approved.decidedAt ?? approved.createdAt))) [status, current] = ['returned', returned];
  else if (approved) [status, current] = ['approved', undefined];
  else status = overdue ? 'late' : 'due';
  return {
    indicatorCode: indicator.code,
    indicatorName: indicator.name,
    unit: indicator.unit,
    frequency: indicator.frequency,
    usualBasis: indicator.usualBasis,
    regionCode,
    regionName,
    periodText,
    dueDate,
    status,
    overdue,
    approvedValue: approved?.value ?? null,
    approvedBasis: approved?.basis ?? null,
    pendingValue: current && current.status !== 'returned' ? current.value : null,
    batchId: current?.batchId ?? null,
    reviewComment: status === 'returned' ? (current?.reviewComment ?? null) : null,
  };
}
