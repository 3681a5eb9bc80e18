import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Period } from '@planwatch/shared';
import type { Response } from 'express';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../common/period.dto.js';
import { Public, Roles } from '../auth/auth.decorators.js';
import { BriefingService, type BriefingFormat } from './briefing.service.js';

export class BriefingQueryDto {
  @ApiPropertyOptional({ example: '2026-10', description: 'Default: the latest month with approved headline data' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;

  @ApiPropertyOptional({ enum: ['html', 'xlsx', 'json'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'xlsx', 'json'])
  format?: BriefingFormat;
}

export class ArchivedQueryDto {
  @ApiPropertyOptional({ enum: ['html', 'xlsx'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'xlsx'])
  format?: 'html' | 'xlsx';
}

function send(response: Response, file: { contentType: string; fileName: string; body: unknown }, attachment: boolean): void {
  response.setHeader('content-type', file.contentType);
  response.setHeader('content-disposition', `${attachment ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  response.send(file.body);
}

/**
 * 月度通报. Public like the progress it summarises (the same figures the wall screen shows);
 * archiving by hand is for administrators.
 */
@ApiTags('briefings')
@Controller('briefings')
export class BriefingController {
  constructor(@Inject(BriefingService) private readonly briefings: BriefingService) {}

  @Public()
  @Get('monthly')
  @ApiOperation({ summary: 'Monthly briefing: printable HTML (default), XLSX or JSON' })
  async monthly(@Query() query: BriefingQueryDto, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'html';
    const file = await this.briefings.render(query.period, format);
    if (format === 'json') {
      response.json(file.body);
      return;
    }
    send(response, file, format === 'xlsx');
  }

  @Public()
  @Get('archive')
  @ApiOperation({ summary: 'Briefings archived on schedule (day 11 of each month, for the month just closed)' })
  archive() {
    return this.briefings.listArchive();
  }

  @Public()
  @Get('archive/:period')
  async archived(@Param('period') period: string, @Query() query: ArchivedQueryDto, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'html';
    const file = await this.briefings.archived(period, format);
    send(response, file, format === 'xlsx');
  }

  @Post('monthly/archive')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Generate and archive a month’s briefing now' })
  generate(@Query() query: BriefingQueryDto) {
    return this.briefings.archive('api', query.period);
  }
}
