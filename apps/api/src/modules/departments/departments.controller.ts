import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { DepartmentKind } from '@planwatch/shared';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { DepartmentsService } from './departments.service.js';

const KINDS = ['bureau', 'town', 'zone'] as const;

export class CreateDepartmentDto {
  @ApiProperty({ example: 'town_xihuo' })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'code must be 2–64 of a-z 0-9 _, starting with a letter' })
  code: string;
  @ApiProperty({ example: '西火镇人民政府' }) @IsString() @Length(1, 64) name: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: DepartmentKind;
  @ApiProperty({ example: '140404103' }) @IsString() @Length(1, 32) regionCode: string;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: DepartmentKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) regionCode?: string;
}

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(@Inject(DepartmentsService) private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Departments (bureaus, towns, zones) with their region and how many users and indicators they have' })
  list() {
    return this.departments.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a department (administrators)' })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateDepartmentDto) {
    return this.departments.create(actor, body);
  }

  @Patch(':code')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a department or change its kind or region (administrators)' })
  async update(@CurrentPrincipal() actor: Principal, @Param('code') code: string, @Body() body: UpdateDepartmentDto): Promise<void> {
    await this.departments.update(actor, code, body);
  }
}
