import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PROJECT_STAGES, type ProjectStage } from '@planwatch/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { Public } from '../auth/auth.decorators.js';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../common/period.dto.js';
import { ProjectsService } from './projects.service.js';

export class ProjectQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() chain?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() region?: string;
  @ApiPropertyOptional({ enum: PROJECT_STAGES }) @IsOptional() @IsIn(PROJECT_STAGES) stage?: ProjectStage;
  @ApiPropertyOptional({ description: 'true: only stalled projects; false: only moving ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'stalled must be true or false' })
  stalled?: boolean;
  @ApiPropertyOptional({ example: '2026-10' }) @IsOptional() @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') }) period?: string;
}

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Key projects with investment completion, on-time start and stall status' })
  list(@Query() query: ProjectQueryDto) {
    const { period, ...filter } = query;
    return this.projects.list(filter, period as `${number}-${number}` | undefined);
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: 'One key project with its monthly progress' })
  detail(@Param('code') code: string, @Query() query: ProjectQueryDto) {
    return this.projects.detail(code, query.period as `${number}-${number}` | undefined);
  }
}
