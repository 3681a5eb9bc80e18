import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_TYPES, SEVERITIES, type AlertType, type Period, type Severity } from '@planwatch/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../../common/period.dto.js';

export class AlertQueryDto {
  @ApiPropertyOptional({ example: 'firing,acknowledged', description: 'One state or several, comma-separated: firing, acknowledged, resolved' })
  @IsOptional()
  @Matches(/^(firing|acknowledged|resolved)(,(firing|acknowledged|resolved))*$/, { message: 'state must be firing, acknowledged or resolved (comma-separated for several)' })
  state?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ example: 'energy', description: 'Alerts this department owns or is told of' }) @IsOptional() @IsString() department?: string;
  @ApiPropertyOptional({ example: 'target_gap_default' }) @IsOptional() @IsString() rule?: string;
  @ApiPropertyOptional({ enum: ALERT_TYPES }) @IsOptional() @IsIn(ALERT_TYPES) type?: AlertType;
  @ApiPropertyOptional({ example: '2026-10' }) @IsOptional() @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') }) period?: Period;
  @ApiPropertyOptional({ example: '42', description: 'One alert by id (what a message links to); the other filters still apply' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'id must be an alert id (a positive whole number)' })
  id?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit: number = 100;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset: number = 0;
}

export class EvaluateDto {
  @ApiPropertyOptional({ description: 'Rule codes; default every enabled rule', example: ['target_gap_default'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  rules?: string[];
}

export class AcknowledgeDto {
  @ApiProperty({ example: '已核实，10月数据正在补报' }) @IsString() @Length(1, 1000) comment: string;
}

export class ResolveDto {
  @ApiProperty({ example: '数据已更正，预警条件已消除', description: 'Why it is closed (required, as for 确认): every owning department reads it' })
  @IsString()
  @Matches(/\S/, { message: 'comment must not be blank' })
  @Length(1, 1000)
  comment: string;
}

export class CreateRuleDto {
  @ApiProperty({ example: 'target_gap_energy' }) @IsString() code: string;
  @ApiProperty({ enum: ALERT_TYPES }) @IsIn(ALERT_TYPES) type: AlertType;
  @ApiProperty({ example: '能源指标序时滞后' }) @IsString() name: string;
  @ApiPropertyOptional({
    description:
      'target_gap {minMonth, flowsOnly, remindEveryHours}; projected_shortfall {floorPct, redBelowPct, minMonth, remindEveryHours}; late_submission {dueDay, redAfterDays, remindEveryHours}; anomaly {momPct, yoyPct, negative, remindEveryHours}; stalled_project {months, notStartedGraceMonths, remindEveryHours}',
    example: { minMonth: 2, remindEveryHours: 72 },
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Condition → severity, e.g. target_gap {yellow, red}; stalled_project {noProgress, notStarted}', example: { yellow: 'yellow', red: 'red' } })
  @IsOptional()
  @IsObject()
  severity?: Record<string, unknown>;
  @ApiPropertyOptional({ description: '{chains[], indicators[], regions[], departments[]}; empty = all', example: { departments: ['energy'] } })
  @IsOptional()
  @IsObject()
  scope?: Record<string, unknown>;
  @ApiProperty({ example: '0 8 * * *', description: 'Five-field cron in `timezone`' }) @IsString() schedule: string;
  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) @IsOptional() @IsString() timezone?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateRuleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional({ description: 'Merged key by key into the stored parameters' }) @IsOptional() @IsObject() params?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsObject() severity?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsObject() scope?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() schedule?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() timezone?: string;
  @ApiPropertyOptional({ description: 'false resolves the rule’s active alerts quietly' }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class CreateSilenceDto {
  @ApiPropertyOptional({ example: 'late_submission_day10' }) @IsOptional() @IsString() ruleCode?: string;
  @ApiPropertyOptional({ example: 'late_submission_day10:department:industry' }) @IsOptional() @IsString() fingerprint?: string;
  @ApiPropertyOptional({ example: 'industry' }) @IsOptional() @IsString() departmentCode?: string;
  @ApiPropertyOptional({ description: 'Default now', example: '2026-11-23T08:00:00+08:00' }) @IsOptional() @IsISO8601() startsAt?: string;
  @ApiProperty({ example: '2026-11-30T18:00:00+08:00' }) @IsISO8601() endsAt: string;
  @ApiProperty({ example: '统计口径调整，暂停预警一周' }) @IsString() @Length(1, 500) reason: string;
}

export class SilenceQueryDto {
  @ApiPropertyOptional({ description: 'true (default): only silences in force now' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class RunsQueryDto {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit: number = 50;
  @ApiPropertyOptional({ example: 'alerts.evaluate:' }) @IsOptional() @IsString() job?: string;
}
