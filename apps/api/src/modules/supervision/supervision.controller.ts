import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SupervisionDetail, SupervisionListResponse, SupervisionPublicSummary, SupervisionSubject } from '@planwatch/shared';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { UploadInterceptor } from '../reporting/upload.interceptor.js';
import { CommentDto, OpenSupervisionDto, ReplyDto, SupervisionQueryDto } from './dto/supervision.dto.js';
import { SupervisionService, type UploadedAttachment } from './supervision.service.js';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(@Inject(SupervisionService) private readonly supervision: SupervisionService) {}

  @Public()
  @Get('summary')
  @ApiOperation({ summary: 'For the wall screen, without signing in: open / overdue / closed this month, and the red ones by title' })
  summary(): Promise<SupervisionPublicSummary> {
    return this.supervision.publicSummary();
  }

  @Get()
  @ApiOperation({ summary: '督办 by state, colour, department, overdue; a department sees its own, leaders and administrators all' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: SupervisionQueryDto): Promise<SupervisionListResponse> {
    return this.supervision.list(principal, query);
  }

  @Post()
  @Roles('viewer')
  @ApiOperation({ summary: 'Open a 督办 from an alert or by hand (leaders and administrators); the deadline counts working days' })
  open(@CurrentPrincipal() principal: Principal, @Body() body: OpenSupervisionDto): Promise<SupervisionDetail> {
    return this.supervision.open(principal, { ...body, subject: body.subject as Exclude<SupervisionSubject, { kind: 'alert' }> | undefined });
  }

  @Get('attachments/:id')
  @ApiOperation({ summary: 'A file attached to a reply' })
  async attachment(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const file = await this.supervision.attachment(principal, id);
    return new StreamableFile(file.bytes, { type: file.contentType, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}` });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One 督办 with its timeline and what the caller may do now' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SupervisionDetail> {
    return this.supervision.get(principal, id);
  }

  @Post(':id/sign')
  @HttpCode(200)
  @ApiOperation({ summary: '签收 (a reporter or reviewer of the owner department)' })
  sign(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SupervisionDetail> {
    return this.supervision.act(principal, id, 'sign', null);
  }

  @Post(':id/replies')
  @HttpCode(200)
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({ summary: '反馈: reason, measures, expected completion; optionally one XLSX/CSV file (checked like an upload)' })
  reply(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ReplyDto,
    @UploadedFile() file: UploadedAttachment | undefined,
  ): Promise<SupervisionDetail> {
    return this.supervision.reply(principal, id, body, file);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回 a reply with a comment (leaders and administrators)' })
  returnReply(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: CommentDto): Promise<SupervisionDetail> {
    return this.supervision.act(principal, id, 'return', body.comment?.trim() || null);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: '办结: accept the reply (leaders and administrators)' })
  close(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: CommentDto): Promise<SupervisionDetail> {
    return this.supervision.act(principal, id, 'close', body.comment?.trim() || null);
  }
}
