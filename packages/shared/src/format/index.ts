export { MISSING_TEXT, formatNumber, formatPercent, formatPeriodCn, formatPp, formatQuantity } from './format.js';
export * from './spreadsheet.js';
