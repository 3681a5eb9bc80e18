import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@planwatch/shared';
import type { Principal } from './auth.types.js';

export const IS_PUBLIC = 'planwatch:public';
export const REQUIRED_ROLES = 'planwatch:roles';
export const BEFORE_PASSWORD_CHANGE = 'planwatch:before-password-change';

/** Readable without signing in: the plan, progress and the wall screen, which runs unattended. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Answers a user who must choose a new password first (who am I, change password, sign out). */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);
/** Only these roles may call the route (admin always may). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = { principal?: Principal; headers: Record<string, string | string[] | undefined> };

/** The signed-in caller (undefined on a public route called anonymously). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
