/**
 * The robots' rate limit as a sliding window: at most `limit` sends start in any `windowMs`
 * (WeCom and DingTalk both allow 20 a minute per robot; DingTalk then blocks for 10 minutes,
 * WeCom for the rest of the minute). The API keeps the send times in PostgreSQL, so every
 * process counts the same sends; this decides from them.
 */

export type RobotKind = 'wecom' | 'dingtalk';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export type SlotDecision = { allowed: true } | { allowed: false; retryAtMs: number };

/**
 * Whether a send may start at `nowMs`, given when earlier sends started. A send counts against
 * every window it lies in: at `nowMs` the window is (nowMs − windowMs, nowMs]. When it is
 * full, the answer is the moment enough of those sends have left it.
 */
export function nextSendSlot(sentAtMs: readonly number[], nowMs: number, rate: RateWindow): SlotDecision {
  const inWindow = sentAtMs.filter((t) => t > nowMs - rate.windowMs && t <= nowMs).sort((a, b) => a - b);
  if (inWindow.length < rate.limit) return { allowed: true };
  // The send that must leave the window before one more fits.
  const leaving = inWindow[inWindow.length - rate.limit]!;
  return { allowed: false, retryAtMs: leaving + rate.windowMs };
}
