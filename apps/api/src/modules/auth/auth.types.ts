import type { Role } from '@planwatch/shared';

/** Who is calling, as the guards and services see it. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  departmentCode: string | null;
  /** Region the department answers for: the district for a bureau, its own code for a town or zone. */
  regionCode: string | null;
  departmentKind: 'bureau' | 'town' | 'zone' | null;
  /** Until the user has chosen a new password, only the account routes answer (AllowWithPasswordChangePending). */
  mustChangePassword: boolean;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  departmentCode: string | null;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  /** For @-mentions in 督办 messages. */
  mobile: string | null;
}
