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
  ReturnDto,
  SubmissionsQueryDto,
  SubmitDto,
  UploadFieldsDto,
} from './dto/reporting.dto.js';
import { ReportingService, type UploadedFile as UploadedSpreadsheet } from './reporting.service.js';
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
  constructor(@Inject(ReportingService) private readonly reporting: ReportingService) {}

  @Get('tasks')
  @ApiOperation({ summary: "The department's reporting calendar for a month: each indicator × region, due date and status" })
  tasks(@CurrentPrincipal() principal: Principal, @Query() query: DepartmentPeriodQueryDto) {
    return this.reporting.tasks(principal, query);
  }

  @Get('template')
  @ApiOperation({ summary: "XLSX template of the department's indicators × regions for a month (only 数值 and 备注 unlocked)" })
  async template(@CurrentPrincipal() principal: Principal, @Query() query: DepartmentPeriodQueryDto, @Res({ passthrough: true }) response: Response) {
    return download(response, await this.reporting.template(principal, query));
  }

  @Post('submissions')
  @Roles('reporter')
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, period: { type: 'string' }, reason: { type: 'string' } } } })
  @ApiOperation({ summary: 'Upload an XLSX or CSV: a preview (new / changed / unchanged / rejected, warnings); nothing comes into force' })
  upload(@CurrentPrincipal() principal: Principal, @UploadedFile() file: UploadedSpreadsheet | undefined, @Body() fields: UploadFieldsDto) {
    return this.reporting.previewUpload(principal, file, fields);
  }

  @Post('entries')
  @Roles('reporter')
  @ApiOperation({ summary: 'Online entry of figures: the same validation and preview as an upload' })
  entries(@CurrentPrincipal() principal: Principal, @Body() body: EntriesDto) {
    return this.reporting.previewEntries(principal, body);
  }

  @Get('submissions')
  @ApiOperation({ summary: 'Batches in scope; ?status=submitted is the review queue' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: SubmissionsQueryDto) {
    return this.reporting.list(principal, query);
  }

  @Get('submissions/:id')
  @ApiOperation({ summary: 'One batch with its preview report' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reporting.get(principal, id);
  }

  @Get('submissions/:id/file')
  @ApiOperation({ summary: 'The original uploaded file, as stored by its SHA-256' })
  async file(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response) {
    return download(response, await this.reporting.originalFile(principal, id));
  }

  @Post('submissions/:id/submit')
  @HttpCode(200)
  @Roles('reporter')
  @ApiOperation({ summary: 'Submit a preview whole for review (refused when any row was rejected)' })
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitDto) {
    return this.reporting.submit(principal, id, body);
  }

  @Post('submissions/:id/discard')
  @HttpCode(200)
  @Roles('reporter')
  @ApiOperation({ summary: 'Throw a preview away (its drafts are removed)' })
  discard(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reporting.discard(principal, id);
  }

  @Post('submissions/:id/approve')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Approve a submission: its figures come into force' })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApproveDto) {
    return this.reporting.approve(principal, id, body);
  }

  @Post('submissions/:id/return')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Return a submission with a comment (required)' })
  returnBatch(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnDto) {
    return this.reporting.returnBatch(principal, id, body);
  }

  @Get('export')
  @ApiOperation({ summary: 'Approved figures of a month in scope, as XLSX or CSV (formula-like cells escaped)' })
  async export(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) response: Response) {
    return download(response, await this.reporting.export(principal, query));
  }
}
