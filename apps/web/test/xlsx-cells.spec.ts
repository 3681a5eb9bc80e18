import { describe, expect, it } from 'vitest';
import { cellValue, safeFileName, sheetNames } from '../lib/xlsx-cells';

describe('cells of an exported table', () => {
  it('writes figures in numeric columns as numbers, the rest as escaped text', () => {
    expect(cellValue('1,890.53', true)).toBe(1890.53);
    expect(cellValue('-63.8', true)).toBe(-63.8);
    expect(cellValue('—', true)).toBe('—');
    expect(cellValue('57.3%', true)).toBe('57.3%');
    expect(cellValue('1,890.53', false)).toBe('1,890.53');
    expect(cellValue('=cmd|\' /C calc\'!A0', true)).toBe("'=cmd|' /C calc'!A0");
    expect(cellValue('-2.1个百分点', true)).toBe("'-2.1个百分点");
  });

  it('names sheets and files the way Excel and file systems accept', () => {
    expect(sheetNames(['预警列表', '预警列表', 'a/b:c?*[d]', ''])).toEqual(['预警列表', '预警列表(2)', 'a b c   d', '表4']);
    expect(sheetNames(['x'.repeat(40)])[0]!.length).toBeLessThanOrEqual(31);
    expect(safeFileName('修订记录/原煤:产量?')).toBe('修订记录_原煤_产量_');
  });
});
