import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { DataVersionTracker } from './data-version.tracker.js';
import { ProgressController } from './progress.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [ProgressController],
  providers: [ProgressService, ProgressRepository, DataVersionTracker],
  exports: [ProgressService, DataVersionTracker],
})
export class ProgressModule {}
