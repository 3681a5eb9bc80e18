import { Inject, Injectable } from '@nestjs/common';
import type { DepartmentKind } from '@planwatch/shared';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';

export interface DepartmentRecord {
  code: string;
  name: string;
  kind: DepartmentKind;
  regionCode: string;
  regionName: string;
  regionKind: string;
  users: number;
  indicators: number;
}

export interface DepartmentChanges {
  name?: string;
  kind?: DepartmentKind;
  regionCode?: string;
}

const SELECT = `
  SELECT d.code, d.name, d.kind, d.region_code AS "regionCode", r.name AS "regionName", r.kind AS "regionKind",
         (SELECT count(*)::int FROM users u WHERE u.department_code = d.code) AS users,
         (SELECT count(*)::int FROM indicators i WHERE i.department_code = d.code) AS indicators
    FROM departments d JOIN regions r ON r.code = d.region_code`;

/** Departments (bureaus, towns, zones) and their audited changes. */
@Injectable()
export class DepartmentsRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  list(): Promise<DepartmentRecord[]> {
    return this.db.query(`${SELECT} ORDER BY d.kind, d.code`);
  }

  async codes(): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.db.query('SELECT code FROM departments ORDER BY code');
    return rows.map((r) => r.code);
  }

  async find(code: string): Promise<DepartmentRecord | undefined> {
    const rows: DepartmentRecord[] = await this.db.query(`${SELECT} WHERE d.code = $1`, [code]);
    return rows[0];
  }

  async findByName(name: string): Promise<DepartmentRecord | undefined> {
    const rows: DepartmentRecord[] = await this.db.query(`${SELECT} WHERE d.name = $1`, [name]);
    return rows[0];
  }

  async regionKind(code: string): Promise<string | undefined> {
    const rows: Array<{ kind: string }> = await this.db.query('SELECT kind FROM regions WHERE code = $1', [code]);
    return rows[0]?.kind;
  }

  async create(department: { code: string; name: string; kind: DepartmentKind; regionCode: string }, actorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO departments (code, name, kind, region_code) VALUES ($1, $2, $3, $4)', [department.code, department.name, department.kind, department.regionCode]);
      await this.audit.record({ userId: actorId, action: 'create', entity: 'department', entityId: department.code, after: department }, tx);
    });
  }

  async update(code: string, before: DepartmentRecord, changes: DepartmentChanges, actorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE departments SET name = coalesce($2, name), kind = coalesce($3, kind), region_code = coalesce($4, region_code) WHERE code = $1`,
        [code, changes.name ?? null, changes.kind ?? null, changes.regionCode ?? null],
      );
      await this.audit.record(
        {
          userId: actorId,
          action: 'update',
          entity: 'department',
          entityId: code,
          before: { name: before.name, kind: before.kind, regionCode: before.regionCode },
          after: changes,
        },
        tx,
      );
    });
  }
}
