import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObservationRecord } from '../model.js';

/** CSV field for COPY … (FORMAT csv): always quoted, so commas, quotes and newlines in notes survive. */
const field = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`;

/** A record with its order in the file. */
export interface SequencedRecord {
  seq: number;
  record: ObservationRecord;
}

/**
 * The columns of a staged figure: the figure, and where the file has it (what a file-wide rule's
 * message names). `staged_observations` holds one COPY's rows, `file_rows` a whole streamed file.
 */
const STAGED_COLUMNS = `
  seq            integer NOT NULL,
  indicator_code text NOT NULL,
  region_code    text NOT NULL,
  period         text NOT NULL,
  basis          text NOT NULL,
  span_start     text,
  value          numeric NOT NULL,
  note           text,
  file           text NOT NULL,
  sheet          text,
  row_no         integer NOT NULL,
  col            text`;

/**
 * Streams records into a temporary staging table with COPY (pg-copy-streams): the fast path for
 * a million rows, and the set the merge then works on inside the caller's transaction.
 */
export async function stageRecords(client: ClientBase, records: Iterable<ObservationRecord> | AsyncIterable<ObservationRecord>): Promise<number> {
  let seq = 0;
  async function* sequenced(): AsyncGenerator<SequencedRecord> {
    for await (const record of records as AsyncIterable<ObservationRecord>) yield { seq: ++seq, record };
  }
  return stageSequenced(client, sequenced());
}

/** `stageRecords` keeping the given order numbers (a streamed file's chunk). */
export async function stageSequenced(client: ClientBase, records: Iterable<SequencedRecord> | AsyncIterable<SequencedRecord>): Promise<number> {
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS staged_observations (${STAGED_COLUMNS}) ON COMMIT DROP;
    TRUNCATE staged_observations;`);
  let count = 0;
  async function* lines() {
    let chunk = '';
    for await (const { seq, record } of records as AsyncIterable<SequencedRecord>) {
      count += 1;
      const p = record.position;
      chunk +=
        `${seq},${field(record.indicator)},${field(record.region)},${field(record.period)},${field(record.basis)},${field(record.spanStart)},${field(record.value)},${field(record.note)},` +
        `${field(p.file)},${field(p.sheet)},${p.row},${field(p.column)}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`COPY staged_observations (seq, indicator_code, region_code, period, basis, span_start, value, note, file, sheet, row_no, col) FROM STDIN WITH (FORMAT csv)`)),
  );
  await client.query('ANALYZE staged_observations');
  return count;
}

/** A table for every row of a streamed file, until the caller's transaction ends. */
export async function createFileRows(client: ClientBase): Promise<void> {
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS file_rows (${STAGED_COLUMNS}) ON COMMIT DROP; TRUNCATE file_rows;`);
}

/** Adds the staged rows (one chunk) to the file's. */
export async function keepStagedInFile(client: ClientBase): Promise<void> {
  await client.query('INSERT INTO file_rows SELECT * FROM staged_observations');
}
