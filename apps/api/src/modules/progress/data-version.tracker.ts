import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { DomainEvents } from '../../common/domain-events.js';
import { ENV, type Env } from '../../config/env.js';
import { ProgressRepository, type DataVersions } from './progress.repository.js';

const CHANNEL = 'planwatch_data_version';

/**
 * The current data versions without a query per request: one connection LISTENs for the
 * triggers' NOTIFY (sent at commit; other processes' changes arrive within milliseconds) and a
 * change announced drops the known versions, so the next call reads them; an approval in this
 * process does the same at once. While the listener is down (or behind a pooler that cannot
 * LISTEN) every call reads the counters instead.
 *
 * A connection that silently stops delivering (a network partition, a dropped NAT entry) is
 * caught two ways: TCP keepalive on its socket, and a re-read of the versions on that same
 * connection every DATA_VERSION_RECHECK_SECONDS, which also replaces the known versions; one
 * that does not answer in time is dropped and opened again.
 */
@Injectable()
export class DataVersionTracker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DataVersionTracker.name);
  /** The listening connection, connected or still connecting. */
  private client: pg.Client | undefined;
  /** Whether `client` is connected and LISTENing. */
  private listening = false;
  private known: DataVersions | undefined;
  /** Moves on every announced change: a read that started before one must not be kept. */
  private generation = 0;
  private closing = false;
  private retry: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;
  private readonly changed = new Subject<string>();
  /** Each change of the figures in force that this or another process committed, as its NOTIFY arrives. */
  readonly changes: Observable<string> = this.changed.asObservable();

  constructor(
    @Inject(ProgressRepository) private readonly repository: ProgressRepository,
    @Inject(ENV) private readonly env: Env,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = this.events.events.subscribe(() => this.forget());
    await this.listen();
    this.recheck = setInterval(() => void this.recheckListener(), this.env.DATA_VERSION_RECHECK_SECONDS * 1000);
    this.recheck.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.subscription?.unsubscribe();
    clearTimeout(this.retry);
    clearInterval(this.recheck);
    await this.client?.end().catch(() => undefined);
  }

  async current(): Promise<DataVersions> {
    if (this.known) return this.known;
    const generation = this.generation;
    const versions = await this.repository.dataVersions();
    // Listening: notifications keep it current from here, unless one arrived while we read.
    if (this.listening && generation === this.generation) this.known = versions;
    return versions;
  }

  /** A change: read the counters on the next call. */
  private forget(): void {
    this.generation += 1;
    this.known = undefined;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.env.DATABASE_URL,
      application_name: 'planwatch-data-version',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    this.client = client;
    try {
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client));
      client.on('notification', (message) => {
        if (message.channel !== CHANNEL) return;
        this.forget();
        // Listeners (alert evaluation) care about the figures in force, not about drafts.
        if (message.payload === 'in_force') this.changed.next(message.payload);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listening = true;
      // Read after LISTEN: a change committed in between is either in this read or notified.
      this.forget();
      await this.current();
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    this.forget();
    client.end().catch(() => undefined);
    if (this.closing) return;
    this.logger.warn(`data-version listener lost (${error?.message ?? 'closed'}); reading the counters per request until it is back`);
    this.retry = setTimeout(() => void this.listen(), 5_000);
  }

  /** The periodic re-read on the listening connection: fresh versions, or a dead connection found. */
  private async recheckListener(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) return;
    const generation = this.generation;
    let timer: NodeJS.Timeout | undefined;
    try {
      const versions = await Promise.race([
        this.repository.dataVersionsOn(client),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer to the periodic version check')), this.env.DATA_VERSION_RECHECK_SECONDS * 1000);
        }),
      ]);
      if (this.client === client && generation === this.generation) this.known = versions;
    } catch (error) {
      this.lost(client, error as Error);
    } finally {
      clearTimeout(timer);
    }
  }
}
