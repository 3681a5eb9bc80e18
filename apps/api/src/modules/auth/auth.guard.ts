import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@planwatch/shared';
import { BEFORE_PASSWORD_CHANGE, IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

/**
 * Global guard: every route needs a valid access token unless marked @Public(); a public route
 * still identifies a caller who sends one (so a department sees its own drafts). A user who must
 * choose a new password first reaches only the routes marked AllowedBeforePasswordChange, and the
 * public ones as an anonymous caller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (token) {
      request.principal = await this.auth.principalFromAccessToken(token);
      if (!request.principal && !isPublic) throw new UnauthorizedException('登录已过期或令牌无效，请重新登录');
      if (request.principal?.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)) {
        if (!isPublic) throw new ForbiddenException({ statusCode: 403, code: 'password_change_required', message: '首次登录请先修改密码' });
        request.principal = undefined;
      }
    }
    if (isPublic) return true;
    if (!request.principal) throw new UnauthorizedException('请先登录');
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets);
    if (roles && request.principal.role !== 'admin' && !roles.includes(request.principal.role)) {
      throw new ForbiddenException(`此操作需要角色：${roles.join('、')}`);
    }
    return true;
  }
}
