export {
  CHINA_UTC_OFFSET_MINUTES,
  PeriodError,
  addMonths,
  comparePeriods,
  formatPeriod,
  isPeriod,
  lastCompleteMonth,
  parsePeriod,
  periodRange,
  quarterOf,
} from './periods.js';
export type { YearMonth } from './periods.js';
