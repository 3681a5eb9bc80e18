/**
 * Brings a database to a usable state. Two ways:
 * - the demo (`npm start`, the test suites' template database, `db.js setup`): migrations, the
 *   plan, the sample data and the demo accounts;
 * - production (`db.js setup --production`, also the upgrade step): migrations and the plan, and
 *   the first administrator when there is none. No sample data, no demo accounts.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ensureDepartmentFolders, loadJobDefinitions } from '@planwatch/etl';
import { lastCompleteMonth, parseWorkCalendarYaml, sampleSupervisions, type Period } from '@planwatch/shared';
import type { DataSource } from 'typeorm';
import { DEFAULT_WORK_CALENDAR_FILE, jobsDir, REPO_ROOT } from '../common/paths.js';
import { createDataSource } from '../database/data-source.js';
import { AuditRepository } from '../modules/audit/audit.repository.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/auth/demo-accounts.js';
import { hashPassword, passwordProblem } from '../modules/auth/password.js';
import { DepartmentsRepository } from '../modules/departments/departments.repository.js';
import { UsersRepository } from '../modules/auth/users.repository.js';
import { PlanRepository } from '../modules/plan/plan.repository.js';
import { PlanService } from '../modules/plan/plan.service.js';
import { SampleRepository } from '../modules/sample/sample.repository.js';
import { SampleService } from '../modules/sample/sample.service.js';
import { SupervisionSampleRepository } from '../modules/supervision/supervision-sample.repository.js';

export interface PrepareOptions {
  planFile?: string;
  /** The last month of sample data; defaults to the last complete month. `null` loads no sample. */
  sampleAsOf?: Period | null;
  demoUsers?: boolean;
  /** "Now" for sample 督办 dates (tests fix it); defaults to the clock. */
  now?: Date;
  /** Give every inbox job's folder a subfolder per department (npm start, `db setup`). */
  inboxFolders?: boolean;
  log?: (line: string) => void;
}

export interface PrepareResult {
  planVersion: string;
  sampleAsOf: Period | null;
  demoAccounts: typeof DEMO_ACCOUNTS;
  demoPassword: string;
}

export interface AdminCredentials {
  username: string;
  password: string;
}

export interface ProductionOptions {
  planFile?: string;
  /** Asked only when the database has no active administrator. */
  firstAdmin: () => Promise<AdminCredentials>;
  log?: (line: string) => void;
}

export class SetupError extends Error {}

/** The first administrator's display name (not the demo admin's, which a production start refuses). */
const FIRST_ADMIN_NAME = '管理员';

const stdoutLog = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Runs every pending migration in one transaction: a migration that fails leaves the database
 * exactly as it was, the earlier ones of the same upgrade included.
 */
export async function migrateToHead(db: DataSource): Promise<string[]> {
  const applied = await db.runMigrations({ transaction: 'all' });
  return applied.map((migration) => migration.name);
}

async function migrateAndLoadPlan(db: DataSource, planFile: string | undefined, log: (line: string) => void): Promise<string> {
  const migrations = await migrateToHead(db);
  log(migrations.length ? `migrations applied: ${migrations.join(', ')}` : 'migrations: up to date');
  const plan = await new PlanService(new PlanRepository(db)).loadFile(planFile);
  log(
    plan.changed
      ? `plan ${plan.version} loaded (targets +${plan.targetsInserted} ~${plan.targetsUpdated} -${plan.targetsRemoved}; published figures +${plan.publishedLoaded}` +
          `${plan.publishedBehindReports > 0 ? `, ${plan.publishedBehindReports} behind a department's approved report` : ''})`
      : `plan ${plan.version}: already loaded`,
  );
  return plan.version;
}

export async function prepareDatabase(url: string, givenOptions: PrepareOptions = {}): Promise<PrepareResult> {
  // The CLI's own configuration: PLAN_FILE picks another plan file (README, Configuration).
  const options = { planFile: process.env.PLAN_FILE || undefined, ...givenOptions };
  const log = options.log ?? stdoutLog;
  const db = await createDataSource(url, { poolSize: 4, applicationName: 'planwatch-setup' }).initialize();
  try {
    const planVersion = await migrateAndLoadPlan(db, options.planFile, log);

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
      if (sampleAsOf) {
        // Sample 督办 name demo accounts, so they come with them; redated from today on every setup.
        const calendar = parseWorkCalendarYaml(readFileSync(process.env.WORK_CALENDAR_FILE || DEFAULT_WORK_CALENDAR_FILE, 'utf8'));
        const count = await new SupervisionSampleRepository(db).replace(sampleSupervisions(calendar, options.now ?? new Date()));
        log(`sample 督办: ${count}`);
      }
    }
    return { planVersion, sampleAsOf, demoAccounts: DEMO_ACCOUNTS, demoPassword: DEMO_PASSWORD };
  } finally {
    await db.destroy();
  }
}

/** A production install or upgrade: migrations, the plan, and the first administrator if there is none. */
export async function prepareProductionDatabase(url: string, options: ProductionOptions): Promise<{ planVersion: string; adminCreated: string | null }> {
  const log = options.log ?? stdoutLog;
  const db = await createDataSource(url, { poolSize: 2, applicationName: 'planwatch-setup' }).initialize();
  try {
    const planVersion = await migrateAndLoadPlan(db, options.planFile ?? (process.env.PLAN_FILE || undefined), log);
    const users = new UsersRepository(db);
    if (await users.hasActiveAdmin()) {
      log('administrators: present (none created)');
      return { planVersion, adminCreated: null };
    }
    const admin = await options.firstAdmin();
    if (!/^[a-z0-9_.-]{3,64}$/.test(admin.username)) throw new SetupError(`administrator username "${admin.username}": 3–64 of a-z 0-9 _ . -`);
    const problem = admin.password === DEMO_PASSWORD ? '不能使用演示密码' : passwordProblem(admin.password);
    if (problem) throw new SetupError(`administrator password refused: ${problem}`);
    if (await users.findByUsername(admin.username)) throw new SetupError(`user "${admin.username}" exists but is no active administrator: choose another username`);
    const id = await users.create({ username: admin.username, displayName: FIRST_ADMIN_NAME, passwordHash: await hashPassword(admin.password), role: 'admin', departmentCode: null, mustChangePassword: true });
    await new AuditRepository(db).record({ action: 'first_admin_created', entity: 'user', entityId: id, after: { username: admin.username, role: 'admin' } });
    log(`administrator "${admin.username}" created: they choose a new password at their first sign-in`);
    return { planVersion, adminCreated: admin.username };
  } finally {
    await db.destroy();
  }
}
