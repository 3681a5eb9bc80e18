import type { Decimal } from 'decimal.js';
import type { Basis, DecimalString, Period } from '../domain/types.js';
import type { PeriodValue } from './aggregate.js';
import { formatPeriod, parsePeriod } from '../periods/periods.js';
import { Exact, toDecimal, toDecimalString } from '../units/decimal.js';

/**
 * One reported figure of a flow. `basis: 'month'` is the value of the months from `spanStart`
 * (default: `period` itself) through `period`, e.g. 1–2月 is period '2025-02' with spanStart
 * '2025-01'; `basis: 'ytd'` is the cumulative value from January through `period` (a spanStart
 * on it, if any, must be January).
 */
export interface FlowPoint {
  period: Period;
  basis: Basis;
  value: DecimalString;
  spanStart?: Period;
}

/** The year-to-date value at the end of one month; `derived` when not itself reported as 累计. */
export interface YtdValue {
  period: Period;
  value: DecimalString | null;
  derived: boolean;
}

/**
 * The flow over the months `from`..`to` (both included). A segment longer than one month means
 * the months inside it cannot be told apart from what was reported. `derived` when the value
 * was computed (difference of two YTDs, or of overlapping spans) rather than reported for
 * exactly these months (a 当月 figure, or a 累计 figure when the segment starts in January).
 */
export interface FlowSegment {
  from: Period;
  to: Period;
  value: DecimalString;
  derived: boolean;
}

/** A reported point that disagrees with figures accepted before it, and the value they imply. */
export interface FlowConflict {
  point: FlowPoint;
  impliedValue: DecimalString;
}

/** Both views of one year of a flow, built from whatever mix of 当月 and 累计 was reported. */
export interface FlowYear {
  year: number;
  /** Twelve entries, January first. */
  ytd: YtdValue[];
  /** Non-overlapping, in time order; months no figure covers are simply absent. */
  segments: FlowSegment[];
  conflicts: FlowConflict[];
}

/** Thrown for a flow point whose span makes no sense (crosses the year, runs backwards). */
export class SeriesError extends Error {
  readonly code = 'INVALID_SERIES_POINT';
  constructor(message: string) {
    super(message);
    this.name = 'SeriesError';
  }
}

/**
 * A known difference C(to) − C(from) of the cumulative curve C, where C(m) is the YTD value at
 * the end of month m and C(0) = 0. A 累计 figure for month m is C(m) − C(0); a 当月 figure for
 * months s..e is C(e) − C(s−1). Everything below is reasoning about these differences.
 */
interface Constraint {
  from: number;
  to: number;
  value: Decimal;
  point: FlowPoint;
}

/**
 * Union-find over the month boundaries 0..12 that also remembers, for every boundary, its
 * offset C(node) − C(root). Two boundaries in one set have a known difference; the set that
 * holds boundary 0 is known absolutely.
 */
class CumulativeGraph {
  private readonly parent = Array.from({ length: 13 }, (_, i) => i);
  private readonly offset: Decimal[] = Array.from({ length: 13 }, () => new Exact(0));

  /** The set a boundary belongs to (its root) and the boundary's offset C(node) − C(root). */
  find(node: number): { root: number; offset: Decimal } {
    let root = node;
    let total = new Exact(0);
    while (this.parent[root] !== root) {
      total = total.plus(this.offset[root] ?? 0);
      root = this.parent[root] ?? root;
    }
    return { root, offset: total };
  }

  /** C(b) − C(a) when known. */
  difference(a: number, b: number): Decimal | undefined {
    const ra = this.find(a);
    const rb = this.find(b);
    return ra.root === rb.root ? rb.offset.minus(ra.offset) : undefined;
  }

  /** Records C(b) − C(a) = value; returns the value already implied when that disagrees. */
  add(a: number, b: number, value: Decimal): Decimal | undefined {
    const implied = this.difference(a, b);
    if (implied !== undefined) return implied.equals(value) ? undefined : implied;
    const ra = this.find(a);
    const rb = this.find(b);
    this.parent[rb.root] = ra.root;
    this.offset[rb.root] = ra.offset.plus(value).minus(rb.offset);
    return undefined;
  }
}

/** The difference a point states, or undefined for a point of another year. */
function constraintOf(year: number, point: FlowPoint): Constraint | undefined {
  const end = parsePeriod(point.period);
  if (end.year !== year) return undefined;
  const value = toDecimal(point.value);
  const start = point.spanStart === undefined ? null : parsePeriod(point.spanStart);
  if (point.basis === 'ytd') {
    if (start !== null && (start.year !== year || start.month !== 1)) {
      throw new SeriesError(`累计值应自1月起算，不能从${point.spanStart}开始`);
    }
    return { from: 0, to: end.month, value, point };
  }
  if (start !== null && (start.year !== year || start.month > end.month)) {
    throw new SeriesError(`当月值的起止月无效：${point.spanStart}至${point.period}`);
  }
  return { from: (start ?? end).month - 1, to: end.month, value, point };
}

/** Two boundaries adjacent within one set: the flow over the months between them is known. */
interface Candidate {
  from: number;
  to: number;
  value: Decimal;
}

/**
 * Picks non-overlapping spans covering as many months as possible (then as many segments as
 * possible, i.e. the finest view). Spans from different sets of boundaries can overlap only
 * when reports overlap oddly (a 3–5月 当月 next to a 1–3月 累计); one of them must then give way.
 */
function chooseSegments(candidates: Candidate[]): Candidate[] {
  const best: { months: number; chosen: Candidate[] }[] = [{ months: 0, chosen: [] }];
  for (let boundary = 1; boundary <= 12; boundary++) {
    let current = best[boundary - 1] ?? { months: 0, chosen: [] };
    for (const candidate of candidates) {
      if (candidate.to !== boundary) continue;
      const before = best[candidate.from] ?? { months: 0, chosen: [] };
      const option = { months: before.months + candidate.to - candidate.from, chosen: [...before.chosen, candidate] };
      const better =
        option.months > current.months ||
        (option.months === current.months && option.chosen.length > current.chosen.length);
      if (better) current = option;
    }
    best[boundary] = current;
  }
  return best[12]?.chosen ?? [];
}

/**
 * Reconciles one year of a flow reported as any mix of 当月 and 累计 into YTD values and monthly
 * segments, never inventing a month: a YTD for February with no January gives one segment
 * January–February; YTD April with YTD March missing gives March–April = YTD(Apr) − YTD(Feb).
 *
 * Conflicts: 累计 figures are applied first, then 当月 figures, each in input order. A figure that
 * contradicts what is already established is left out and listed in `conflicts` with the value
 * the accepted figures imply. So 累计 wins over 当月 (the statistics bureau revises cumulative
 * figures, the monthly value is then stale), and between duplicates the first one wins.
 * Points of other years are ignored, so a whole history can be passed in.
 */
export function buildFlowYear(year: number, points: readonly FlowPoint[]): FlowYear {
  const constraints = points
    .map((point) => constraintOf(year, point))
    .filter((c): c is Constraint => c !== undefined);
  const ordered = [...constraints.filter((c) => c.point.basis === 'ytd'), ...constraints.filter((c) => c.point.basis === 'month')];

  const graph = new CumulativeGraph();
  const accepted: Constraint[] = [];
  const conflicts: FlowConflict[] = [];
  for (const constraint of ordered) {
    const implied = graph.add(constraint.from, constraint.to, constraint.value);
    if (implied === undefined) accepted.push(constraint);
    else conflicts.push({ point: constraint.point, impliedValue: toDecimalString(implied) });
  }

  const ytd = Array.from({ length: 12 }, (_, i): YtdValue => {
    const month = i + 1;
    const value = graph.difference(0, month);
    const reported = accepted.some((c) => c.point.basis === 'ytd' && c.to === month);
    return { period: formatPeriod(year, month), value: value === undefined ? null : toDecimalString(value), derived: !reported };
  });

  const boundaries = [...new Set([0, ...accepted.flatMap((c) => [c.from, c.to])])].sort((a, b) => a - b);
  const candidates: Candidate[] = [];
  boundaries.forEach((from, i) => {
    const to = boundaries.slice(i + 1).find((b) => graph.find(b).root === graph.find(from).root);
    const value = to === undefined ? undefined : graph.difference(from, to);
    if (to !== undefined && value !== undefined) candidates.push({ from, to, value });
  });

  const segments = chooseSegments(candidates).map(
    (segment): FlowSegment => ({
      from: formatPeriod(year, segment.from + 1),
      to: formatPeriod(year, segment.to),
      value: toDecimalString(segment.value),
      derived: !accepted.some((c) => c.from === segment.from && c.to === segment.to),
    }),
  );

  return { year, ytd, segments, conflicts };
}

/** The latest YTD known in a flow year (reported or derived), i.e. what completion is measured on. */
export function latestYtd(year: FlowYear): PeriodValue | null {
  const known = year.ytd.filter((month) => month.value !== null);
  const last = known[known.length - 1];
  return last?.value == null ? null : { period: last.period, value: last.value };
}
