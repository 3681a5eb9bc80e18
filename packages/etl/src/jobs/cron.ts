/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in a time
 * zone. Pure: the scheduler passes the instant in. Supports `*`, lists, ranges, steps, month and
 * weekday names and the @hourly/@daily/@weekly/@monthly/@yearly macros; day-of-month and
 * day-of-week combine with OR when both are restricted, as in Vixie cron.
 */

export class CronExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronExpressionError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const MACROS: Readonly<Record<string, string>> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

/** The local calendar fields of an instant in a time zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Throws a RangeError for an unknown IANA zone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

export function isTimeZone(name: string): boolean {
  try {
    localTime(new Date(0), name);
    return true;
  } catch {
    return false;
  }
}

function parseValue(text: string, spec: FieldSpec, expression: string): number {
  const upper = text.toUpperCase();
  const byName = spec.names?.indexOf(upper) ?? -1;
  if (byName >= 0) return byName + (spec.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) throw new CronExpressionError(`cron "${expression}": ${spec.name} "${text}" is not a number${spec.names ? ` or a name (${spec.names.join(', ')})` : ''}`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) throw new CronExpressionError(`cron "${expression}": ${spec.name} ${value} is out of range ${spec.min}-${spec.max}`);
  return value;
}

function parseField(text: string, spec: FieldSpec, expression: string): { values: Set<number>; any: boolean } {
  const values = new Set<number>();
  let any = false;
  for (const item of text.split(',')) {
    if (item === '') throw new CronExpressionError(`cron "${expression}": empty item in ${spec.name} "${text}"`);
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronExpressionError(`cron "${expression}": ${spec.name} "${item}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new CronExpressionError(`cron "${expression}": step "${stepText}" in ${spec.name} must be a positive whole number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.name === 'day-of-week' ? 6 : spec.max;
      if (stepText === undefined) any = true;
    } else {
      const [a, b, more] = (range ?? '').split('-');
      if (more !== undefined || a === undefined || a === '') throw new CronExpressionError(`cron "${expression}": ${spec.name} "${item}" is not a value, range or step`);
      from = parseValue(a, spec, expression);
      to = b === undefined ? (stepText === undefined ? from : spec.max) : parseValue(b, spec, expression);
      if (to < from) throw new CronExpressionError(`cron "${expression}": ${spec.name} range "${range}" runs backwards`);
    }
    for (let v = from; v <= to; v += step) values.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return { values, any };
}

export interface CronSchedule {
  readonly expression: string;
  /** Whether the minute containing `at` is a scheduled minute in `timeZone`. */
  matches(at: Date, timeZone: string): boolean;
  /** The first scheduled minute strictly after `after` (searching up to five years ahead), or null. */
  next(after: Date, timeZone: string): Date | null;
}

export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) {
    throw new CronExpressionError(`cron "${expression}": expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  }
  const [minute, hour, dom, month, dow] = parts.map((part, i) => parseField(part, FIELDS[i]!, expression)) as [
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
  ];
  const dayMatches = (t: LocalTime) => {
    if (dom.any || dow.any) return dom.values.has(t.day) && dow.values.has(t.weekday);
    return dom.values.has(t.day) || dow.values.has(t.weekday);
  };
  const matchesLocal = (t: LocalTime) => month.values.has(t.month) && dayMatches(t) && hour.values.has(t.hour) && minute.values.has(t.minute);
  return {
    expression: trimmed,
    matches: (at, timeZone) => matchesLocal(localTime(at, timeZone)),
    next(after, timeZone) {
      let candidate = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
      const limit = after.getTime() + 5 * 366 * 24 * 3_600_000;
      while (candidate <= limit) {
        const t = localTime(new Date(candidate), timeZone);
        let skipMinutes: number;
        if (!month.values.has(t.month) || !dayMatches(t)) skipMinutes = 24 * 60 - (t.hour * 60 + t.minute);
        else if (!hour.values.has(t.hour)) skipMinutes = 60 - t.minute;
        else if (!minute.values.has(t.minute)) skipMinutes = 1;
        else return new Date(candidate);
        candidate += skipMinutes * 60_000;
      }
      return null;
    },
  };
}
