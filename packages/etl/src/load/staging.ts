import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObservationRecord } from '../model.js';

/** CSV field for COPY … (FORMAT csv): always quoted, so commas, quotes and newlines in notes survive. */
export const copyField = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`;

/** A record with its order in the file. */
export interface SequencedRecord {
  seq: number;
  record: ObservationRecord;
}

/**
 * The columns of a staged figure: the figure, and where the file has it (what a file-wide rule's
 * message names), one COPY's rows in `staged_observations`.
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

/**
 * `stageRecords` keeping the given order numbers (a streamed file's chunk). `analyze: false`
 * keeps the statistics of an earlier chunk of the same file (they survive TRUNCATE), which
 * describe this one as well: ANALYZE per chunk would cost seconds a million rows.
 */
export async function stageSequenced(client: ClientBase, records: Iterable<SequencedRecord> | AsyncIterable<SequencedRecord>, options: { analyze?: boolean } = {}): Promise<number> {
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS staged_observations (${STAGED_COLUMNS}) ON COMMIT DROP;
    TRUNCATE staged_observations;`);
  const count = await copyLines(
    client,
    `COPY staged_observations (seq, indicator_code, region_code, period, basis, span_start, value, note, file, sheet, row_no, col) FROM STDIN WITH (FORMAT csv)`,
    records,
    stagedLine,
  );
  if (options.analyze !== false) await client.query('ANALYZE staged_observations');
  return count;
}

const stagedLine = ({ seq, record }: SequencedRecord): string => {
  const p = record.position;
  return (
    `${seq},${copyField(record.indicator)},${copyField(record.region)},${copyField(record.period)},${copyField(record.basis)},${copyField(record.spanStart)},${copyField(record.value)},${copyField(record.note)},` +
    `${copyField(p.file)},${copyField(p.sheet)},${p.row},${copyField(p.column)}\n`
  );
};

/** COPY … FROM STDIN (FORMAT csv) of the items, one line each, sent in pieces of 64 KB. Returns how many. */
export async function copyLines<T>(client: ClientBase, copySql: string, items: Iterable<T> | AsyncIterable<T>, line: (item: T) => string): Promise<number> {
  let count = 0;
  async function* pieces() {
    let piece = '';
    for await (const item of items as AsyncIterable<T>) {
      count += 1;
      piece += line(item);
      if (piece.length > 1 << 16) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }
  await pipeline(Readable.from(pieces()), client.query(copyFrom(copySql)));
  return count;
}

/**
 * The figures of a streamed file that the batch does not write into observations (left
 * unchanged, or read after merging stopped): with the batch's own, what `suspectSeries` searches.
 * Only what the rules compare; until the caller's transaction ends.
 */
export async function createFileRows(client: ClientBase): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE IF NOT EXISTS file_rows (indicator_code text NOT NULL, region_code text NOT NULL, period text NOT NULL, basis text NOT NULL, value numeric NOT NULL) ON COMMIT DROP;
    TRUNCATE file_rows;`);
}

/** Adds figures to the file's kept rows. */
export async function copyIntoFileRows(client: ClientBase, records: Iterable<ObservationRecord>): Promise<void> {
  await copyLines(
    client,
    `COPY file_rows (indicator_code, region_code, period, basis, value) FROM STDIN WITH (FORMAT csv)`,
    records,
    (r) => `${copyField(r.indicator)},${copyField(r.region)},${copyField(r.period)},${copyField(r.basis)},${copyField(r.value)}\n`,
  );
}
