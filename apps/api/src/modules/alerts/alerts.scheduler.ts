import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Subscription } from 'rxjs';
import { DomainEvents } from '../../common/domain-events.js';
import { ENV, type Env } from '../../config/env.js';
import { DataVersionTracker } from '../progress/data-version.tracker.js';
import { AlertsService } from './alerts.service.js';

/**
 * When alerts are evaluated: a tick every minute in every process (each rule runs when its own
 * cron matches, once per tick across processes: advisory lock + run record), right after
 * figures are approved or loaded in this process, and — where this process runs scheduled work
 * (CRON_ENABLED) — once at start-up and whenever another process (an ETL command, another API
 * process) changes the figures in force, once per data version across processes.
 */
@Injectable()
export class AlertsScheduler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(DataVersionTracker) private readonly versions: DataVersionTracker,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Second 30, so processes whose clocks differ by a few seconds still agree on the minute. */
  @Cron('30 * * * * *', { name: 'alerts-tick' })
  async tick(): Promise<void> {
    await this.alerts.runScheduledTick();
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.events.events.subscribe((event) => {
        if (event.type === 'figures_approved') void this.alerts.onDataChanged();
      }),
    );
    if (this.env.CRON_ENABLED) this.subscriptions.push(this.versions.changes.subscribe(() => void this.alerts.onDataChanged()));
  }

  /** A fresh start shows its alerts at once, not at each rule's next cron time. */
  onApplicationBootstrap(): void {
    if (this.env.CRON_ENABLED) void this.alerts.onDataChanged();
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}
