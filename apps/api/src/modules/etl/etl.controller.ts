import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { EtlRunsQueryDto } from './dto/etl.dto.js';
import { EtlService } from './etl.service.js';

@ApiTags('etl')
@ApiBearerAuth()
@Controller('etl')
export class EtlController {
  constructor(@Inject(EtlService) private readonly etl: EtlService) {}

  @Get('jobs')
  @Roles('reviewer')
  @ApiOperation({ summary: 'Declared ETL jobs (packages/etl/jobs/*.job.yaml): source, schedule, mode, last run; invalid files with their problems' })
  jobs() {
    return this.etl.listJobs();
  }

  @Post('jobs/:name/run')
  @Roles('admin')
  @HttpCode(200)
  @ApiParam({ name: 'name', example: 'department-inbox' })
  @ApiOperation({ summary: 'Run a job now and return its run record (409 while it is already running)' })
  run(@Param('name') name: string, @CurrentPrincipal() principal: Principal) {
    return this.etl.runJob(name, principal);
  }

  @Get('runs')
  @Roles('reviewer')
  @ApiOperation({ summary: 'Run records, newest first: job, trigger, start, end, rows read/loaded/unchanged/rejected, status, error' })
  runs(@Query() query: EtlRunsQueryDto) {
    return this.etl.listRuns({ ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('runs/:id')
  @Roles('reviewer')
  @ApiOperation({ summary: 'One run with its report: every unit (file), every rejection (file, sheet, row, column, value, reason), the watermark' })
  runRecord(@Param('id', ParseUUIDPipe) id: string) {
    return this.etl.getRun(id);
  }
}
