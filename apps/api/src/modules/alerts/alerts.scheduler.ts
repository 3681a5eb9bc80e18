import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Subscription } from 'rxjs';
import { DomainEvents } from '../../common/domain-events.js';
import { AlertsService } from './alerts.service.js';

/**
 * When alerts are evaluated: a tick every minute in every process (each rule runs when its own
 * cron matches, once per tick across processes: advisory lock + run record), and right after
 * figures are approved in this process.
 */
@Injectable()
export class AlertsScheduler implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | null = null;

  constructor(
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  /** Second 30, so processes whose clocks differ by a few seconds still agree on the minute. */
  @Cron('30 * * * * *', { name: 'alerts-tick' })
  async tick(): Promise<void> {
    await this.alerts.runScheduledTick();
  }

  onModuleInit(): void {
    this.subscription = this.events.events.subscribe((event) => {
      if (event.type === 'figures_approved') void this.alerts.onFiguresApproved();
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
