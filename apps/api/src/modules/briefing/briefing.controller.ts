import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isPeriod, type Period } from '@planwatch/shared';
import { badParameter } from '../../common/validation.js';
import type { Response } from 'express';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../common/period.dto.js';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import type { ArchiveFormat } from './briefing.repository.js';
import { BriefingService, type BriefingFormat } from './briefing.service.js';

export class BriefingQueryDto {
  @ApiPropertyOptional({ example: '2026-10', description: 'Default: the latest month with approved headline data' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;

  @ApiPropertyOptional({ enum: ['html', 'xlsx', 'docx', 'pdf', 'json'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'xlsx', 'docx', 'pdf', 'json'])
  format?: BriefingFormat;
}

export class ArchivedQueryDto {
  @ApiPropertyOptional({ enum: ['html', 'xlsx', 'docx', 'pdf'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'xlsx', 'docx', 'pdf'])
  format?: ArchiveFormat;
}

export class NextStepDto {
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  owners!: string[];

  @IsString()
  @MinLength(2)
  @MaxLength(300)
  action!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(40)
  due!: string;
}

export class NextStepsDto {
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => NextStepDto)
  steps!: NextStepDto[];
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
    send(response, file, format !== 'html');
  }

  @Put('monthly/:period/next-steps')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a month’s 下步工作 (who, what, by when) before the briefing is sent' })
  nextSteps(@Param('period') period: string, @Body() body: NextStepsDto, @CurrentPrincipal() principal: Principal) {
    if (!isPeriod(period)) throw badParameter('period', `"${period}" is not a month (YYYY-MM)`);
    return this.briefings.saveNextSteps(period, body.steps, principal);
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
    send(response, file, format !== 'html');
  }

  @Post('monthly/archive')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Generate and archive a month’s briefing now' })
  generate(@Query() query: BriefingQueryDto) {
    return this.briefings.archive('api', query.period);
  }
}
