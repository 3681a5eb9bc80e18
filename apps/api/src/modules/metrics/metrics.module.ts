import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { MetricsRepository } from './metrics.repository.js';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsRegistry, MetricsRepository], exports: [MetricsRegistry] })
export class MetricsModule {}
