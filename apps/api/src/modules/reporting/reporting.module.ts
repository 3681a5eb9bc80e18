import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ReportingSpreadsheetWriter } from './reporting-spreadsheet.writer.js';
import { ReportingController } from './reporting.controller.js';
import { ReportingRepository } from './reporting.repository.js';
import { ReportingService } from './reporting.service.js';
import { UploadsModule } from './uploads.module.js';

@Module({
  imports: [AuditModule, UploadsModule],
  controllers: [ReportingController],
  providers: [ReportingService, ReportingRepository, ReportingSpreadsheetWriter],
})
export class ReportingModule {}
