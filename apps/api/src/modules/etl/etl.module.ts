import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EtlJobCatalog } from './etl-job-catalog.js';
import { EtlController } from './etl.controller.js';
import { EtlRepository } from './etl.repository.js';
import { EtlScheduler } from './etl.scheduler.js';
import { EtlService } from './etl.service.js';

@Module({
  imports: [AuditModule],
  controllers: [EtlController],
  providers: [EtlService, EtlRepository, EtlJobCatalog, EtlScheduler],
  exports: [EtlService],
})
export class EtlModule {}
