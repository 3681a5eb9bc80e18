import { Controller, Get, Header, Headers, Inject, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ENV, type Env } from '../../config/env.js';
import { Public } from '../auth/auth.decorators.js';
import { MetricsRegistry } from './metrics.registry.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus scrape endpoint of this process. With METRICS_TOKEN set (required in production)
 * the scraper sends it as a bearer token; the user sessions' tokens do not open it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (this.env.METRICS_TOKEN) {
      const given = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
      // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token.
      if (!timingSafeEqual(digest(given), digest(this.env.METRICS_TOKEN))) throw new UnauthorizedException('metrics need the METRICS_TOKEN bearer token');
    }
    return this.metrics.registry.metrics();
  }
}
