import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUPERVISION_COLOURS, SUPERVISION_STATES, type SupervisionColour, type SupervisionState } from '@planwatch/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const DIGITS = /^\d{1,18}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SupervisionSubjectDto {
  @ApiProperty({ enum: ['indicator', 'region', 'project'] }) @IsIn(['indicator', 'region', 'project']) kind: 'indicator' | 'region' | 'project';
  @ApiPropertyOptional({ example: 'coal_output' }) @IsOptional() @IsString() @Length(1, 64) indicatorCode?: string;
  @ApiPropertyOptional({ example: '140404' }) @IsOptional() @IsString() @Length(1, 32) regionCode?: string;
  @ApiPropertyOptional({ example: 'P2026-001' }) @IsOptional() @IsString() @Length(1, 64) projectCode?: string;
}

export class OpenSupervisionDto {
  @ApiPropertyOptional({ description: 'Open from this alert (owner department, subject and title come from it)', example: '12' })
  @IsOptional()
  @Matches(DIGITS, { message: 'alertId must be an alert id' })
  alertId?: string;
  @ApiPropertyOptional({ description: 'Open by hand for an indicator (with region), a town (region) or a key project', type: SupervisionSubjectDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupervisionSubjectDto)
  subject?: SupervisionSubjectDto;
  @ApiPropertyOptional({ example: '原煤产量序时滞后督办' }) @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiProperty({ example: '请说明10月原煤产量滞后原因，提出整改措施和完成时限' }) @IsString() @Length(1, 2000) request: string;
  @ApiPropertyOptional({ example: 'energy', description: 'Owner department (default: the alert\'s, or the subject\'s)' }) @IsOptional() @IsString() departmentCode?: string;
  @ApiPropertyOptional({ example: 5, description: 'Working days to reply (default 5), on the holiday calendar' }) @IsOptional() @IsInt() @Min(1) @Max(60) workingDays?: number;
  @ApiPropertyOptional({ example: ['town_xihuo'], description: 'Other departments told of it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  informed?: string[];
}

export class SupervisionQueryDto {
  @ApiPropertyOptional({ enum: SUPERVISION_STATES }) @IsOptional() @IsIn(SUPERVISION_STATES) state?: SupervisionState;
  @ApiPropertyOptional({ enum: SUPERVISION_COLOURS }) @IsOptional() @IsIn(SUPERVISION_COLOURS) colour?: SupervisionColour;
  @ApiPropertyOptional({ example: 'energy' }) @IsOptional() @IsString() department?: string;
  @ApiPropertyOptional({ description: 'true: only overdue; false: only not overdue' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'overdue must be true or false' })
  overdue?: boolean;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit: number = 100;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset: number = 0;
}

export class CommentDto {
  @ApiPropertyOptional({ example: '整改措施不够具体，请补充时间节点' }) @IsOptional() @IsString() @Length(1, 2000) comment?: string;
}

/** JSON, or multipart with the same fields and an optional `file` (XLSX / CSV). */
export class ReplyDto {
  @ApiProperty({ example: '两座煤矿10月停产检修，产量下降' }) @IsString() @Length(1, 4000) reason: string;
  @ApiProperty({ example: '督促检修矿井11月中旬复产，协调增产保供' }) @IsString() @Length(1, 4000) measures: string;
  @ApiProperty({ example: '2026-12-31', description: '预计完成时间' }) @Matches(DATE, { message: 'expectedBy must be a date, YYYY-MM-DD' }) expectedBy: string;
}
