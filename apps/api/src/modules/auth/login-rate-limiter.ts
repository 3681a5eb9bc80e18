import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

/**
 * Caps login attempts per username per minute in this process, before argon2 spends its
 * 64 MiB, so a password-guessing loop is slowed even before the account lockout applies.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
  ) {}

  take(key: string, now = Date.now()): void {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.windows.clear();
      return;
    }
    window.count += 1;
    if (window.count > this.limit) {
      throw new HttpException('登录尝试过于频繁，请稍后再试', HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
