import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { RankingResponse, RankingSummary } from '@planwatch/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Public } from '../auth/auth.decorators.js';
import { RankingService } from './ranking.service.js';

export class RankingQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Default: the year of the last complete month' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2021)
  @Max(2100)
  year?: number;
}

@ApiTags('ranking')
@ApiBearerAuth()
@Controller('ranking')
export class RankingController {
  constructor(@Inject(RankingService) private readonly ranking: RankingService) {}

  @Public()
  @Get('summary')
  @ApiOperation({ summary: 'The last complete month’s 红榜 and 黑榜 (top and bottom three) per group, for the wall screen' })
  summary(): Promise<RankingSummary> {
    return this.ranking.summary();
  }

  @Get()
  @ApiOperation({ summary: '红黑榜 of a year: per month, each town and department’s parts, score and rank' })
  year(@Query() query: RankingQueryDto): Promise<RankingResponse> {
    return this.ranking.year(query.year);
  }
}
