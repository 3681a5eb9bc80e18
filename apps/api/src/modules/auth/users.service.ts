import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Role } from '@planwatch/shared';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from './auth.types.js';
import { hashPassword, passwordProblem } from './password.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  list() {
    return this.users.list();
  }

  async create(actor: Principal, input: { username: string; displayName: string; password: string; role: Role; departmentCode?: string | null }) {
    const problem = passwordProblem(input.password);
    if (problem) throw new BadRequestException(problem);
    if (['reporter', 'reviewer'].includes(input.role) && !input.departmentCode) {
      throw new BadRequestException('填报员和审核员必须属于一个部门');
    }
    if (await this.users.findByUsername(input.username)) throw new ConflictException(`用户名"${input.username}"已存在`);
    const id = await this.users.create({
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      departmentCode: input.departmentCode ?? null,
    });
    const { password: _secret, ...after } = input;
    await this.audit.record({ userId: actor.userId, action: 'create', entity: 'user', entityId: id, after });
    return { id };
  }

  async update(actor: Principal, id: string, changes: { displayName?: string; role?: Role; departmentCode?: string | null; active?: boolean; mobile?: string }) {
    const before = await this.users.findById(id);
    if (!before) throw new NotFoundException(`用户${id}不存在`);
    await this.users.update(id, { ...changes, ...(changes.mobile === undefined ? {} : { mobile: changes.mobile || null }) });
    if (changes.active === false) await this.users.endAllSessions(id);
    const { passwordHash: _hidden, ...visible } = before;
    await this.audit.record({ userId: actor.userId, action: 'update', entity: 'user', entityId: id, before: visible, after: changes });
  }
}
