import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PlanResponse } from '@planwatch/shared';
import { Public } from '../auth/auth.decorators.js';
import { PlanRepository } from './plan.repository.js';

@ApiTags('plan')
@Controller('plan')
export class PlanController {
  constructor(@Inject(PlanRepository) private readonly plan: PlanRepository) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'The loaded plan: chains, region tree, departments, indicators, targets with sources' })
  @ApiOkResponse({ description: 'PlanResponse (packages/shared/src/api/contracts.ts)' })
  async get(): Promise<PlanResponse> {
    const plan = await this.plan.read();
    if (!plan) throw new NotFoundException('尚未加载规划');
    return plan;
  }
}
