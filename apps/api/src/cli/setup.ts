/**
 * Brings a database to a usable state: migrations, the plan, the sample data and the demo
 * accounts. Used by `npm start`, by the test suites' template database and by `db setup`.
 */
import 'reflect-metadata';
import { ensureDepartmentFolders, loadJobDefinitions } from '@planwatch/etl';
import { lastCompleteMonth, type Period, type Role } from '@planwatch/shared';
import { jobsDir, REPO_ROOT } from '../common/paths.js';
import { createDataSource } from '../database/data-source.js';
import { AuditRepository } from '../modules/audit/audit.repository.js';
import { DepartmentsRepository } from '../modules/departments/departments.repository.js';
import { hashPassword } from '../modules/auth/password.js';
import { UsersRepository } from '../modules/auth/users.repository.js';
import { PlanRepository } from '../modules/plan/plan.repository.js';
import { PlanService } from '../modules/plan/plan.service.js';
import { SampleRepository } from '../modules/sample/sample.repository.js';
import { SampleService } from '../modules/sample/sample.service.js';

export interface PrepareOptions {
  planFile?: string;
  /** The last month of sample data; defaults to the last complete month. `null` loads no sample. */
  sampleAsOf?: Period | null;
  demoUsers?: boolean;
  /** Give every inbox job's folder a subfolder per department (npm start, `db setup`). */
  inboxFolders?: boolean;
  log?: (line: string) => void;
}

/** Demo accounts: one per role and kind of department, so every page can be tried. */
export const DEMO_PASSWORD = 'planwatch2026';
export const DEMO_ACCOUNTS: Array<{ username: string; displayName: string; role: Role; departmentCode: string | null; description: string }> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', departmentCode: null, description: '管理员：用户、目标、预警规则' },
  { username: 'leader', displayName: '区领导', role: 'viewer', departmentCode: null, description: '领导：只读，大屏与钻取' },
  { username: 'energy', displayName: '能源局填报员', role: 'reporter', departmentCode: 'energy', description: '能源局填报员（煤炭指标）' },
  { username: 'industry', displayName: '工信局填报员', role: 'reporter', departmentCode: 'industry', description: '工信局填报员（装备、光伏、新能源汽车、资源循环）' },
  { username: 'xihuo', displayName: '西火镇填报员', role: 'reporter', departmentCode: 'town_xihuo', description: '西火镇填报员（仅本镇）' },
  { username: 'stats', displayName: '统计局审核员', role: 'reviewer', departmentCode: 'statistics', description: '统计局审核员（全区审核）' },
  { username: 'energy_review', displayName: '能源局审核员', role: 'reviewer', departmentCode: 'energy', description: '能源局审核员（本部门审核）' },
];

export interface PrepareResult {
  planVersion: string;
  sampleAsOf: Period | null;
  demoAccounts: typeof DEMO_ACCOUNTS;
  demoPassword: string;
}

export async function prepareDatabase(url: string, givenOptions: PrepareOptions = {}): Promise<PrepareResult> {
  // The CLI's own configuration: PLAN_FILE picks another plan file (README, Configuration).
  const options = { planFile: process.env.PLAN_FILE || undefined, ...givenOptions };
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const db = await createDataSource(url, { poolSize: 4, applicationName: 'planwatch-setup' }).initialize();
  try {
    const migrations = await db.runMigrations({ transaction: 'each' });
    log(migrations.length ? `migrations applied: ${migrations.map((m) => m.name).join(', ')}` : 'migrations: up to date');

    const plan = await new PlanService(new PlanRepository(db)).loadFile(options.planFile);
    log(plan.changed ? `plan ${plan.version} loaded (targets +${plan.targetsInserted} ~${plan.targetsUpdated} -${plan.targetsRemoved})` : `plan ${plan.version}: already loaded`);

    const sampleAsOf = options.sampleAsOf === undefined ? lastCompleteMonth(new Date()) : options.sampleAsOf;
    if (sampleAsOf) {
      const sample = await new SampleService(new SampleRepository(db), new PlanService(new PlanRepository(db))).load(sampleAsOf, options.planFile);
      log(sample.loaded ? `sample data loaded through ${sampleAsOf}: ${sample.observations} figures, ${sample.projects} projects` : `sample data through ${sampleAsOf}: already loaded`);
    }

    if (options.inboxFolders) {
      const codes = await new DepartmentsRepository(db, new AuditRepository(db)).codes();
      const { jobs } = await loadJobDefinitions(jobsDir(process.env.ETL_JOBS_DIR), { env: process.env, baseDir: REPO_ROOT });
      for (const job of jobs) {
        if (job.source.type !== 'inbox') continue;
        await ensureDepartmentFolders(job.source.dir, codes);
        log(`inbox ${job.name}: a folder per department in ${job.source.dir} (${codes.length})`);
      }
    }

    if (options.demoUsers ?? true) {
      const users = new UsersRepository(db);
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      for (const account of DEMO_ACCOUNTS) {
        await users.createIfAbsent({ ...account, passwordHash });
      }
      await new AuditRepository(db).record({ action: 'demo_accounts_ensured', entity: 'user', after: DEMO_ACCOUNTS.map((a) => a.username) });
    }
    return { planVersion: plan.version, sampleAsOf, demoAccounts: DEMO_ACCOUNTS, demoPassword: DEMO_PASSWORD };
  } finally {
    await db.destroy();
  }
}
