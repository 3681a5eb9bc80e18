/**
 * Sources as the runner sees them: each yields units (a file, or one pass over an HTTP API or a
 * SQL query); each unit extracts and transforms itself into records, rejects and skipped rows,
 * and becomes one batch (one transaction). Spreadsheets go through `parseObservationsFile`;
 * HTTP and SQL rows through `structuredToRaw` and the same `ObservationTransformer`, so every
 * source meets exactly the same validation.
 */
import { SPREADSHEET_CONTENT_TYPES, type SpreadsheetKind } from '../extract/read-info.js';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileRejectedError } from '../errors.js';
import type { ObservationRecord, RawRecord, Reject, Skipped } from '../model.js';
import { detectFileKind } from '../extract/file-kind.js';
import { parseObservationsFile, streamObservationsFile, type ObservationsFileStream, type ParseOptions } from '../parse-observations-file.js';
import { readHttpJson } from '../sources/http-json.source.js';
import type { RetryOptions } from '../sources/retry.js';
import { readSqlQuery } from '../sources/sql-query.source.js';
import type { CatalogIndex } from '../transform/catalog.js';
import { ObservationTransformer, type TransformContext } from '../transform/transform-rows.js';
import { listInbox, settleInboxFile } from './inbox.js';
import { describeSource, type FileSourceConfig, type HttpSourceJobConfig, type JobDefinition, type SqlSourceJobConfig } from './job-definition.js';
import type { UnitOutcome } from './outcome.js';

/** What a unit's transform needs: resolved once per run (catalog) or per unit (stored YTD). */
export interface TransformInput {
  catalog: CatalogIndex;
  context: TransformContext;
  parseOptions: ParseOptions;
}

export interface ExtractedUnit {
  records: ObservationRecord[];
  rejects: Reject[];
  skipped: Skipped[];
  /** Files: non-blank rows read (header rows included); HTTP/SQL: items or rows received. */
  rowsRead: number;
  /** The whole unit refused (not a spreadsheet, no recognisable header …): reason in Chinese. */
  refused?: { code: string; message: string };
  /** HTTP/SQL: the greatest watermark value seen (or the previous one when nothing new came). */
  watermark?: string | null;
  /** Files: what was detected. */
  detected?: { kind: SpreadsheetKind; encoding?: string; layouts: string[] };
}

export interface StoredFileInput {
  sha256: string;
  bytes: Buffer;
  contentType: string;
}

export interface SourceUnit {
  /** How reports name it: the file name, or the source address without credentials. */
  label: string;
  /** A file unit's name (batches.file_name); null for HTTP/SQL. */
  fileName: string | null;
  /** Files must contain data; an API pass with nothing new is fine. */
  requiresData: boolean;
  /** The department whose figures these are (an inbox file: its folder's); absent: the job's. */
  departmentCode?: string;
  extract(input: TransformInput): Promise<ExtractedUnit>;
  /** Files: the same, streamed in chunks of figures for a load that cannot hold the file (the file-wide rules are the loader's). */
  stream?(input: TransformInput & { chunkSize?: number }): ObservationsFileStream;
  /** Files: an error of `stream` that refuses the unit as a whole, or null. */
  refusal?(error: unknown): { code: string; message: string } | null;
  /** The original file to keep with the batch, when small enough. */
  storedFile?(): Promise<StoredFileInput | null>;
  /** After the outcome is known (inbox: move the file, write its report). Returns where it went. */
  settle?(outcome: UnitOutcome): Promise<{ movedTo?: string; reportFile?: string }>;
}

export interface SourceContext {
  runId: string;
  now: Date;
  /** The last successful run's watermark (HTTP/SQL). */
  since: string | null;
  /** Overrides the job's retry settings (tests use tiny delays). */
  retry?: RetryOptions;
  /** Every department's code: the inbox has a folder for each. */
  departmentCodes: readonly string[];
}

export interface JobSource {
  readonly type: JobDefinition['source']['type'];
  /** The source address without credentials. */
  readonly target: string;
  units(context: SourceContext): AsyncIterable<SourceUnit>;
}

/** A spreadsheet on disk as a unit. */
export function fileUnit(filePath: string, options: { storeUpToBytes: number; displayName?: string; departmentCode?: string; settle?: SourceUnit['settle'] }): SourceUnit {
  const fileName = options.displayName ?? path.basename(filePath);
  const unit: SourceUnit = {
    label: fileName,
    fileName,
    requiresData: true,
    stream: (input) => streamObservationsFile({ fileName, path: filePath }, input.catalog, input.context, { ...input.parseOptions, ...(input.chunkSize ? { chunkSize: input.chunkSize } : {}) }),
    refusal: (error) => fileRefusal(error, filePath),
    async extract(input) {
      try {
        const parsed = await parseObservationsFile({ fileName, path: filePath }, input.catalog, input.context, input.parseOptions);
        return {
          records: parsed.records,
          rejects: parsed.rejects,
          skipped: parsed.skipped,
          rowsRead: parsed.rowsRead,
          detected: {
            kind: parsed.kind,
            ...(parsed.encoding === undefined ? {} : { encoding: parsed.encoding }),
            layouts: parsed.layout.map((l) => `${l.sheet ?? ''}${l.sheet ? ':' : ''}${l.kind}`),
          },
        };
      } catch (error) {
        const refused = fileRefusal(error, filePath);
        if (refused) return { records: [], rejects: [], skipped: [], rowsRead: 0, refused };
        throw error;
      }
    },
    async storedFile() {
      const info = await stat(filePath);
      if (info.size > options.storeUpToBytes) return null;
      const bytes = await readFile(filePath);
      const kind = detectFileKind(bytes);
      return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes, contentType: kind in SPREADSHEET_CONTENT_TYPES ? SPREADSHEET_CONTENT_TYPES[kind as SpreadsheetKind] : 'application/octet-stream' };
    },
  };
  if (options.settle) unit.settle = options.settle;
  if (options.departmentCode) unit.departmentCode = options.departmentCode;
  return unit;
}

/** A file refused as a whole (not a spreadsheet, no header, not there), or null for any other failure. */
function fileRefusal(error: unknown, filePath: string): { code: string; message: string } | null {
  if (error instanceof FileRejectedError) return { code: error.code, message: error.message };
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { code: 'not_found', message: `找不到文件"${filePath}"` };
  return null;
}

/** A file dropped at the top of the inbox, in no department's folder: refused unread (whose figures would they be?). */
function misplacedUnit(filePath: string, settle: SourceUnit['settle']): SourceUnit {
  const fileName = path.basename(filePath);
  return {
    label: fileName,
    fileName,
    requiresData: true,
    extract: async () => ({
      records: [],
      rejects: [],
      skipped: [],
      rowsRead: 0,
      refused: { code: 'no_department', message: `文件"${fileName}"不在任何部门的文件夹中：请放入本部门的文件夹（收件箱/<部门编码>/，如 energy/、town_xihuo/）` },
    }),
    ...(settle ? { settle } : {}),
  };
}

/** Raw records arriving in pages → one unit through the streaming transformer. */
function structuredUnit(label: string, pages: (since: string | null) => AsyncIterable<{ records: RawRecord[]; watermark: string | null }>, since: string | null): SourceUnit {
  return {
    label,
    fileName: null,
    requiresData: false,
    async extract(input) {
      const transformer = new ObservationTransformer(input.catalog, input.context);
      let rowsRead = 0;
      let watermark = since;
      for await (const page of pages(since)) {
        for (const raw of page.records) transformer.push(raw);
        rowsRead += page.records.length;
        watermark = page.watermark;
      }
      const result = transformer.finish();
      return { records: result.records, rejects: result.rejects, skipped: result.skipped, rowsRead, watermark };
    },
  };
}

function retryOf(config: HttpSourceJobConfig | SqlSourceJobConfig, override: RetryOptions | undefined): RetryOptions {
  return { ...config.retry, ...override };
}

/** The source a job declares. */
export function createSource(job: JobDefinition): JobSource {
  const source = job.source;
  const target = describeSource(source);
  switch (source.type) {
    case 'file':
      return { type: 'file', target, units: () => single(fileUnit((source as FileSourceConfig).path, { storeUpToBytes: job.storeFilesUpToBytes })) };
    case 'inbox':
      return {
        type: 'inbox',
        target,
        async *units(context) {
          for (const { file, departmentCode } of await listInbox(source, context.departmentCodes)) {
            const settle: SourceUnit['settle'] = (outcome) => settleInboxFile(source, file, outcome, { runId: context.runId, job: job.name, timeZone: job.timezone, at: context.now });
            yield departmentCode === null ? misplacedUnit(file, settle) : fileUnit(file, { storeUpToBytes: job.storeFilesUpToBytes, departmentCode, settle });
          }
        },
      };
    case 'http': {
      const { retry: _retry, ...config } = source;
      return {
        type: 'http',
        target,
        units: (context) =>
          single(structuredUnit(target, (since) => readHttpJson(config, since, retryOf(source, context.retry)), context.since)),
      };
    }
    case 'sql': {
      const { retry: _retry, ...config } = source;
      return {
        type: 'sql',
        target,
        units: (context) => single(structuredUnit(target, (since) => readSqlQuery(config, since, retryOf(source, context.retry)), context.since)),
      };
    }
  }
}

async function* single<T>(item: T): AsyncGenerator<T> {
  yield item;
}
