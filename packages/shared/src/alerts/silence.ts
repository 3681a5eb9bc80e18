import type { Silence } from './alert.types.js';

/** What a silence is compared with: the alert's rule, fingerprint and every department it tells. */
export interface SilenceTarget {
  ruleCode: string;
  fingerprint: string;
  departments: readonly string[];
}

/**
 * Whether a silence covers an alert at `now`: active in [startsAt, endsAt), and every matcher it
 * sets (rule, fingerprint, department) agrees. A silence without matchers covers everything.
 */
export function silenceMatches(silence: Silence, target: SilenceTarget, now: Date): boolean {
  const t = now.getTime();
  if (t < silence.startsAt.getTime() || t >= silence.endsAt.getTime()) return false;
  if (silence.ruleCode !== null && silence.ruleCode !== target.ruleCode) return false;
  if (silence.fingerprint !== null && silence.fingerprint !== target.fingerprint) return false;
  if (silence.departmentCode !== null && !target.departments.includes(silence.departmentCode)) return false;
  return true;
}

/** The first silence covering the alert, or null. */
export function silencedBy(silences: readonly Silence[], target: SilenceTarget, now: Date): Silence | null {
  return silences.find((s) => silenceMatches(s, target, now)) ?? null;
}
