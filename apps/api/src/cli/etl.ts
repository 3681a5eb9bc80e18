/**
 * `npm run etl -- <command>` (node apps/api/dist/cli/etl.js) against DATABASE_URL:
 *
 *   run <job>                run a declared job (ETL_JOBS_DIR, default packages/etl/jobs/<job>.job.yaml)
 *   load <file> [options]    load one XLSX/CSV file: --basis 当月|累计, --year 2026, --region <code>,
 *                            --quarantine (load the valid rows, report the rest)
 *   jobs                     list the declared jobs, and the problems of invalid job files
 *   recover                  mark runs left 'running' by a killed process as failed
 *   plan validate [file]     check the plan file (default PLAN_FILE or plan/shangdang.plan.yaml)
 *                            against the source documents beside it; needs no database
 *   --json                   print the run record (or the plan's problems) as JSON instead of a summary
 *
 * Exit status: 0 succeeded, 3 partial (some rows or files not loaded), 1 failed (or the plan has
 * problems), 2 usage.
 */
import { describeReject, EtlRunner, fileJob, JobBusyError, JobDefinitionError, loadJobDefinitions, parseJobDefinition, urlConnector, type JobDefinition, type RunSummary } from '@planwatch/etl';
import { lintPlanSources } from '@planwatch/shared';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { DEFAULT_PLAN_FILE, jobsDir, REPO_ROOT } from '../common/paths.js';

// A streamed load keeps little alive, but each chunk's figures outlive a young-generation
// collection (the chunk lives while it is written), and V8's default heap growth lets that
// garbage pile up between full collections: a million-row load peaked at 250–310 MB. Growing the
// heap by 30 % at a time keeps it under 200 MB at no cost in speed that bench:etl can measure.
v8.setFlagsFromString('--heap-growing-percent=30');

const USAGE = `usage: etl run <job> | etl load <file> [--basis 当月|累计] [--year YYYY] [--region CODE] [--quarantine] | etl jobs | etl recover | etl plan validate [file]   [--json]`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        basis: { type: 'string' },
        year: { type: 'string' },
        region: { type: 'string' },
        quarantine: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();

const [command, argument] = positionals;
if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
if (command === 'plan') validatePlan();
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is not set');

const jobsDirectory = jobsDir(process.env.ETL_JOBS_DIR);
const say = (line: string) => process.stderr.write(`${line}\n`);
const runner = new EtlRunner({
  connector: urlConnector(url, 'planwatch-etl-cli'),
  log: say,
  onProgress: (event) => {
    if (event.type === 'started') say(`run ${event.runId} started: ${event.job}`);
    else if (event.type === 'unit') say(`  ${event.label}: ${event.phase}${event.rows === undefined ? '' : ` (${event.rows} rows)`}`);
  },
});

/** Does the plan file say what its sources say? Reads the plan and the documents it names, no database. */
function validatePlan(): never {
  if (argument !== 'validate' || positionals.length > 3) fail(USAGE);
  const file = resolve(process.cwd(), positionals[2] ?? (process.env.PLAN_FILE || DEFAULT_PLAN_FILE));
  if (!existsSync(file)) fail(`no plan file at ${file}`, 1);
  const issues = lintPlanSources(readFileSync(file, 'utf8'), (document) => {
    const path = resolve(dirname(file), document);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  });
  if (values.json) process.stdout.write(`${JSON.stringify({ file, issues }, null, 2)}\n`);
  else {
    const lines = issues.map((i) => `${file}:${i.line ?? '?'}: ${i.path}: ${i.message}`);
    lines.push(issues.length === 0 ? `plan ${file}: says what its sources say` : `plan ${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.exit(issues.length === 0 ? 0 : 1);
}

function exitCode(summary: RunSummary): number {
  return summary.status === 'succeeded' ? 0 : summary.status === 'partial' ? 3 : 1;
}

function print(summary: RunSummary): void {
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const lines = [
    `run ${summary.id}  job ${summary.job}  ${summary.status}`,
    `rows read ${summary.rowsRead}, loaded ${summary.rowsLoaded}, unchanged ${summary.rowsUnchanged}, rejected ${summary.rowsRejected}`,
  ];
  for (const unit of summary.report.units) {
    const review = unit.loadAs === 'submitted' && unit.batchId ? ' (submitted for review)' : '';
    lines.push(`  ${unit.label}: ${unit.status}${review}${unit.error ? ` — ${unit.error}` : ''}${unit.movedTo ? ` → ${unit.movedTo}` : ''}`);
  }
  for (const reject of summary.report.rejects.slice(0, 20)) lines.push(`    ${reject.file} ${describeReject(reject)}`);
  if (summary.report.rejects.length > 20) lines.push(`    … ${summary.report.rejects.length - 20} more (etl_runs.report)`);
  if (summary.report.watermark) lines.push(`watermark ${summary.report.watermark}`);
  if (summary.error) lines.push(`error: ${summary.error}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runJob(job: JobDefinition): Promise<never> {
  try {
    const summary = await runner.run(job, { trigger: 'cli' });
    print(summary);
    process.exit(exitCode(summary));
  } catch (error) {
    if (error instanceof JobBusyError) fail(`job "${job.name}" is already running (another process holds its lock)`, 1);
    throw error;
  }
}

const env = process.env;
switch (command) {
  case 'run': {
    if (!argument) fail(USAGE);
    const { jobs, invalid } = await loadJobDefinitions(jobsDirectory, { env, baseDir: REPO_ROOT });
    const job = jobs.find((j) => j.name === argument);
    if (!job) {
      const bad = invalid.find((i) => i.name === argument);
      fail(bad ? bad.error.message : `no job "${argument}" in ${jobsDirectory} (declared: ${jobs.map((j) => j.name).join(', ') || 'none'})`);
    }
    await runJob(job);
    break;
  }
  case 'load': {
    if (!argument) fail(USAGE);
    // The options go through the same validation as a job file's defaults.
    let defaults: JobDefinition['defaults'];
    try {
      defaults = parseJobDefinition(
        JSON.stringify({
          name: 'load',
          description: 'cli',
          source: { type: 'file', path: 'x' },
          defaults: { ...(values.basis ? { basis: values.basis } : {}), ...(values.year ? { year: values.year } : {}), ...(values.region ? { region: values.region } : {}) },
        }),
      ).defaults;
    } catch (error) {
      fail(error instanceof JobDefinitionError ? error.message.replace('job file (job) invalid', 'invalid options') : String(error));
    }
    await runJob(fileJob(resolve(process.cwd(), argument), { mode: values.quarantine ? 'quarantine' : 'all_or_nothing', defaults }));
    break;
  }
  case 'jobs': {
    const { jobs, invalid } = await loadJobDefinitions(jobsDirectory, { env, baseDir: REPO_ROOT });
    for (const job of jobs) process.stdout.write(`${job.name}\t${job.schedule ?? '(on demand)'}\t${job.mode}\t${job.source.type}\t${job.description}\n`);
    for (const bad of invalid) process.stdout.write(`${bad.name}\tINVALID\n${bad.error.message}\n`);
    process.exit(invalid.length > 0 ? 1 : 0);
    break;
  }
  case 'recover': {
    const ids = await runner.recoverInterrupted();
    process.stdout.write(ids.length ? `marked failed (interrupted): ${ids.join(', ')}\n` : 'no interrupted runs\n');
    process.exit(0);
    break;
  }
  default:
    fail(`unknown command "${command}"\n${USAGE}`);
}
