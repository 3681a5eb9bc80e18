import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { documentIssues, formatDocumentPath } from './document-issues.js';

const issuesOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues.flatMap(documentIssues).map((i) => `${formatDocumentPath(i.path)}: ${i.message}`);

describe('problems in a plan or job file, as its author reads them', () => {
  it('names places the way the YAML reads', () => {
    expect(formatDocumentPath([])).toBe('(root)');
    expect(formatDocumentPath(['indicators', 3, 'unit'])).toBe('indicators[3].unit');
    expect(formatDocumentPath(['source', 'x-y', 0])).toBe('source["x-y"][0]');
  });

  it('gives each unknown key, a missing value and an unknown union member a sentence of its own', () => {
    const rule = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('gap'), unit: z.string() }), z.strictObject({ type: z.literal('late') })]);
    expect(issuesOf(z.strictObject({ rules: z.array(rule) }), { rules: [{ type: 'gap', colour: 'red', shade: 1 }, { type: 'lag' }] })).toEqual([
      'rules[0].unit: required (expected string)',
      'rules[0].colour: unknown key "colour"',
      'rules[0].shade: unknown key "shade"',
      "rules[1].type: unknown type; Expected 'gap' | 'late'",
    ]);
    const custom = z.discriminatedUnion('type', [z.object({ type: z.literal('inbox') })], { message: 'source.type must be one of inbox' });
    expect(issuesOf(z.object({ source: custom }), { source: { type: 'ftp' } })).toEqual(['source.type: source.type must be one of inbox']);
  });
});
