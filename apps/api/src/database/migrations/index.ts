import { InitialSchema1763856000000 } from './1763856000000-initial-schema.js';
import { DataVersion1763942400000 } from './1763942400000-data-version.js';
import { AlertsDelivery1764115200000 } from './1764115200000-alerts-delivery.js';
import { EtlSchedule1764201600000 } from './1764201600000-etl-schedule.js';
import { SessionRevocation1764288000000 } from './1764288000000-session-revocation.js';
import { DataVersionInForce1764417600000 } from './1764417600000-data-version-in-force.js';
import { LoginThrottle1764421200000 } from './1764421200000-login-throttle.js';
import { PublishedFigures1764460800000 } from './1764460800000-published-figures.js';
import { PasswordChangeRequired1764547200000 } from './1764547200000-password-change-required.js';
import { BriefingDocuments1764979200000 } from './1764979200000-briefing-documents.js';
import { Supervision1765065600000 } from './1765065600000-supervision.js';
import { FigureOwnersAndChecks1765152000000 } from './1765152000000-figure-owners-and-checks.js';
import { AlertDigests1765238400000 } from './1765238400000-alert-digests.js';
import { DataChanges1765330000000 } from './1765330000000-data-changes.js';

/** Every migration in order. Listed explicitly: ESM builds cannot glob-load classes. */
export const MIGRATIONS = [
  InitialSchema1763856000000,
  DataVersion1763942400000,
  AlertsDelivery1764115200000,
  EtlSchedule1764201600000,
  SessionRevocation1764288000000,
  DataVersionInForce1764417600000,
  LoginThrottle1764421200000,
  PublishedFigures1764460800000,
  PasswordChangeRequired1764547200000,
  BriefingDocuments1764979200000,
  Supervision1765065600000,
  FigureOwnersAndChecks1765152000000,
  AlertDigests1765238400000,
  DataChanges1765330000000,
];
