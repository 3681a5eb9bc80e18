import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BASES, type Basis, type Period } from '@planwatch/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../../common/period.dto.js';

const BATCH_STATUSES = ['preview', 'submitted', 'approved', 'returned', 'discarded'] as const;

export class DepartmentPeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-10', description: 'Month YYYY-MM; default: the last complete month' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;

  @ApiPropertyOptional({ example: 'energy', description: "Department code; default the caller's own (required for admins and viewers)" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;
}

export class ExportQueryDto extends DepartmentPeriodQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv' = 'xlsx';
}

/** The form fields sent with an uploaded file (multipart). */
export class UploadFieldsDto {
  @ApiPropertyOptional({ example: '2026-10', description: 'Reporting period; every row must belong to it when given' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;

  @ApiPropertyOptional({ description: 'Why approved figures change (required to submit a correction)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'Admins only: the department the batch belongs to' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;
}

export class EntryRowDto {
  @ApiProperty({ example: 'coal_output', description: 'Indicator code or name' })
  @IsString()
  @Length(1, 100)
  indicator: string;

  @ApiPropertyOptional({ example: '140404103', description: "Region code or name; default the town's own region for a town reporter" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: '2026-10', description: 'Period as in a spreadsheet: 2026-10, 2026年10月, 2026年1-2月; default the body’s period' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  period?: string;

  @ApiPropertyOptional({ example: 'month', description: 'month / ytd, or 当月 / 累计' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  basis?: string;

  @ApiProperty({ example: '85.2', description: 'The value, as a number or a decimal string, in the indicator’s unit unless `unit` says otherwise' })
  @IsDefined()
  value: string | number;

  @ApiPropertyOptional({ example: '万吨' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  unit?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class EntriesDto extends UploadFieldsDto {
  @ApiProperty({ type: [EntryRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => EntryRowDto)
  rows: EntryRowDto[];
}

/** What the reporter settles for one figure of a preview as it submits: its 说明 and 修改原因. */
export class SubmitRowDto {
  @ApiProperty({ example: 'coal_output' }) @IsString() @Length(1, 100) indicator: string;
  @ApiProperty({ example: '140404103' }) @IsString() @Length(1, 32) region: string;
  @ApiProperty({ example: '2026-10' }) @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') }) period: Period;
  @ApiProperty({ enum: BASES }) @IsIn(BASES) basis: Basis;

  @ApiPropertyOptional({ description: '说明 of a 核实性审核 hit (at least 4 characters besides spaces and punctuation); replaces the row\'s note' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ description: '修改原因 of this row, when it changes an approved figure' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SubmitDto {
  @ApiPropertyOptional({ description: 'Why approved figures change, for every changed row without its own reason (unless given at upload)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ type: [SubmitRowDto], description: 'Per row: the 说明 a hit needs and the 修改原因 of a changed figure' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => SubmitRowDto)
  rows?: SubmitRowDto[];
}

export class ApproveDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ReturnDto {
  @ApiProperty({ description: 'Why the submission is returned (required)' })
  @IsString()
  @Matches(/\S/, { message: 'comment must not be blank' })
  @MaxLength(1000)
  comment: string;
}

export class SubmissionsQueryDto {
  @ApiPropertyOptional({ enum: BATCH_STATUSES, description: 'e.g. submitted: the review queue' })
  @IsOptional()
  @IsIn(BATCH_STATUSES)
  status?: (typeof BATCH_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;

  @ApiPropertyOptional({ description: 'true: only the batches the caller may approve or return (the review queue)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  reviewable?: boolean;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export class ProgressQueryDto {
  @ApiPropertyOptional({ example: '2026-10', description: 'Month YYYY-MM; default: the last complete month' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') })
  period?: Period;
}

export class ReminderDto extends ProgressQueryDto {
  @ApiProperty({ example: 'town_xihuo', description: 'The department to remind' })
  @IsString()
  @Length(1, 64)
  department: string;
}
