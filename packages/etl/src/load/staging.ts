import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObservationRecord } from '../model.js';

/** CSV field for COPY … (FORMAT csv): always quoted, so commas, quotes and newlines in notes survive. */
const field = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`;

/**
 * Streams records into a temporary staging table with COPY (pg-copy-streams): the fast path for
 * a million rows, and the set the merge then works on inside the caller's transaction.
 */
export async function stageRecords(client: ClientBase, records: Iterable<ObservationRecord> | AsyncIterable<ObservationRecord>): Promise<number> {
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS staged_observations (
      seq            integer NOT NULL,
      indicator_code text NOT NULL,
      region_code    text NOT NULL,
      period         text NOT NULL,
      basis          text NOT NULL,
      span_start     text,
      value          numeric NOT NULL,
      note           text
    ) ON COMMIT DROP;
    TRUNCATE staged_observations;`);
  let count = 0;
  async function* lines() {
    let chunk = '';
    for await (const record of records as AsyncIterable<ObservationRecord>) {
      count += 1;
      chunk += `${count},${field(record.indicator)},${field(record.region)},${field(record.period)},${field(record.basis)},${field(record.spanStart)},${field(record.value)},${field(record.note)}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`COPY staged_observations (seq, indicator_code, region_code, period, basis, span_start, value, note) FROM STDIN WITH (FORMAT csv)`)),
  );
  await client.query('ANALYZE staged_observations');
  return count;
}
