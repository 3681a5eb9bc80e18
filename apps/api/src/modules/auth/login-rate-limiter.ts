import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../../config/env.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';

const WINDOW_SECONDS = 60;

/**
 * Caps login attempts per username and per client address per minute, across every API
 * process, before argon2 spends its 64 MiB: a password-guessing loop is slowed before the
 * account lockout applies, and one address cannot try one password on many accounts.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(LoginThrottleRepository) private readonly throttle: LoginThrottleRepository,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async take(username: string, clientAddress: string | undefined): Promise<void> {
    const userKey = `user:${username.toLowerCase()}`;
    const addressKey = `ip:${clientAddress ?? 'unknown'}`;
    const attempts = await this.throttle.hit([userKey, addressKey], WINDOW_SECONDS);
    if ((attempts.get(userKey) ?? 0) > this.env.LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME || (attempts.get(addressKey) ?? 0) > this.env.LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS) {
      throw new HttpException('登录尝试过于频繁，请稍后再试', HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
