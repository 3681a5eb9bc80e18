import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { GroupDetail, IndicatorDetailResponse, OverviewResponse, Period } from '@planwatch/shared';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../common/period.dto.js';
import { CurrentPrincipal, Public } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { ProgressService } from './progress.service.js';

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
  overview(@Query() query: PeriodQueryDto, @CurrentPrincipal() principal?: Principal): Promise<OverviewResponse> {
    return this.progress.overview(query.period, principal);
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
  indicator(@Param('code') code: string, @Query() query: IndicatorQueryDto, @CurrentPrincipal() principal?: Principal): Promise<IndicatorDetailResponse> {
    return this.progress.indicator(code, query, principal);
  }
}
