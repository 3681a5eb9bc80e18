import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import {
  ApproveDto,
  DepartmentPeriodQueryDto,
  EntriesDto,
  ExportQueryDto,
  ProgressQueryDto,
  ReminderDto,
  ReturnDto,
  SubmissionsQueryDto,
  SubmitDto,
  UploadFieldsDto,
} from './dto/reporting.dto.js';
import { ReportingProgressService } from './reporting-progress.service.js';
import { ReportingSubmissionsService, type UploadedFile as UploadedSpreadsheet } from './reporting-submissions.service.js';
import { ReportingTemplatesService } from './reporting-templates.service.js';
import type { DownloadFile } from './reporting.types.js';
import { UploadInterceptor } from './upload.interceptor.js';

/** Sends a generated or stored file as an attachment, with its (Chinese) name encoded for every browser. */
function download(response: Response, file: DownloadFile): StreamableFile {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  response.setHeader('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  response.setHeader('x-content-type-options', 'nosniff');
  return new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length });
}

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('reporting')
export class ReportingController {
  constructor(
    @Inject(ReportingTemplatesService) private readonly templates: ReportingTemplatesService,
    @Inject(ReportingSubmissionsService) private readonly submissions: ReportingSubmissionsService,
    @Inject(ReportingProgressService) private readonly progress: ReportingProgressService,
  ) {}

  @Get('tasks')
  @ApiOperation({ summary: "The department's reporting calendar for a month: its figures (earlier months' overdue and returned ones first), due dates, days left, and what others report that it watches" })
  tasks(@CurrentPrincipal() principal: Principal, @Query() query: DepartmentPeriodQueryDto) {
    return this.templates.tasks(principal, query);
  }

  @Get('template')
  @ApiOperation({ summary: "XLSX template of the department's figures for a month (only 数值 and 说明 unlocked; figures waiting for review left out)" })
  async template(@CurrentPrincipal() principal: Principal, @Query() query: DepartmentPeriodQueryDto, @Res({ passthrough: true }) response: Response) {
    return download(response, await this.templates.template(principal, query));
  }

  @Get('progress')
  @ApiOperation({ summary: '报送进度: departments × indicators for a month (未报 / 已报 / 已退回 / 已审核 / 逾期), for 统计局, 发改局, leaders and admins' })
  progressMatrix(@CurrentPrincipal() principal: Principal, @Query() query: ProgressQueryDto) {
    return this.progress.matrix(principal, query);
  }

  @Post('reminders')
  @HttpCode(200)
  @ApiOperation({ summary: '催报: remind a department of the figures it still owes, in its 部门通知 (once per department per day)' })
  remind(@CurrentPrincipal() principal: Principal, @Body() body: ReminderDto) {
    return this.progress.remind(principal, body);
  }

  @Post('submissions')
  @Roles('reporter')
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, period: { type: 'string' }, reason: { type: 'string' } } } })
  @ApiOperation({ summary: 'Upload an XLSX, XLS or CSV: a preview (new / changed / unchanged / rejected, the check report of every row); nothing comes into force' })
  upload(@CurrentPrincipal() principal: Principal, @UploadedFile() file: UploadedSpreadsheet | undefined, @Body() fields: UploadFieldsDto) {
    return this.submissions.previewUpload(principal, file, fields);
  }

  @Post('entries')
  @Roles('reporter')
  @ApiOperation({ summary: 'Online entry of figures: the same validation, checks and preview as an upload (a row’s note is its 说明)' })
  entries(@CurrentPrincipal() principal: Principal, @Body() body: EntriesDto) {
    return this.submissions.previewEntries(principal, body);
  }

  @Get('submissions')
  @ApiOperation({ summary: 'Batches in scope; ?status=submitted&reviewable=true is the caller’s review queue' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: SubmissionsQueryDto) {
    return this.submissions.list(principal, query);
  }

  @Get('submissions/:id')
  @ApiOperation({ summary: 'One batch with its check report' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.submissions.get(principal, id);
  }

  @Get('submissions/:id/file')
  @ApiOperation({ summary: 'The original uploaded file, as stored by its SHA-256' })
  async file(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response) {
    return download(response, await this.submissions.originalFile(principal, id));
  }

  @Post('submissions/:id/submit')
  @HttpCode(200)
  @Roles('reporter')
  @ApiOperation({ summary: 'Submit a preview whole for review, with each row’s 说明 and 修改原因; 422 lists the rows a check still stops' })
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitDto) {
    return this.submissions.submit(principal, id, body);
  }

  @Post('submissions/:id/discard')
  @HttpCode(200)
  @Roles('reporter')
  @ApiOperation({ summary: 'Throw a preview away (its drafts are removed)' })
  discard(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.submissions.discard(principal, id);
  }

  @Post('submissions/:id/approve')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Approve a submission (its 审核单位 only): its figures come into force' })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApproveDto) {
    return this.submissions.approve(principal, id, body);
  }

  @Post('submissions/:id/return')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Return a submission with a comment (required); the department is told in 部门通知' })
  returnBatch(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnDto) {
    return this.submissions.returnBatch(principal, id, body);
  }

  @Get('export')
  @ApiOperation({ summary: 'Approved figures of a month in scope, as XLSX or CSV (formula-like cells escaped)' })
  async export(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) response: Response) {
    return download(response, await this.templates.export(principal, query));
  }
}
