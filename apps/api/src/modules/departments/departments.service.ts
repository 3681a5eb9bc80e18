import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DepartmentKind } from '@planwatch/shared';
import { badParameter } from '../../common/validation.js';
import type { Principal } from '../auth/auth.types.js';
import { DepartmentsRepository, type DepartmentChanges } from './departments.repository.js';

/** A bureau answers for the district; a town or zone for a region below it. */
function regionFits(kind: DepartmentKind, regionKind: string): boolean {
  return kind === 'bureau' ? regionKind === 'district' : regionKind !== 'district';
}

@Injectable()
export class DepartmentsService {
  constructor(@Inject(DepartmentsRepository) private readonly departments: DepartmentsRepository) {}

  list() {
    return this.departments.list();
  }

  async create(actor: Principal, input: { code: string; name: string; kind: DepartmentKind; regionCode: string }) {
    if (await this.departments.find(input.code)) throw new ConflictException(`部门编码"${input.code}"已存在`);
    if (await this.departments.findByName(input.name)) throw new ConflictException(`部门名称"${input.name}"已存在`);
    await this.checkRegion(input.kind, input.regionCode);
    await this.departments.create(input, actor.userId);
    return this.departments.find(input.code);
  }

  async update(actor: Principal, code: string, changes: DepartmentChanges): Promise<void> {
    const before = await this.departments.find(code);
    if (!before) throw new NotFoundException(`部门${code}不存在`);
    if (Object.keys(changes).length === 0) throw new BadRequestException('没有要修改的内容');
    if (changes.name && changes.name !== before.name && (await this.departments.findByName(changes.name))) {
      throw new ConflictException(`部门名称"${changes.name}"已存在`);
    }
    if (changes.kind || changes.regionCode) await this.checkRegion(changes.kind ?? before.kind, changes.regionCode ?? before.regionCode);
    await this.departments.update(code, before, changes, actor.userId);
  }

  private async checkRegion(kind: DepartmentKind, regionCode: string): Promise<void> {
    const regionKind = await this.departments.regionKind(regionCode);
    if (!regionKind) throw badParameter('regionCode', `unknown region "${regionCode}"`);
    if (!regionFits(kind, regionKind)) {
      throw badParameter('regionCode', kind === 'bureau' ? '局（bureau）须对应全区（district）' : '乡镇/园区部门须对应区以下的地区');
    }
  }
}
