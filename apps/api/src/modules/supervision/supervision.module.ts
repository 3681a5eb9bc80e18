import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UploadsModule } from '../reporting/uploads.module.js';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionRepository } from './supervision.repository.js';
import { SupervisionScheduler } from './supervision.scheduler.js';
import { SupervisionService } from './supervision.service.js';
import { WorkCalendarSource } from './work-calendar.source.js';

/** 督办: opening, 签收, 反馈, 退回, 办结, and the reminders and escalations its deadlines call for. */
@Module({
  imports: [AuditModule, NotificationsModule, UploadsModule],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, SupervisionService, SupervisionScheduler, WorkCalendarSource],
  exports: [SupervisionService, WorkCalendarSource],
})
export class SupervisionModule {}
