/**
 * The alert lifecycle: firing → acknowledged (with a comment) → resolved, resolving by itself
 * when its condition clears, one alert per fingerprint. Departments are told once per change:
 * a new (or re-opened) alert, an escalation yellow → red, a resolution, and, when the rule
 * asks for it, a reminder while an alert stays unacknowledged. Never once per evaluation.
 */
import type { Severity } from '../domain/types.js';
import type { AlertCandidate, AlertSnapshot, AlertState, NotificationEvent, Silence } from './alert.types.js';
import { severityRank } from './evaluate.js';
import { silencedBy } from './silence.js';

export type AlertChange =
  | {
      kind: 'create';
      candidate: AlertCandidate;
      /** Null when silenced: the alert is recorded, nobody is told yet. */
      event: NotificationEvent | null;
      notifiedSeverity: Severity | null;
    }
  | {
      kind: 'update';
      alert: AlertSnapshot;
      candidate: AlertCandidate;
      state: AlertState;
      /** A resolved alert whose condition is back: a new episode (fired_at now, acknowledgement cleared). */
      reopened: boolean;
      event: NotificationEvent | null;
      notifiedSeverity: Severity | null;
    }
  | {
      kind: 'resolve';
      alert: AlertSnapshot;
      event: NotificationEvent | null;
      /** The latest word on the subject, for the resolution message. */
      note: string | null;
    };

export interface ReconcileInput {
  /** Every stored alert of the rule, any state. */
  existing: readonly AlertSnapshot[];
  candidates: readonly AlertCandidate[];
  now: Date;
  silences: readonly Silence[];
  /** Reminder interval; 0 = no reminders. */
  remindEveryHours: number;
  notes?: Readonly<Record<string, string>>;
  /** Fingerprints whose condition cannot be judged now: their open alerts are left as they are. */
  undetermined?: readonly string[];
}

function isActive(state: AlertState): boolean {
  return state === 'firing' || state === 'acknowledged';
}

/**
 * What one evaluation changes. Alerts with nothing new (same severity, no reminder due) are
 * still returned as updates without an event, so their message and period stay current.
 */
export function reconcileAlerts(input: ReconcileInput): AlertChange[] {
  const byFingerprint = new Map(input.existing.map((a) => [a.fingerprint, a]));
  const seen = new Set<string>();
  const changes: AlertChange[] = [];
  const remindMs = input.remindEveryHours * 3_600_000;

  for (const candidate of input.candidates) {
    if (seen.has(candidate.fingerprint)) continue;
    seen.add(candidate.fingerprint);
    const silenced = silencedBy(input.silences, { ruleCode: candidate.ruleCode, fingerprint: candidate.fingerprint, departments: candidate.departments }, input.now) !== null;
    const alert = byFingerprint.get(candidate.fingerprint);
    if (!alert) {
      changes.push({ kind: 'create', candidate, event: silenced ? null : 'fired', notifiedSeverity: silenced ? null : candidate.severity });
      continue;
    }
    if (!isActive(alert.state)) {
      changes.push({ kind: 'update', alert, candidate, state: 'firing', reopened: true, event: silenced ? null : 'fired', notifiedSeverity: silenced ? null : candidate.severity });
      continue;
    }
    let event: NotificationEvent | null = null;
    let notifiedSeverity = alert.notifiedSeverity;
    if (!silenced) {
      if (alert.notifiedSeverity === null) {
        // Fired while silenced: tell now that the silence is over.
        event = 'fired';
        notifiedSeverity = candidate.severity;
      } else if (severityRank(candidate.severity) > severityRank(alert.notifiedSeverity)) {
        event = 'escalated';
        notifiedSeverity = candidate.severity;
      } else if (
        remindMs > 0 &&
        alert.state === 'firing' &&
        alert.lastNotifiedAt !== null &&
        input.now.getTime() - alert.lastNotifiedAt.getTime() >= remindMs
      ) {
        event = 'reminder';
      }
    }
    changes.push({ kind: 'update', alert, candidate, state: alert.state, reopened: false, event, notifiedSeverity });
  }

  const undetermined = new Set(input.undetermined);
  for (const alert of input.existing) {
    if (seen.has(alert.fingerprint) || !isActive(alert.state) || undetermined.has(alert.fingerprint)) continue;
    const silenced = silencedBy(input.silences, { ruleCode: alert.ruleCode, fingerprint: alert.fingerprint, departments: alert.departments }, input.now) !== null;
    // Only an alert somebody was told about has a resolution to tell.
    const event = !silenced && alert.notifiedSeverity !== null ? 'resolved' : null;
    changes.push({ kind: 'resolve', alert, event, note: input.notes?.[alert.fingerprint] ?? null });
  }
  return changes;
}

/** Manual transitions: which are allowed from which state. */
export function canAcknowledge(state: AlertState): boolean {
  return state === 'firing';
}

export function canResolve(state: AlertState): boolean {
  return isActive(state);
}
