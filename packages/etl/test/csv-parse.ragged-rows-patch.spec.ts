/**
 * The CSV reader patches csv-parse's private `__onRecord` so rows of differing lengths cost
 * nothing (`acceptRaggedRows` in src/extract/csv.reader.ts). The patch fails quietly by design
 * (parsing stays correct, only slower), so this test watches the parser the reader creates:
 * with the patch in force, csv-parse never counts a row as having an inconsistent length. A
 * csv-parse upgrade (the version is pinned exactly) that moves those internals fails here.
 */
import type { Parser } from 'csv-parse';
import { describe, expect, it, vi } from 'vitest';
import { readSpreadsheet } from '../src/index.js';

const parsers = vi.hoisted(() => [] as Parser[]);

vi.mock('csv-parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('csv-parse')>();
  return {
    ...actual,
    parse: (...args: Parameters<typeof actual.parse>) => {
      const parser = actual.parse(...args);
      parsers.push(parser);
      return parser;
    },
  };
});

describe('csv-parse with ragged rows', () => {
  it('reads rows of every length without csv-parse building an error for each', async () => {
    const lines = ['指标名称,地区,期间,数值', '原煤产量,西池乡,2026-10', '', '原煤产量,八义镇,2026-10,90.25,万吨,备注', '注：本表由能源局填报'];
    const rows = [];
    for await (const row of readSpreadsheet({ fileName: '能源局.csv', bytes: Buffer.from(lines.join('\n')) })) rows.push(row.cells);

    expect(rows).toEqual([['指标名称', '地区', '期间', '数值'], ['原煤产量', '西池乡', '2026-10'], ['原煤产量', '八义镇', '2026-10', '90.25', '万吨', '备注'], ['注：本表由能源局填报']]);
    expect(parsers).toHaveLength(1);
    expect(parsers[0]!.info.invalid_field_length).toBe(0);
  });
});
