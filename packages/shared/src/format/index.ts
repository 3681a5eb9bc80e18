export { MISSING_TEXT, formatNumber, formatPercent, formatPp, formatQuantity } from './format.js';
export * from './spreadsheet.js';
