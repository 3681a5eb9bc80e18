/** A calendar month in query strings: YYYY-MM with a real month. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const PERIOD_MESSAGE = (name: string) => `${name} must be a month written YYYY-MM, e.g. 2026-06`;
