import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ReportingChecksService } from './reporting-checks.service.js';
import { ReportingFiguresRepository } from './reporting-figures.repository.js';
import { ReportingNoticesRepository } from './reporting-notices.repository.js';
import { ReportingProgressService } from './reporting-progress.service.js';
import { ReportingSpreadsheetWriter } from './reporting-spreadsheet.writer.js';
import { ReportingSubmissionsService } from './reporting-submissions.service.js';
import { ReportingTemplatesService } from './reporting-templates.service.js';
import { ReportingController } from './reporting.controller.js';
import { ReportingRepository } from './reporting.repository.js';
import { ReportingScheduler } from './reporting.scheduler.js';
import { UploadsModule } from './uploads.module.js';

/**
 * Department reporting (填报), in rooms: templates and tasks (what is owed), checks (one check
 * report for every way figures come in), submit/review, and 报送进度 with 催报.
 */
@Module({
  imports: [AuditModule, UploadsModule],
  controllers: [ReportingController],
  providers: [
    ReportingTemplatesService,
    ReportingChecksService,
    ReportingSubmissionsService,
    ReportingProgressService,
    ReportingRepository,
    ReportingFiguresRepository,
    ReportingNoticesRepository,
    ReportingSpreadsheetWriter,
    ReportingScheduler,
  ],
})
export class ReportingModule {}
