import { Injectable } from '@nestjs/common';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@planwatch/shared';

/**
 * How the outbox worker behaves. One instance per process; defaults suit production (first
 * retry after 30 s, doubling to at most an hour, dead after 10 attempts ≈ 4.5 hours), tests
 * shorten them through `app.get(DeliveryPolicy)`.
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
}

/** A failed send; `permanent` failures (4xx, a rejected address) go to the dead letter at once. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
