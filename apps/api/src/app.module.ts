import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Clock } from './common/clock.js';
import { DomainEvents } from './common/domain-events.js';
import { ENV, type Env } from './config/env.js';
import { DatabaseModule } from './modules/database.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { PlanModule } from './modules/plan/plan.module.js';
import { ProgressModule } from './modules/progress/progress.module.js';
import { ProjectsModule } from './modules/projects/projects.module.js';
import { ReportingModule } from './modules/reporting/reporting.module.js';
import { ObservationsModule } from './modules/observations/observations.module.js';
import { DepartmentsModule } from './modules/departments/departments.module.js';
import { EtlModule } from './modules/etl/etl.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { BriefingModule } from './modules/briefing/briefing.module.js';
import { SupervisionModule } from './modules/supervision/supervision.module.js';
import { RankingModule } from './modules/ranking/ranking.module.js';

/** Replaceable infrastructure, for tests. */
export interface AppOptions {
  clock?: Clock;
}

@Module({})
export class AppModule {
  /** The configuration is parsed before the module graph is built and injected as ENV. */
  static forRoot(env: Env, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...(env.CRON_ENABLED ? [ScheduleModule.forRoot()] : []),
        DatabaseModule,
        MetricsModule,
        HealthModule,
        AuditModule,
        AuthModule,
        PlanModule,
        ProjectsModule,
        ProgressModule,
        ReportingModule,
        ObservationsModule,
        DepartmentsModule,
        EtlModule,
        NotificationsModule,
        AlertsModule,
        BriefingModule,
        SupervisionModule,
        RankingModule,
      ],
      providers: [
        { provide: ENV, useValue: env },
        { provide: Clock, useValue: options.clock ?? new Clock() },
        DomainEvents,
      ],
      exports: [ENV, Clock, DomainEvents],
    };
  }
}
