import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AlertListResponse, AlertRuleView, AlertState, AlertView, EvaluationSummary, PublicAlertView, SilenceView } from '@planwatch/shared';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertsService } from './alerts.service.js';
import { AcknowledgeDto, AlertQueryDto, CreateRuleDto, CreateSilenceDto, EvaluateDto, ResolveDto, RunsQueryDto, SilenceQueryDto, UpdateRuleDto } from './dto/alerts.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(AlertRulesService) private readonly rules: AlertRulesService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Alerts, filtered by state, severity, department, rule, type, period; a department sees its own',
    description:
      'Readable without signing in, like progress: the unattended wall screen shows the firing ones. Anonymous callers get each ' +
      "alert's title, severity, subject and state only; signed-in users get the full view of the alerts they may see.",
  })
  list(@Query() query: AlertQueryDto, @CurrentPrincipal() principal?: Principal): Promise<AlertListResponse<PublicAlertView>> {
    const { state, ...rest } = query;
    return this.alerts.list(principal, { ...rest, states: state?.split(',') as AlertState[] | undefined });
  }

  @Post('evaluate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Evaluate rules now (all enabled rules, or the ones named); the schedule and approvals do this too' })
  evaluate(@Body() body: EvaluateDto): Promise<EvaluationSummary> {
    return this.alerts.evaluate({ trigger: 'api', ruleCodes: body.rules });
  }

  @Get('runs')
  @Roles('admin')
  @ApiOperation({ summary: 'Recent evaluation runs (one per rule and cron tick across all processes)' })
  runs(@Query() query: RunsQueryDto) {
    return this.alerts.runs(query.limit, query.job);
  }

  @Get('rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Alert rules with their parameters, severity mapping, scope and schedule' })
  listRules(): Promise<AlertRuleView[]> {
    return this.rules.list();
  }

  @Get('rules/:code')
  @Roles('admin')
  getRule(@Param('code') code: string): Promise<AlertRuleView> {
    return this.rules.get(code);
  }

  @Post('rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a rule: target_gap, projected_shortfall, late_submission, anomaly, stalled_project' })
  createRule(@CurrentPrincipal() principal: Principal, @Body() body: CreateRuleDto): Promise<AlertRuleView> {
    return this.rules.create(body, principal);
  }

  @Patch('rules/:code')
  @Roles('admin')
  updateRule(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: UpdateRuleDto): Promise<AlertRuleView> {
    return this.rules.update(code, { ...body }, principal);
  }

  @Delete('rules/:code')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Delete a rule with its alerts and their notifications (disable it to keep the history)' })
  async deleteRule(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<void> {
    await this.rules.remove(code, principal);
  }

  @Get('silences')
  @ApiOperation({ summary: 'Silences (in force now by default)' })
  silences(@Query() query: SilenceQueryDto): Promise<SilenceView[]> {
    return this.alerts.listSilences(query.active ?? true);
  }

  @Post('silences')
  @Roles('admin')
  @ApiOperation({ summary: 'Silence alerts by rule, fingerprint and/or department from start to end, with a reason' })
  createSilence(@CurrentPrincipal() principal: Principal, @Body() body: CreateSilenceDto): Promise<SilenceView> {
    return this.alerts.createSilence(body, principal);
  }

  @Delete('silences/:id')
  @HttpCode(204)
  @Roles('admin')
  async expireSilence(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.alerts.expireSilence(id, principal);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'firing → acknowledged, with a comment (the departments told, or an administrator)' })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: AcknowledgeDto): Promise<AlertView> {
    return this.alerts.acknowledge(id, principal, body.comment);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve by hand, with a comment (a reviewer of an owning department, or an administrator); the departments are told once' })
  resolve(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ResolveDto): Promise<AlertView> {
    return this.alerts.resolve(id, principal, body.comment.trim());
  }
}
