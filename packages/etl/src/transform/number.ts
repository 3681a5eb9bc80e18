/**
 * Reported values as exact decimals. Accepted: thousands separators (1,234.5), full-width
 * digits and punctuation (１２３４．５), spaces, a trailing unit (1580万吨, 95%). Empty:
 * blank, "—", "–", "-", "/", "\" (skipped, never read as zero). Refused: scientific notation
 * in text ("1.2E+05" is what Excel shows when it has already rounded the number away),
 * malformed separators, anything else.
 */
import { normalizeDecimalString, normalizeUnit } from '@planwatch/shared';
import { numberToDecimalString } from '../text.util.js';

export type ValueParse =
  | { kind: 'empty'; marker: string }
  | { kind: 'number'; value: string; /** Unit written after the number ("95%", "1580万吨"). */ unit?: string }
  | { kind: 'invalid'; reason: string };

const EMPTY_MARKERS = /^[-—–―─－‐‑‒⸺⸻/／\\、…·.]*$/;

export function parseValue(raw: unknown): ValueParse {
  if (raw === null || raw === undefined) return { kind: 'empty', marker: '' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { kind: 'invalid', reason: `数值"${raw}"无效` };
    return { kind: 'number', value: numberToDecimalString(raw) };
  }
  if (typeof raw === 'boolean') return { kind: 'invalid', reason: `数值"${raw ? 'TRUE' : 'FALSE'}"不是数字` };
  if (raw instanceof Date) return { kind: 'invalid', reason: `数值单元格是日期（${raw.toISOString().slice(0, 10)}），请把单元格格式改为"数值"` };
  const original = String(raw);
  const text = original.normalize('NFKC').replace(/[\s\u200b\u2060\ufeff]+/g, '');
  if (EMPTY_MARKERS.test(text)) return { kind: 'empty', marker: original.trim() };
  const m = /^([+\-−]?)([\d.,]+)(?:[eE]([+-]?\d+))?(.*)$/.exec(text);
  if (!m) return { kind: 'invalid', reason: `数值"${original.trim()}"无法识别为数字` };
  const [, sign = '', digits = '', exponent, suffix = ''] = m;
  if (exponent !== undefined) {
    return { kind: 'invalid', reason: `数值"${original.trim()}"为科学计数法，可能已丢失精度，请将单元格设为数值格式并填写完整数字` };
  }
  let unit: string | undefined;
  if (suffix !== '') {
    unit = normalizeUnit(suffix);
    if (unit === undefined) return { kind: 'invalid', reason: `数值"${original.trim()}"无法识别为数字` };
  }
  if (digits.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) {
    return { kind: 'invalid', reason: `数值"${original.trim()}"的千分位分隔符位置不正确` };
  }
  const plain = digits.replace(/,/g, '');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(plain)) return { kind: 'invalid', reason: `数值"${original.trim()}"无法识别为数字` };
  const value = normalizeDecimalString(`${sign === '' || sign === '+' ? '' : '-'}${plain}`);
  return unit === undefined ? { kind: 'number', value } : { kind: 'number', value, unit };
}
