import { describe, expect, it } from 'vitest';
import { parseBasis } from './basis.js';
import { parseValue } from './number.js';

describe('numbers', () => {
  it.each([
    ['1,234.5', '1234.5'],
    ['１２３４', '1234'],
    ['１，２３４．５０', '1234.5'],
    [' 1 580 ', '1580'],
    ['12 345 678.9', '12345678.9'],
    ['-5', '-5'],
    ['－5', '-5'],
    ['+3', '3'],
    ['.5', '0.5'],
    ['0.000', '0'],
    [1580.25, '1580.25'],
    [0.1 + 0.2, '0.3'],
    [1e21, '1000000000000000000000'],
  ])('%s → %s', (raw, value) => {
    expect(parseValue(raw)).toEqual({ kind: 'number', value });
  });

  it('reads a unit written with the number: 95% and 1580万吨', () => {
    expect(parseValue('95%')).toEqual({ kind: 'number', value: '95', unit: '%' });
    expect(parseValue('９５％')).toEqual({ kind: 'number', value: '95', unit: '%' });
    expect(parseValue('1580万吨')).toEqual({ kind: 'number', value: '1580', unit: '万吨' });
  });

  it.each(['', '  ', '—', '——', '–', '-', '--', '/', '／', '\\', '…', null, undefined])('"%s" is empty, not zero', (raw) => {
    expect(parseValue(raw).kind).toBe('empty');
  });

  it('rejects scientific notation in text, broken separators and words', () => {
    expect(parseValue('1.2E+05')).toEqual({ kind: 'invalid', reason: '数值"1.2E+05"为科学计数法，可能已丢失精度，请将单元格设为数值格式并填写完整数字' });
    expect(parseValue('1,23')).toEqual({ kind: 'invalid', reason: '数值"1,23"的千分位分隔符位置不正确' });
    expect(parseValue('1.2.3').kind).toBe('invalid');
    expect(parseValue('约100').kind).toBe('invalid');
    expect(parseValue('100吨左右')).toEqual({ kind: 'invalid', reason: '数值"100吨左右"无法识别为数字' });
    expect(parseValue(true).kind).toBe('invalid');
    expect(parseValue(new Date()).kind).toBe('invalid');
    expect(parseValue('#DIV/0!').kind).toBe('invalid');
  });
});

describe('口径', () => {
  it.each([
    ['当月', 'month'],
    ['本月', 'month'],
    ['本期', 'month'],
    [' 当 月 ', 'month'],
    ['累计', 'ytd'],
    ['本年累计', 'ytd'],
    ['1-6月累计', 'ytd'],
    ['1～6月', 'ytd'],
    ['YTD', 'ytd'],
  ])('%s → %s', (raw, basis) => {
    expect(parseBasis(raw)).toMatchObject({ ok: true, basis });
  });

  it('1-N月累计 names its month; unknown words are rejected', () => {
    expect(parseBasis('1-6月累计')).toEqual({ ok: true, basis: 'ytd', endMonth: 6 });
    expect(parseBasis('同比')).toEqual({ ok: false, reason: '口径"同比"无法识别，应为"当月"或"累计"' });
  });
});
