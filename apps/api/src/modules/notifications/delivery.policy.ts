import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_RETRY_POLICY, type RateWindow, type RetryPolicy, type RobotKind } from '@planwatch/shared';
import { ENV, type Env } from '../../config/env.js';

/**
 * How the outbox worker behaves. One instance per process; defaults suit production (first
 * retry after 30 s, doubling to at most an hour, dead after 10 attempts ≈ 4.5 hours), the robot
 * limits come from the environment, and tests shorten them through `app.get(DeliveryPolicy)`.
 */
@Injectable()
export class DeliveryPolicy {
  retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  /** How long a claimed row stays with its worker unless renewed (every third of it while a send lasts); a worker that dies frees it when this runs out. */
  leaseMs = 60_000;
  /** Rows one process sends at the same time; each is claimed when its send starts. */
  concurrency = 4;
  /** Rows one delivery pass sends at most. */
  rowsPerPass = 1_000;
  /** Per webhook request / SMTP stage. */
  requestTimeoutMs = 10_000;
  /** Sends per robot URL and window, across processes. */
  robotRate: RateWindow;
  /** A channel's pause after its robot answered "too fast". */
  blockMs: Record<RobotKind, number>;
  /** The least wait before resending a message whose send timed out (the robot may have posted it). */
  afterTimeoutDelayMs: number;

  constructor(@Inject(ENV) env: Pick<Env, 'ROBOT_RATE_LIMIT' | 'ROBOT_RATE_WINDOW_SECONDS' | 'DINGTALK_BLOCK_SECONDS' | 'WECOM_BLOCK_SECONDS' | 'NOTIFICATION_TIMEOUT_RETRY_SECONDS'>) {
    // A second more than the vendor's window: a send recorded here arrives a little later, and
    // one that travels slower than the next must not make the robot count one too many.
    this.robotRate = { limit: env.ROBOT_RATE_LIMIT, windowMs: env.ROBOT_RATE_WINDOW_SECONDS * 1000 + 1000 };
    this.blockMs = { dingtalk: env.DINGTALK_BLOCK_SECONDS * 1000, wecom: env.WECOM_BLOCK_SECONDS * 1000 };
    this.afterTimeoutDelayMs = env.NOTIFICATION_TIMEOUT_RETRY_SECONDS * 1000;
  }
}

/** Why a send failed, as far as delivery is concerned. */
export type DeliveryFailure =
  /** Retry with backoff. */
  | { kind: 'transient' }
  /** Timed out: it may have been delivered, so wait longer before sending again. */
  | { kind: 'timeout' }
  /** The receiver said "too many": pause the channel for `pauseMs`, spend no attempt. */
  | { kind: 'rate_limited'; pauseMs: number }
  /** Retrying cannot help: dead letter now; with `fault`, the channel is marked 故障 with that explanation. */
  | { kind: 'permanent'; fault?: { code: string; message: string } };

/** A failed send and what kind of failure it was. */
export class DeliveryError extends Error {
  readonly failure: DeliveryFailure;

  constructor(message: string, failure: DeliveryFailure | boolean) {
    super(message);
    this.name = 'DeliveryError';
    this.failure = typeof failure === 'boolean' ? (failure ? { kind: 'permanent' } : { kind: 'transient' }) : failure;
  }

  get permanent(): boolean {
    return this.failure.kind === 'permanent';
  }
}
