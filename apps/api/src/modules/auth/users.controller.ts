import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ROLES, type Role } from '@planwatch/shared';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CurrentPrincipal, Roles } from './auth.decorators.js';
import type { Principal } from './auth.types.js';
import { UsersService } from './users.service.js';

export class CreateUserDto {
  @ApiProperty() @Matches(/^[a-z0-9_.-]{3,64}$/, { message: 'username must be 3–64 of a-z 0-9 _ . -' }) username: string;
  @ApiProperty() @IsString() @Length(1, 64) displayName: string;
  @ApiProperty() @IsString() @Length(10, 256) password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() departmentCode?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() departmentCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ example: '13800000001', description: 'Mobile number for @-mentions in WeCom and DingTalk 督办 messages; "" removes it' })
  @IsOptional()
  @Matches(/^(1[3-9]\d{9})?$/, { message: 'mobile must be an 11-digit mainland mobile number like 13800000001, or empty' })
  mobile?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  list() {
    return this.users.list();
  }

  @Post()
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @HttpCode(204)
  async update(@CurrentPrincipal() actor: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<void> {
    await this.users.update(actor, id, body);
  }
}
