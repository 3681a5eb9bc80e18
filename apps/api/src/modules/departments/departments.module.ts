import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DepartmentsController } from './departments.controller.js';
import { DepartmentsRepository } from './departments.repository.js';
import { DepartmentsService } from './departments.service.js';

@Module({ imports: [AuditModule], controllers: [DepartmentsController], providers: [DepartmentsService, DepartmentsRepository] })
export class DepartmentsModule {}
