/**
 * Delivery retries: exponential backoff with a cap, then the dead-letter state. A failure the
 * receiver calls permanent (a 4xx other than 408/429, a rejected address) goes dead at once.
 */

export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseDelayMs: number;
  /** Longest delay between attempts. */
  maxDelayMs: number;
  /** After this many attempts the notification is dead (dead-letter). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 10 };

/** Delay before attempt `attempts + 1` after `attempts` failed ones: base·2^(attempts−1), capped. */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  if (attempts < 1) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempts - 1, 40));
}

export type FailureOutcome = { status: 'pending'; delayMs: number } | { status: 'dead' };

/** What happens to a notification after its `attempts`-th attempt failed. */
export function afterFailure(attempts: number, permanent: boolean, policy: RetryPolicy): FailureOutcome {
  if (permanent || attempts >= policy.maxAttempts) return { status: 'dead' };
  return { status: 'pending', delayMs: retryDelayMs(attempts, policy) };
}

/** HTTP statuses worth retrying: server errors, timeouts, rate limits. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
