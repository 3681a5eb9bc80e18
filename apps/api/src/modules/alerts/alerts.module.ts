import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AlertEvaluator } from './alert-evaluator.service.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsScheduler } from './alerts.scheduler.js';
import { AlertsService } from './alerts.service.js';

/** Alert rules, evaluation, lifecycle and silences; delivery lives in NotificationsModule. */
@Module({
  imports: [AuditModule, NotificationsModule, ProgressModule, ProjectsModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, AlertRulesService, AlertEvaluator, AlertsScheduler],
  exports: [AlertsService, AlertsRepository],
})
export class AlertsModule {}
