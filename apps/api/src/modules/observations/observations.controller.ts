import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { BASES, type Basis, type Period } from '@planwatch/shared';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PERIOD_MESSAGE, PERIOD_PATTERN } from '../../common/period.dto.js';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { ObservationsService } from './observations.service.js';

export class HistoryQueryDto {
  @ApiProperty({ example: 'coal_output' }) @IsString() @Length(1, 100) indicator: string;
  @ApiProperty({ example: '140404103' }) @IsString() @Length(1, 32) region: string;
  @ApiProperty({ example: '2026-10' }) @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE('period') }) period: Period;
  @ApiPropertyOptional({ enum: BASES }) @IsOptional() @IsIn(BASES) basis?: Basis;
}

@ApiTags('observations')
@ApiBearerAuth()
@Controller('observations')
export class ObservationsController {
  constructor(@Inject(ObservationsService) private readonly observations: ObservationsService) {}

  @Get('history')
  @ApiOperation({ summary: "A figure's full history: every version, who and when, old → new, batch and file, reason" })
  history(@CurrentPrincipal() principal: Principal, @Query() query: HistoryQueryDto) {
    return this.observations.history(principal, query);
  }
}
