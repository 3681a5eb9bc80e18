import type { Period } from '@planwatch/shared';

/** The sample data in tests always ends here, so expected figures never drift with the calendar. */
export const TEST_AS_OF: Period = '2026-10';
/** The fixed "now" of integration tests: 2026-11-23, inside the reporting window for October. */
export const TEST_NOW = new Date('2026-11-23T09:00:00+08:00');
/**
 * A "now" inside November's reporting window: November has ended (its figures may be reported),
 * they are due 10 December. Specs that report new figures run at this time; October is the last
 * month of the sample data.
 */
export const REPORTING_NOW = new Date('2026-12-02T09:00:00+08:00');
export const REPORTING_PERIOD: Period = '2026-11';
