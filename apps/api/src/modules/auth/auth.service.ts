import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { ENV, type Env } from '../../config/env.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from './auth.types.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { UsersRepository } from './users.repository.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  principal: Principal;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async login(username: string, password: string): Promise<TokenPair> {
    const user = await this.users.findByUsername(username);
    // The same message whether the user exists or not, so accounts cannot be enumerated.
    const rejected = new UnauthorizedException('用户名或密码错误');
    // The attempt counts as a failure before the hash is checked, so a parallel burst cannot
    // slip past the limit. A locked account is refused the same way as a wrong password (a
    // lockout message would confirm the username); administrators see the lockout on the user list.
    const attempt = user?.active ? await this.users.countLoginAttempt(user.id, this.env.LOGIN_MAX_FAILURES, this.env.LOGIN_LOCKOUT_SECONDS) : null;
    if (!user || !attempt) {
      await verifyPassword(DUMMY_HASH, password).catch(() => false);
      throw rejected;
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.audit.record({ userId: user.id, action: 'login_failed', entity: 'user', entityId: user.id, after: { failures: attempt.failures, locked: attempt.locks } });
      throw rejected;
    }
    await this.users.recordSuccessfulLogin(user.id);
    await this.audit.record({ userId: user.id, action: 'login', entity: 'user', entityId: user.id });
    return this.issueTokens(user.id);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const tokenHash = sha256(refreshToken);
    const userId = await this.users.consumeRefreshToken(tokenHash);
    if (!userId) {
      // A spent token coming back means two holders: whoever got it first (possibly a thief) holds
      // the live chain. End every session of the user; the rightful owner signs in again.
      const replayed = await this.users.spentRefreshTokenOwner(tokenHash);
      if (replayed) {
        await this.users.endAllSessions(replayed);
        await this.audit.record({ userId: replayed, action: 'refresh_token_reused', entity: 'user', entityId: replayed });
      }
      throw new UnauthorizedException('刷新令牌无效或已过期，请重新登录');
    }
    return this.issueTokens(userId);
  }

  async logout(principal: Principal): Promise<void> {
    await this.users.endAllSessions(principal.userId);
    await this.audit.record({ userId: principal.userId, action: 'logout', entity: 'user', entityId: principal.userId });
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(principal.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new BadRequestException('当前密码不正确');
    }
    const problem = newPassword === currentPassword ? '新密码不能与当前密码相同' : passwordProblem(newPassword);
    if (problem) throw new BadRequestException(problem);
    await this.users.setPassword(user.id, await hashPassword(newPassword));
    await this.users.endAllSessions(user.id);
    await this.audit.record({ userId: user.id, action: 'password_changed', entity: 'user', entityId: user.id });
  }

  async principalFromAccessToken(token: string): Promise<Principal | undefined> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; issuedAt?: number }>(token);
      // Tokens from before the user's sessions were ended (sign-out, password change …) are refused.
      return await this.users.principalOf(payload.sub, payload.issuedAt ?? 0);
    } catch {
      return undefined;
    }
  }

  private async issueTokens(userId: string): Promise<TokenPair> {
    const principal = await this.users.principalOf(userId);
    if (!principal) throw new UnauthorizedException('账号已停用');
    // issuedAt in milliseconds: `iat` has whole seconds, too coarse next to a sign-out in the same second.
    const accessToken = await this.jwt.signAsync({ sub: userId, role: principal.role, issuedAt: Date.now() });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.users.storeRefreshToken(userId, sha256(refreshToken), new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000));
    return { accessToken, refreshToken, expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS, principal };
  }
}

/** Verified against when the user does not exist, so both paths take the same time. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2P6C4Qbmx2kZ0hUHVv4yHk0v6qDA4qZK8j1aqr8m5yE';
