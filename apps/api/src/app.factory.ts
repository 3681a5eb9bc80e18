import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppOptions } from './app.module.js';
import { createLogger, PinoNestLogger, requestLogger } from './common/logger.js';
import { createValidationPipe } from './common/validation.js';
import { type Env } from './config/env.js';
import { MetricsRegistry } from './modules/metrics/metrics.registry.js';

/** Builds the configured application; main.ts listens on it, integration tests drive it over HTTP. */
export async function createApp(env: Env, options: AppOptions = {}): Promise<INestApplication> {
  const logger = createLogger(env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, options), { logger: new PinoNestLogger(logger) });
  // Online entry posts up to 5,000 rows as JSON; files go through multipart with their own limit.
  app.useBodyParser('json', { limit: '5mb' });
  // The client address (per-address login limits) as the web app or a reverse proxy reports it.
  app.set('trust proxy', env.TRUST_PROXY);
  app.setGlobalPrefix('api');
  app.enableCors({ origin: env.WEB_ORIGIN.split(','), credentials: true });
  app.enableShutdownHooks();
  app.useGlobalPipes(createValidationPipe());

  const metrics = app.get(MetricsRegistry);
  app.use(requestLogger(logger));
  app.use((request: { method: string; route?: { path: string }; originalUrl: string }, response: { statusCode: number; on: (e: string, f: () => void) => void }, next: () => void) => {
    const end = metrics.httpDuration.startTimer();
    response.on('finish', () =>
      end({ method: request.method, route: request.route?.path ?? 'unmatched', status: String(response.statusCode) }),
    );
    next();
  });

  const openApi = new DocumentBuilder()
    .setTitle('PlanWatch API')
    .setDescription('上党区产业布局规划监测平台: plan, progress, reporting, ETL and alerts')
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
