import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { DomainEvents } from '../../common/domain-events.js';
import { ENV, type Env } from '../../config/env.js';
import { ProgressRepository } from './progress.repository.js';

const CHANNEL = 'planwatch_data_version';

/**
 * The current data version without a query per request: one connection LISTENs for the
 * trigger's NOTIFY (sent at commit; other processes' changes arrive within milliseconds), and an
 * approval in this process drops the known version at once. While the listener is down (or
 * behind a pooler that cannot LISTEN) every call reads the counter instead.
 */
@Injectable()
export class DataVersionTracker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DataVersionTracker.name);
  private client: pg.Client | undefined;
  private known: string | undefined;
  private closing = false;
  private retry: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;
  private readonly changed = new Subject<string>();
  /** Each new version another process (or this one) committed, as its NOTIFY arrives. */
  readonly changes: Observable<string> = this.changed.asObservable();

  constructor(
    @Inject(ProgressRepository) private readonly repository: ProgressRepository,
    @Inject(ENV) private readonly env: Env,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = this.events.events.subscribe(() => this.forget());
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.subscription?.unsubscribe();
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  async current(): Promise<string> {
    if (this.known !== undefined) return this.known;
    const version = await this.repository.dataVersion();
    // Listening: notifications keep it current from here (never step back behind one that raced us).
    if (this.client && (this.known === undefined || BigInt(version) > BigInt(this.known))) this.known = version;
    return version;
  }

  /** A change made in this process: read the counter on the next call instead of waiting for NOTIFY. */
  private forget(): void {
    this.known = undefined;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.env.DATABASE_URL, application_name: 'planwatch-data-version' });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.known = undefined;
      this.client = undefined;
      client.end().catch(() => undefined);
      if (this.closing) return;
      this.logger.warn(`data-version listener lost (${error?.message ?? 'closed'}); reading the counter per request until it is back`);
      this.retry = setTimeout(() => void this.listen(), 5_000);
    };
    try {
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        this.known = message.payload;
        this.changed.next(message.payload);
      });
      await client.connect();
      this.client = client;
      await client.query(`LISTEN ${CHANNEL}`);
      // Read after LISTEN: a change committed in between is either in this read or notified.
      const version = await this.repository.dataVersion();
      if (this.known === undefined || BigInt(version) > BigInt(this.known)) this.known = version;
    } catch (error) {
      lost(error as Error);
    }
  }
}
