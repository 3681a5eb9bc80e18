/**
 * Job declarations: one `<name>.job.yaml` per job in `packages/etl/jobs/`. Each names its
 * source (inbox folder, file, HTTP JSON API, SQL query), the defaults the layout needs, its cron
 * schedule and whether a batch with rejected rows loads nothing (all_or_nothing) or loads the
 * valid rows and quarantines the rest (quarantine).
 *
 * Strings may reference the environment: `${NAME}` (an error when unset or empty) and
 * `${NAME:-default}`. Expansion runs on the parsed values, so a variable can never change the
 * YAML structure; every problem is reported with its path and line.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CronError, documentIssues, formatDocumentPath, isTimeZone, parseCron, type Basis, type DocumentPathSegment } from '@planwatch/shared';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export const JOB_FILE_SUFFIX = '.job.yaml';

export interface JobIssue {
  /** `source.url`, `schedule`, `(yaml)`, `(file)` … */
  path: string;
  message: string;
  line?: number;
}

/** A job file that cannot be used, with every problem found. */
export class JobDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly JobIssue[],
  ) {
    const lines = issues.map((i) => `  ${i.path}: ${i.message}${i.line === undefined ? '' : ` (line ${i.line})`}`);
    super(`job file ${path.basename(file)} invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'JobDefinitionError';
  }
}

// ── schema ─────────────────────────────────────────────────────────────────────────────────

const nonEmpty = z.string().trim().min(1, 'must not be empty');
/** Numbers may come from `${ENV}` expansion as text. */
const count = (min: number, max: number) => z.coerce.number({ message: 'expected a number' }).int('expected a whole number').min(min).max(max);
const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ message: 'expected true or false' }));
const asString = (value: unknown): unknown => (typeof value === 'number' ? String(value) : value);

const fieldMapping = z.strictObject({
  indicator: nonEmpty,
  region: nonEmpty,
  period: nonEmpty,
  value: nonEmpty,
  basis: nonEmpty.optional(),
  unit: nonEmpty.optional(),
  note: nonEmpty.optional(),
});

const retry = z.strictObject({
  attempts: count(1, 20).default(4),
  baseDelayMs: count(0, 600_000).default(500),
  maxDelayMs: count(0, 3_600_000).default(15_000),
});

const httpUrl = nonEmpty.refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected an http:// or https:// URL');

const postgresUrl = nonEmpty.refine((value) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected a postgres:// URL');

const extension = z.string().regex(/^\.[a-z0-9]+$/i, 'expected an extension like ".xlsx"').transform((e) => e.toLowerCase());

export const inboxSourceSchema = z.strictObject({
  type: z.literal('inbox'),
  /** Folder watched for new files; relative paths are taken from the base directory (the repository root). */
  dir: nonEmpty,
  /** Which files are picked up; anything else is left where it is. */
  extensions: z.array(extension).min(1).default(['.xlsx', '.xls', '.csv']),
  /** A file modified less than this many seconds ago may still be being copied: left for the next run. */
  settleSeconds: count(0, 86_400).default(5),
  processedDir: nonEmpty.default('processed'),
  failedDir: nonEmpty.default('failed'),
});

export const fileSourceSchema = z.strictObject({
  type: z.literal('file'),
  path: nonEmpty,
});

export const httpSourceSchema = z.strictObject({
  type: z.literal('http'),
  url: httpUrl,
  pageSize: count(1, 100_000).default(500),
  params: z.strictObject({ page: nonEmpty.optional(), pageSize: nonEmpty.optional(), since: nonEmpty.optional() }).optional(),
  response: z.strictObject({ items: nonEmpty.optional(), nextPage: nonEmpty.optional() }).optional(),
  watermarkField: nonEmpty.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  mapping: fieldMapping,
  timeoutMs: count(100, 600_000).default(30_000),
  retry: retry.default({ attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000 }),
});

export const sqlSourceSchema = z.strictObject({
  type: z.literal('sql'),
  url: postgresUrl,
  query: nonEmpty.refine((q) => /^\s*(select|with)\b/i.test(q), 'expected a SELECT (or WITH … SELECT) query'),
  watermarkField: nonEmpty.optional(),
  mapping: fieldMapping,
  batchSize: count(1, 1_000_000).default(5000),
  retry: retry.default({ attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000 }),
});

const BASIS_WORDS: Readonly<Record<string, Basis>> = { month: 'month', ytd: 'ytd', 当月: 'month', 累计: 'ytd' };

export const jobSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name like "department-inbox"'),
  description: nonEmpty,
  /** Five-field cron, evaluated in `timezone`; absent or null: run only on demand. */
  schedule: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseCron(value);
      } catch (error) {
        if (!(error instanceof CronError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    })
    .nullable()
    .default(null),
  timezone: nonEmpty.refine(isTimeZone, 'unknown IANA time zone').default('Asia/Shanghai'),
  /** A disabled job is not scheduled; it can still be run by hand. */
  enabled: flag.default(true),
  mode: z.enum(['all_or_nothing', 'quarantine'], { message: 'expected all_or_nothing or quarantine' }).default('all_or_nothing'),
  /**
   * A trusted job (a system feed) puts its figures in force at once; any other job's figures
   * go to the review queue as a submission, as a department's upload does.
   */
  trusted: flag.default(false),
  /**
   * Whether its figures go through the checks uploads do (强制性审核 refuses a row, 核实性审核 needs a
   * 说明 in its note). Off only for bulk loads of history (`etl load`).
   */
  checks: flag.default(true),
  /** The department whose figures the job brings: checked row by row as its uploads are. An inbox takes it from each file's folder. */
  department: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a department code like "energy"').optional(),
  source: z.discriminatedUnion('type', [inboxSourceSchema, fileSourceSchema, httpSourceSchema, sqlSourceSchema], {
    message: 'source.type must be one of inbox, file, http, sql',
  }),
  defaults: z
    .strictObject({
      /** 口径 when the file has no 口径 column: 当月 / 累计 (or month / ytd). */
      basis: z
        .string()
        .refine((b) => b in BASIS_WORDS, 'expected 当月, 累计, month or ytd')
        .transform((b) => BASIS_WORDS[b]!)
        .optional(),
      /** Year for periods written without one ("6月"). */
      year: count(2000, 2100).optional(),
      /** Region code for sources without a region column. */
      region: z.preprocess(asString, nonEmpty).optional(),
    })
    .default({}),
  layout: z
    .strictObject({
      headerSearchRows: count(1, 1000).optional(),
      includeHiddenSheets: flag.optional(),
    })
    .default({}),
  /** Original files up to this size are kept in stored_files with their batch. */
  storeFilesUpToBytes: count(0, 1 << 30).default(20 * 1024 * 1024),
}).refine((job) => !(job.source.type === 'inbox' && job.department), {
  path: ['department'],
  message: "an inbox job takes each file's department from its folder (INBOX_DIR/<department>/)",
});

export type JobFile = z.output<typeof jobSchema>;
export type InboxSourceConfig = z.output<typeof inboxSourceSchema>;
export type FileSourceConfig = z.output<typeof fileSourceSchema>;
export type HttpSourceJobConfig = z.output<typeof httpSourceSchema>;
export type SqlSourceJobConfig = z.output<typeof sqlSourceSchema>;
export type JobSourceConfig = JobFile['source'];
export type JobMode = JobFile['mode'];

/** A validated job: the file's content with paths resolved. */
export interface JobDefinition extends JobFile {
  /** The file it was read from (absent for ad-hoc jobs such as `etl load <file>`). */
  file?: string;
}

// ── environment expansion ──────────────────────────────────────────────────────────────────

type Segment = DocumentPathSegment;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{([^}]*)\}?/g;

/**
 * Expands `${NAME}` and `${NAME:-default}` in one string. `$${` stays a literal `${`.
 * Returns the problems instead of throwing, so every one can be reported.
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): { value: string; problems: string[] } {
  const problems: string[] = [];
  const escaped = text.split('$${');
  const value = escaped
    .map((piece) =>
      piece.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
        if (name === undefined) {
          problems.push(`"${match}" is not a valid reference (write \${NAME} or \${NAME:-default}; $\${ for a literal \${)`);
          return match;
        }
        const current = env[name];
        if (current !== undefined && current !== '') return current;
        if (fallback !== undefined) return fallback;
        problems.push(`environment variable ${name} is not set (or give a default: \${${name}:-value})`);
        return '';
      }),
    )
    .join('${');
  return { value, problems };
}

function expandTree(value: unknown, env: Readonly<Record<string, string | undefined>>, at: Segment[], issues: Array<{ path: Segment[]; message: string }>): unknown {
  if (typeof value === 'string') {
    const { value: expanded, problems } = expandEnv(value, env);
    for (const message of problems) issues.push({ path: at, message });
    return expanded;
  }
  if (Array.isArray(value)) return value.map((item, i) => expandTree(item, env, [...at, i], issues));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTree(v, env, [...at, k], issues)]));
  }
  return value;
}

// ── parsing ────────────────────────────────────────────────────────────────────────────────

export interface ParseJobOptions {
  /** File name used in messages and checked against `name`. */
  file?: string;
  /** Variables for `${NAME}`; defaults to none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative `source.dir` / `source.path` are resolved against it (default: the working directory). */
  baseDir?: string;
}

/** Parses and validates the YAML text of one job file. Throws JobDefinitionError. */
export function parseJobDefinition(yamlText: string, options: ParseJobOptions = {}): JobDefinition {
  const file = options.file ?? '(job)';
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new JobDefinitionError(
      file,
      doc.errors.map((error) => ({ path: '(yaml)', message: error.message.split('\n')[0] ?? error.message, line: lineCounter.linePos(error.pos[0]).line })),
    );
  }
  const locate = (at: Segment[]): number | undefined => {
    for (let k = at.length; k >= 0; k--) {
      const node: unknown = doc.getIn(at.slice(0, k), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const toIssues = (raw: Array<{ path: Segment[]; message: string }>): JobIssue[] =>
    raw.map((issue) => {
      const line = locate(issue.path);
      return { path: formatDocumentPath(issue.path), message: issue.message, ...(line === undefined ? {} : { line }) };
    });

  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new JobDefinitionError(file, [{ path: '(root)', message: 'expected a mapping (name, description, source, …)' }]);
  const expansionIssues: Array<{ path: Segment[]; message: string }> = [];
  const expanded = expandTree(raw, options.env ?? {}, [], expansionIssues);
  const parsed = jobSchema.safeParse(expanded);
  // Report expansion problems first; schema problems on the same path are their consequence.
  const problems = [...expansionIssues];
  if (!parsed.success) {
    const seen = new Set(expansionIssues.map((i) => formatDocumentPath(i.path)));
    problems.push(...parsed.error.issues.flatMap(documentIssues).filter((i) => !seen.has(formatDocumentPath(i.path))));
  }
  if (parsed.success && options.file && path.basename(options.file) !== `${parsed.data.name}${JOB_FILE_SUFFIX}`) {
    problems.push({ path: ['name'], message: `name "${parsed.data.name}" does not match the file name (expected ${parsed.data.name}${JOB_FILE_SUFFIX})` });
  }
  if (problems.length > 0 || !parsed.success) throw new JobDefinitionError(file, toIssues(problems));

  const job: JobDefinition = { ...parsed.data, ...(options.file ? { file: options.file } : {}) };
  const base = options.baseDir ?? process.cwd();
  if (job.source.type === 'inbox') job.source = { ...job.source, dir: path.resolve(base, job.source.dir) };
  if (job.source.type === 'file') job.source = { ...job.source, path: path.resolve(base, job.source.path) };
  return job;
}

export interface JobCatalog {
  jobs: JobDefinition[];
  /** Files that could not be used, each with its problems; the other jobs still run. */
  invalid: Array<{ file: string; name: string; error: JobDefinitionError }>;
}

/** Reads every `*.job.yaml` in `dir`. Invalid files are returned, not thrown, so one bad file stops only its job. */
export async function loadJobDefinitions(dir: string, options: Omit<ParseJobOptions, 'file'> = {}): Promise<JobCatalog> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(JOB_FILE_SUFFIX)).sort();
  const catalog: JobCatalog = { jobs: [], invalid: [] };
  for (const name of files) {
    const file = path.join(dir, name);
    try {
      const job = parseJobDefinition(await readFile(file, 'utf8'), { ...options, file });
      if (catalog.jobs.some((j) => j.name === job.name)) {
        throw new JobDefinitionError(file, [{ path: 'name', message: `job "${job.name}" is declared twice` }]);
      }
      catalog.jobs.push(job);
    } catch (error) {
      if (!(error instanceof JobDefinitionError)) throw error;
      catalog.invalid.push({ file, name: name.slice(0, -JOB_FILE_SUFFIX.length), error });
    }
  }
  return catalog;
}

/** What may be shown about a source without leaking credentials (no headers, no passwords, no query). */
export function describeSource(source: JobSourceConfig): string {
  const redact = (url: string) => {
    try {
      const u = new URL(url);
      return `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
      return '(invalid url)';
    }
  };
  switch (source.type) {
    case 'inbox':
      return source.dir;
    case 'file':
      return source.path;
    case 'http':
      return redact(source.url);
    case 'sql':
      return redact(source.url);
  }
}
