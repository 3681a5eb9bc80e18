import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { RankingController } from './ranking.controller.js';
import { RankingRepository } from './ranking.repository.js';
import { RankingService } from './ranking.service.js';

/** 红黑榜: the monthly ranking of towns and departments. */
@Module({
  imports: [ProgressModule, SupervisionModule],
  controllers: [RankingController],
  providers: [RankingRepository, RankingService],
  exports: [RankingService],
})
export class RankingModule {}
