import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { GroupDetail, Period } from '@planwatch/shared';
import type { Request, Response } from 'express';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../common/period.dto.js';
import { CurrentPrincipal, Public } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { ProgressService, type SerializedResult } from './progress.service.js';

/** Sends a pre-serialised answer, or 304 when the client already has this version. */
function sendSerialized(request: Request, response: Response, { body, etag }: SerializedResult): void {
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', 'no-cache');
  if (request.headers['if-none-match'] === etag) {
    response.status(304).end();
    return;
  }
  response.type('application/json').send(body);
}

export class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-10', description: 'Month YYYY-MM; default: the latest month with approved headline data' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;
}

export class IndicatorQueryDto {
  @ApiPropertyOptional({ example: '140404', description: 'Region code; default the district' })
  @IsOptional()
  @IsString()
  region?: string;

  @ApiPropertyOptional({ example: '2025-01' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('from') })
  from?: Period;

  @ApiPropertyOptional({ example: '2026-10' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('to') })
  to?: Period;
}

/**
 * Progress against the plan. Public, because the wall screen runs unattended; a signed-in
 * department additionally sees its own drafts and submissions, flagged provisional.
 */
@ApiTags('progress')
@Controller('progress')
export class ProgressController {
  constructor(@Inject(ProgressService) private readonly progress: ProgressService) {}

  @Public()
  @Get('overview')
  @ApiOperation({ summary: 'Headline KPIs, chains, services, towns and zones, key projects, data freshness' })
  @ApiOkResponse({ description: 'OverviewResponse (packages/shared/src/api/contracts.ts); ETag per data version' })
  async overview(@Query() query: PeriodQueryDto, @Req() request: Request, @Res() response: Response, @CurrentPrincipal() principal?: Principal): Promise<void> {
    sendSerialized(request, response, await this.progress.overviewJson(query.period, principal));
  }

  @Public()
  @Get('chains/:code')
  @ApiParam({ name: 'code', example: 'green_coal' })
  @ApiOperation({ summary: 'One chain or service, broken down by indicator' })
  chain(@Param('code') code: string, @Query() query: PeriodQueryDto, @CurrentPrincipal() principal?: Principal): Promise<GroupDetail> {
    return this.progress.chain(code, query.period, principal);
  }

  @Public()
  @Get('regions/:code')
  @ApiParam({ name: 'code', example: '140404103' })
  @ApiOperation({ summary: 'One town or zone, broken down by the indicators it reports' })
  region(@Param('code') code: string, @Query() query: PeriodQueryDto, @CurrentPrincipal() principal?: Principal): Promise<GroupDetail> {
    return this.progress.region(code, query.period, principal);
  }

  @Public()
  @Get('indicators/:code')
  @ApiParam({ name: 'code', example: 'coal_output' })
  @ApiOperation({ summary: 'Monthly and YTD series, annual targets, plan trajectory, progress, projection, year on year' })
  @ApiOkResponse({ description: 'IndicatorDetailResponse (packages/shared/src/api/contracts.ts); ETag per data version' })
  async indicator(
    @Param('code') code: string,
    @Query() query: IndicatorQueryDto,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<void> {
    sendSerialized(request, response, await this.progress.indicatorJson(code, query, principal));
  }
}
