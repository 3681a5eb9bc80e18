import pg from 'pg';
import type { RawRecord } from '../model.js';
import { TransientError, withRetry, type RetryOptions } from './retry.js';
import { structuredToRaw, type FieldMapping } from './structured-record.js';

export interface SqlSourceConfig {
  type: 'sql';
  /** Connection URL of the other PostgreSQL (environment variables expanded by the job loader). */
  url: string;
  /** A SELECT; `$1` receives the last watermark (or NULL on the first run). */
  query: string;
  watermarkField?: string;
  mapping: FieldMapping;
  batchSize?: number;
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '53300']);

/**
 * Reads rows from another PostgreSQL with a server-side cursor, so large results stream. The
 * query runs as one statement in a READ ONLY transaction: it can read, never write.
 */
export async function* readSqlQuery(config: SqlSourceConfig, since: string | null, retry: RetryOptions = {}): AsyncGenerator<{ records: RawRecord[]; watermark: string | null }> {
  const client = await withRetry(async () => {
    const candidate = new pg.Client({ connectionString: config.url, application_name: 'planwatch-etl' });
    try {
      await candidate.connect();
      return candidate;
    } catch (error) {
      await candidate.end().catch(() => undefined);
      const code = (error as { code?: string }).code ?? '';
      if (TRANSIENT_CODES.has(code)) throw new TransientError(`连接源数据库失败：${(error as Error).message}`, { cause: error });
      throw error;
    }
  }, retry);
  let watermark = since;
  let index = 0;
  const source = new URL(config.url);
  const label = `postgres://${source.host}${source.pathname}`;
  try {
    await client.query('BEGIN READ ONLY');
    // A named statement goes through the extended protocol, which parses exactly one statement:
    // "SELECT 1; COMMIT; …" is refused instead of ending the read-only transaction and running the rest.
    await client.query({
      name: 'planwatch_source',
      text: `DECLARE planwatch_source NO SCROLL CURSOR FOR ${config.query}`,
      values: config.query.includes('$1') ? [since] : [],
    });
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>(`FETCH ${config.batchSize ?? 5000} FROM planwatch_source`);
      if (rows.length === 0) break;
      const records = rows.map((row) => {
        const mark = config.watermarkField ? row[config.watermarkField] : undefined;
        const text = mark instanceof Date ? mark.toISOString() : mark === null || mark === undefined ? undefined : String(mark);
        if (text !== undefined && (watermark === null || text > watermark)) watermark = text;
        return structuredToRaw(row, config.mapping, label, index++);
      });
      yield { records, watermark };
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
