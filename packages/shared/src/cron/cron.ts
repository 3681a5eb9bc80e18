/**
 * Five-field cron (minute hour day-of-month month day-of-week), evaluated in an IANA time zone:
 * the one parser behind ETL job schedules and alert-rule schedules. Pure: callers pass the
 * instant in. Supports `*`, lists `1,15`, ranges `1-5`, steps `*\/15` and `8-18/2`, month and
 * weekday names (JAN, MON), 7 = Sunday, and the @hourly/@daily/@weekly/@monthly/@yearly macros.
 * Day of month and day of week follow Vixie cron: when both fields are restricted (neither starts
 * with `*`), either matching is enough.
 */

export type CronField = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

/** What is wrong with an expression, as data: ETL job files report it in English, the admin UI in Chinese. */
export type CronProblem =
  | { kind: 'field_count'; got: number }
  | { kind: 'empty_item'; field: CronField; text: string }
  | { kind: 'not_a_value'; field: CronField; text: string }
  | { kind: 'out_of_range'; field: CronField; value: number; min: number; max: number }
  | { kind: 'bad_step'; field: CronField; text: string }
  | { kind: 'backwards'; field: CronField; text: string };

const FIELD_LABELS: Readonly<Record<CronField, string>> = { minute: '分钟', hour: '小时', 'day-of-month': '日', month: '月', 'day-of-week': '星期' };

function describeInEnglish(expression: string, problem: CronProblem): string {
  const detail = (() => {
    switch (problem.kind) {
      case 'field_count':
        return `expected 5 fields (minute hour day-of-month month day-of-week), got ${problem.got}`;
      case 'empty_item':
        return `empty item in ${problem.field} "${problem.text}"`;
      case 'not_a_value':
        return `${problem.field} "${problem.text}" is not a number${namesOf(problem.field) ? ` or a name (${namesOf(problem.field)!.join(', ')})` : ''}`;
      case 'out_of_range':
        return `${problem.field} ${problem.value} is out of range ${problem.min}-${problem.max}`;
      case 'bad_step':
        return `step "${problem.text}" in ${problem.field} must be a positive whole number`;
      case 'backwards':
        return `${problem.field} range "${problem.text}" runs backwards`;
    }
  })();
  return `cron "${expression}": ${detail}`;
}

/** The problem in Chinese, for the people editing schedules in the admin pages. */
export function describeCronProblemInChinese(expression: string, problem: CronProblem): string {
  switch (problem.kind) {
    case 'field_count':
      return `cron表达式"${expression}"应为5个字段（分 时 日 月 星期），如"0 8 * * *"`;
    case 'empty_item':
      return `cron的${FIELD_LABELS[problem.field]}字段"${problem.text}"含有空项`;
    case 'not_a_value':
      return `cron的${FIELD_LABELS[problem.field]}字段"${problem.text}"无效`;
    case 'out_of_range':
      return `cron的${FIELD_LABELS[problem.field]}字段取值${problem.value}超出${problem.min}–${problem.max}`;
    case 'bad_step':
      return `cron的${FIELD_LABELS[problem.field]}字段步长"${problem.text}"无效`;
    case 'backwards':
      return `cron的${FIELD_LABELS[problem.field]}字段范围"${problem.text}"起点大于终点`;
  }
}

export class CronError extends Error {
  readonly code = 'INVALID_CRON';
  constructor(
    readonly expression: string,
    readonly problem: CronProblem,
  ) {
    super(describeInEnglish(expression, problem));
    this.name = 'CronError';
  }
}

interface FieldSpec {
  field: CronField;
  min: number;
  max: number;
  names?: readonly string[];
  /** The value of names[0] (months start at 1). */
  nameBase?: number;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { field: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0 },
];

const namesOf = (field: CronField) => FIELDS.find((f) => f.field === field)?.names;

const MACROS: Readonly<Record<string, string>> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

/** The wall-clock fields of an instant in a time zone; weekday 0 = Sunday. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for an unknown IANA zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
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
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: DAY_NAMES.indexOf(String(parts.weekday).toUpperCase().slice(0, 3)),
  };
}

/** Whether a string names a time zone the runtime knows (Asia/Shanghai, UTC …). */
export function isTimeZone(zone: string): boolean {
  try {
    localTime(new Date(0), zone);
    return true;
  } catch {
    return false;
  }
}

function parseValue(text: string, spec: FieldSpec, expression: string): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw new CronError(expression, { kind: 'not_a_value', field: spec.field, text });
  const value = Number(text);
  if (value < spec.min || value > spec.max) throw new CronError(expression, { kind: 'out_of_range', field: spec.field, value, min: spec.min, max: spec.max });
  return value;
}

function parseField(text: string, spec: FieldSpec, expression: string): Set<number> {
  const values = new Set<number>();
  const fail = (problem: CronProblem): never => {
    throw new CronError(expression, problem);
  };
  for (const item of text.split(',')) {
    if (item === '') fail({ kind: 'empty_item', field: spec.field, text });
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) fail({ kind: 'not_a_value', field: spec.field, text: item });
    if (stepText !== undefined && (!/^\d+$/.test(stepText) || Number(stepText) === 0)) fail({ kind: 'bad_step', field: spec.field, text: stepText });
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else {
      const [a = '', b, more] = range.split('-');
      if (more !== undefined || a === '') fail({ kind: 'not_a_value', field: spec.field, text: item });
      from = parseValue(a, spec, expression);
      to = b === undefined ? (stepText === undefined ? from : spec.max) : parseValue(b, spec, expression);
      if (to < from) fail({ kind: 'backwards', field: spec.field, text: range });
    }
    // 7 is Sunday too.
    for (let v = from; v <= to; v += step) values.add(spec.field === 'day-of-week' ? v % 7 : v);
  }
  return values;
}

export interface CronSchedule {
  /** The expression as written (trimmed). */
  readonly expression: string;
  /** Whether the minute containing `instant` is a scheduled minute in `timeZone`. */
  matches(instant: Date, timeZone: string): boolean;
  /** The first scheduled minute strictly after `after` (searching up to five years ahead), or null. */
  next(after: Date, timeZone: string): Date | null;
}

/** Parses an expression; throws CronError naming the field at fault. */
export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const parts = expanded === '' ? [] : expanded.split(/\s+/);
  if (parts.length !== 5) throw new CronError(expression, { kind: 'field_count', got: parts.length });
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, i) => parseField(part, FIELDS[i]!, expression)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const bothDaysRestricted = !parts[2]!.startsWith('*') && !parts[4]!.startsWith('*');
  const dayMatches = (t: Pick<LocalTime, 'day' | 'weekday'>) =>
    bothDaysRestricted ? daysOfMonth.has(t.day) || daysOfWeek.has(t.weekday) : daysOfMonth.has(t.day) && daysOfWeek.has(t.weekday);
  return {
    expression: trimmed,
    matches(instant, timeZone) {
      const t = localTime(instant, timeZone);
      return months.has(t.month) && dayMatches(t) && hours.has(t.hour) && minutes.has(t.minute);
    },
    next(after, timeZone) {
      const start = minuteOf(after).getTime() + MINUTE_MS;
      const first = localTime(new Date(start), timeZone);
      const hourList = [...hours].sort((a, b) => a - b);
      const minuteList = [...minutes].sort((a, b) => a - b);
      // Walks local calendar days (from the day before, for a repeated autumn hour), and in each
      // matching one converts its scheduled wall-clock minutes to instants with the zone's offsets
      // that day: a day shortened or lengthened by daylight saving is neither skipped nor repeated.
      const firstDay = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
      for (let day = firstDay; day <= firstDay + 5 * 366 * DAY_MS; day += DAY_MS) {
        const date = new Date(day);
        const wallDay = { month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
        if (!months.has(wallDay.month) || !dayMatches(wallDay)) continue;
        const found = firstScheduledMinute(day, hourList, minuteList, start, timeZone);
        if (found !== null) return new Date(found);
      }
      return null;
    },
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3_600_000;

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole minutes). */
function utcOffset(instant: number, timeZone: string): number {
  const t = localTime(new Date(instant), timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

/**
 * The earliest instant at or after `notBefore` whose wall clock in the zone reads one of the
 * scheduled minutes of the day `day` (its midnight as a UTC timestamp), or null. A minute the
 * clock skips (spring forward) has no instant; one it repeats (autumn) has two.
 */
function firstScheduledMinute(day: number, hourList: number[], minuteList: number[], notBefore: number, timeZone: string): number | null {
  // The offsets in force around the day: one, or two when the clock changes that day.
  const offsets = [...new Set([utcOffset(day - DAY_MS, timeZone), utcOffset(day + 2 * DAY_MS, timeZone)])];
  let best: number | null = null;
  for (const hour of hourList) {
    for (const minute of minuteList) {
      const wall = day + (hour * 60 + minute) * MINUTE_MS;
      for (const offset of offsets) {
        const instant = wall - offset;
        if (instant < notBefore || (best !== null && instant >= best)) continue;
        // On a day the clock changes, an offset gives this wall clock only on its side of the change.
        if (offsets.length > 1 && utcOffset(instant, timeZone) !== offset) continue;
        best = instant;
      }
      // With one offset the instants rise with the wall clock: the first one found is the earliest.
      if (best !== null && offsets.length === 1) return best;
    }
  }
  return best;
}

/** The start of the minute containing `instant`: the key of one scheduler tick. */
export function minuteOf(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
}
