import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RankingModule } from '../ranking/ranking.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { BriefingController } from './briefing.controller.js';
import { BriefingDocxWriter } from './briefing.docx.js';
import { BriefingPdfWriter } from './briefing.pdf.js';
import { BriefingRepository } from './briefing.repository.js';
import { BriefingScheduler } from './briefing.scheduler.js';
import { BriefingService } from './briefing.service.js';
import { BriefingWorkbookWriter } from './briefing.xlsx.js';

/** 月度通报: on demand as HTML/XLSX/DOCX/PDF/JSON, frozen once final, archived on schedule. */
@Module({
  imports: [AlertsModule, ProgressModule, ProjectsModule, SupervisionModule, RankingModule],
  controllers: [BriefingController],
  providers: [BriefingService, BriefingRepository, BriefingWorkbookWriter, BriefingDocxWriter, BriefingPdfWriter, BriefingScheduler],
})
export class BriefingModule {}
