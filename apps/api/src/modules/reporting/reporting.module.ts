import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ReportingSpreadsheetWriter } from './reporting-spreadsheet.writer.js';
import { ReportingController } from './reporting.controller.js';
import { ReportingRepository } from './reporting.repository.js';
import { ReportingService } from './reporting.service.js';
import { UploadInterceptor } from './upload.interceptor.js';
import { UploadQueue } from './upload-queue.js';

@Module({
  imports: [AuditModule],
  controllers: [ReportingController],
  providers: [ReportingService, ReportingRepository, ReportingSpreadsheetWriter, UploadInterceptor, UploadQueue],
})
export class ReportingModule {}
