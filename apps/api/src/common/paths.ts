import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from src/ (tests) or dist/. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DEFAULT_PLAN_FILE = resolve(REPO_ROOT, 'plan/shangdang.plan.yaml');
export const DEFAULT_WORK_CALENDAR_FILE = resolve(REPO_ROOT, 'plan/work-calendar.yaml');

/** Where the `*.job.yaml` declarations live: ETL_JOBS_DIR (from the repository root), else packages/etl/jobs. */
export const jobsDir = (setting: string | undefined) => resolve(REPO_ROOT, setting || 'packages/etl/jobs');
