import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_KINDS, DELIVERY_STATUSES, NOTIFICATION_EVENTS, type ChannelKind, type DeliveryStatus, type NotificationEvent } from '@planwatch/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit: number = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset: number = 0;
}

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() channel?: string;
  @ApiPropertyOptional({ description: 'Alert id' }) @IsOptional() @Matches(/^\d+$/, { message: 'alert must be an alert id' }) alert?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS }) @IsOptional() @IsIn(NOTIFICATION_EVENTS) event?: NotificationEvent;
  @ApiPropertyOptional() @IsOptional() @IsString() department?: string;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only for accounts without a department (admin, leaders)' }) @IsOptional() @IsString() department?: string;
  @ApiPropertyOptional({ description: 'true: unread only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class CreateChannelDto {
  @ApiProperty({ example: 'energy_wecom' }) @IsString() code: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) @IsIn(CHANNEL_KINDS) kind: ChannelKind;
  @ApiPropertyOptional({ description: 'Bind to one department; null/absent: every department' }) @IsOptional() @IsString() departmentCode?: string | null;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({
    description:
      'webhook: {url, secret?, headers?}; wecom: {url} (the key in the URL is the credential); dingtalk: {url, secret? (加签 SEC…)}; email: {to[], cc?, subjectPrefix?}; any: filter {minSeverity?, types?, events?}; wecom/dingtalk/email: grouping {waitSeconds?, intervalSeconds?} or false (digests)',
    example: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', filter: { minSeverity: 'red' } },
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @IsString() departmentCode?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'Replaces the stored config; a secret sent back as "******" is kept' }) @IsOptional() @IsObject() config?: Record<string, unknown>;
}
