import { Inject, Injectable } from '@nestjs/common';
import {
  FigureIndex,
  anchorsOf,
  assessFreshness,
  annualTargetFor,
  assessIndicator,
  comparePeriods,
  expectedValue,
  figuresWindowStart,
  formatPeriod,
  lastCompleteMonth,
  monthlySegments,
  yearSeries,
  parsePeriod,
  periodRange,
  planProgress,
  attainment,
  onTrack,
  requiredGrowthRate,
  shareOf,
  summarizeGroup,
  type FreshnessEntry,
  type GroupDetail,
  type GroupProgress,
  type IndicatorDetailResponse,
  type IndicatorProgress,
  type LateDepartment,
  type OverviewResponse,
  type Period,
  type TargetRow,
} from '@planwatch/shared';
import { createHash } from 'node:crypto';
import { badParameter } from '../../common/validation.js';
import { Clock } from '../../common/clock.js';
import type { Principal } from '../auth/auth.types.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import { ProjectsService } from '../projects/projects.service.js';
import { DataVersionTracker } from './data-version.tracker.js';
import { ProgressRepository, type Catalog, type CatalogIndicator, type DataChanges } from './progress.repository.js';

/** An answer as sent: UTF-8 JSON encoded once (not on every request), and its ETag. */
export interface SerializedResult {
  body: Buffer;
  etag: string;
}

/** Cached results per data version before the cache starts over. */
const MAX_CACHED_RESULTS = 500;

/** Public values kept to be brought up to date (a month's snapshot holds its figures: keep few). */
const MAX_TRACKED_VALUES = 12;

/** Headline KPIs of the overview and the wall screen, in display order. */
export const HEADLINE_INDICATORS = ['coal_output', 'pv_glass_output', 'key_project_investment'];

interface CacheGeneration {
  version: string;
  entries: Map<string, Promise<unknown>>;
}

/** Whose drafts and submissions a caller's answers include (none for anonymous callers, administrators and leaders). */
const ownDepartment = (principal?: Principal): string | null => principal?.departmentCode ?? null;

interface Snapshot {
  catalog: Catalog;
  period: Period;
  /** The figures of last year and this year up to `period`, as assessed. */
  figures: FigureIndex;
  /** TargetRows per `${indicator}|${region}`. */
  targets: Map<string, TargetRow[]>;
  /** IndicatorProgress per `${indicator}|${region}`. */
  results: Map<string, IndicatorProgress>;
  /** Roll-ups per `chain|${code}` and `region|${code}`, filled as they are asked for. */
  groups: Map<string, GroupDetail>;
}

/** What changed since a tracked value was computed, short of the plan (see DataChanges). */
type Changed = Exclude<DataChanges['changed'], 'everything'>;

/** A value derived from the data in force, and the database snapshot its reads saw at least. */
interface Tracked<T> {
  mark: string;
  value: T;
}

/**
 * Plan-aware progress: every figure measured against its annual target, time progress and the
 * 2025/2035 trajectory. The maths lives in @planwatch/shared; this service fetches, assembles
 * and caches per data version, so a cached answer never outlives an approval.
 */
@Injectable()
export class ProgressService {
  /** Answers anyone may get: they change only when figures in force, projects or the plan do. */
  private publicCache: CacheGeneration = { version: '', entries: new Map() };
  /** A department's own view (its drafts and submissions included): changes with those too. */
  private departmentCache: CacheGeneration = { version: '', entries: new Map() };
  /** The last public snapshots, latest periods, town holes and project summaries, to update from. */
  private readonly trackedValues = new Map<string, Tracked<unknown>>();

  constructor(
    @Inject(ProgressRepository) private readonly repository: ProgressRepository,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DataVersionTracker) private readonly versions: DataVersionTracker,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {}

  /**
   * Memoises `compute` per data version: the versions decide whether anything came into force
   * (or, for a department's own view, was drafted or submitted) since, so a cached answer is
   * never served after its data changed, and a department's preview never empties the public cache.
   */
  private async cached<T>(key: string, department: string | null, compute: (version: string) => Promise<T>): Promise<T> {
    const { inForce, pending } = await this.versions.current();
    const generation = department === null ? this.generation('publicCache', inForce) : this.generation('departmentCache', `${inForce}.${pending}`);
    let entry = generation.entries.get(key) as Promise<T> | undefined;
    this.metrics.progressCache.inc({ result: entry ? 'hit' : 'miss' });
    if (!entry) {
      // Keys carry free query parameters: bound the memory a stream of odd ranges can take.
      if (generation.entries.size >= MAX_CACHED_RESULTS) generation.entries.clear();
      const created = compute(generation.version);
      created.catch(() => generation.entries.delete(key));
      generation.entries.set(key, created);
      entry = created;
    }
    return entry;
  }

  private generation(which: 'publicCache' | 'departmentCache', version: string): CacheGeneration {
    if (this[which].version !== version) this[which] = { version, entries: new Map() };
    return this[which];
  }

  /**
   * A cached answer serialised once, with an ETag naming the data version, for the endpoints the
   * wall screen polls: a repeat costs no JSON.stringify, an unchanged one a 304.
   */
  serialized<T>(key: string, department: string | null, compute: () => Promise<T>): Promise<SerializedResult> {
    return this.cached(`json|${key}`, department, async (version) => {
      const body = Buffer.from(JSON.stringify(await compute()));
      return { body, etag: `W/"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"` };
    });
  }

  /**
   * A public value brought up to date from the one computed last in this slot: rebuilt when the
   * plan changed (or none was kept), updated for what changed otherwise, kept when nothing did.
   * The changes are read before the update's own reads, so a change committed in between is
   * never missed; at worst it is applied twice.
   */
  private async tracked<T>(slot: string, build: () => Promise<T>, update: (previous: T, changed: Changed) => Promise<T>): Promise<T> {
    const previous = this.trackedValues.get(slot) as Tracked<T> | undefined;
    const { mark, changed } = await this.repository.changesSince(previous?.mark ?? null);
    const value =
      !previous || changed === 'everything'
        ? await build()
        : changed.indicators.size === 0 && !changed.projects
          ? previous.value
          : await update(previous.value, changed);
    this.trackedValues.delete(slot);
    // Slots are keyed by months from free query parameters: drop the least recently updated.
    if (this.trackedValues.size >= MAX_TRACKED_VALUES) this.trackedValues.delete(this.trackedValues.keys().next().value!);
    this.trackedValues.set(slot, { mark, value });
    return value;
  }

  private snapshot(period: Period | undefined, principal?: Principal): Promise<Snapshot> {
    // A department's own drafts change only its own view: they key the cache apart.
    const own = ownDepartment(principal);
    return this.cached(`snapshot|${period ?? 'latest'}|${own ?? ''}`, own, async () => {
      const resolved = period ?? (await this.defaultPeriod());
      return own === null ? this.publicSnapshot(resolved) : this.computeSnapshot(resolved, own);
    });
  }

  /**
   * The public snapshot of a month. After an approval only the indicators whose figures changed,
   * and the ratios built on them, are read and assessed again, and only the roll-ups holding a
   * result that came out different (the region's, and the chain's for a district result) are
   * summed again.
   */
  private publicSnapshot(period: Period): Promise<Snapshot> {
    return this.tracked(
      `snapshot|${period}`,
      () => this.computeSnapshot(period, null),
      async (previous, { indicators: changed }) => {
        if (changed.size === 0) return previous;
        const codes = [...changed];
        const figures = previous.figures.replacing(codes, await this.repository.figures(figuresWindowStart(period), period, { indicatorCodes: codes }));
        const affected = previous.catalog.indicators.filter((i) => [i.code, i.numeratorCode, i.denominatorCode].some((code) => code !== null && changed.has(code)));
        const next = assessInto({ ...previous, figures, results: new Map(previous.results), groups: new Map() }, affected);
        const district = districtOf(previous.catalog);
        const stale = new Set<string>();
        for (const indicator of affected) {
          for (const region of [district, ...indicator.regionCodes]) {
            const key = `${indicator.code}|${region}`;
            if (JSON.stringify(next.results.get(key)) === JSON.stringify(previous.results.get(key))) continue;
            stale.add(`region|${region}`);
            if (region === district) stale.add(`chain|${indicator.chainCode}`);
          }
        }
        for (const [key, group] of previous.groups) if (!stale.has(key)) next.groups.set(key, group);
        return next;
      },
    );
  }

  private async computeSnapshot(period: Period, ownDepartment: string | null): Promise<Snapshot> {
    const catalog = await this.repository.catalog();
    const figures = new FigureIndex(await this.repository.figures(figuresWindowStart(period), period, { ownDepartment }));
    return assessInto({ catalog, period, figures, targets: groupTargets(catalog), results: new Map(), groups: new Map() }, catalog.indicators);
  }

  /** The latest approved period per indicator and region, re-read only for the indicators that changed. */
  private latestApprovedPeriods(): Promise<Map<string, Map<string, Period>>> {
    return this.tracked(
      'latest',
      () => this.repository.latestApprovedPeriods(),
      async (previous, { indicators: changed }) => {
        if (changed.size === 0) return previous;
        const fresh = await this.repository.latestApprovedPeriods([...changed]);
        const next = new Map(previous);
        for (const code of changed) {
          const periods = fresh.get(code);
          if (periods) next.set(code, periods);
          else next.delete(code);
        }
        return next;
      },
    );
  }

  /** The latest month for which the headline indicators have approved data, else the last complete month. */
  async defaultPeriod(): Promise<Period> {
    const latest = await this.latestApprovedPeriods();
    const latestOf = (codes: Iterable<string>) => [...codes].flatMap((code) => [...(latest.get(code)?.values() ?? [])]).sort().at(-1);
    return latestOf(HEADLINE_INDICATORS) ?? latestOf(latest.keys()) ?? lastCompleteMonth(this.clock.now());
  }

  async overview(period: Period | undefined, principal?: Principal): Promise<OverviewResponse> {
    return this.cached(this.overviewKey(period, principal), ownDepartment(principal), () => this.computeOverview(period, principal));
  }

  overviewJson(period: Period | undefined, principal?: Principal): Promise<SerializedResult> {
    return this.serialized(this.overviewKey(period, principal), ownDepartment(principal), () => this.overview(period, principal));
  }

  /** Lateness moves with the calendar day (China time), so the day is part of the key. */
  private overviewKey(period: Period | undefined, principal?: Principal): string {
    const day = new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    return `overview|${period ?? 'latest'}|${principal?.departmentCode ?? ''}|${day}`;
  }

  private async computeOverview(period: Period | undefined, principal?: Principal): Promise<OverviewResponse> {
    const snapshot = await this.snapshot(period, principal);
    const { catalog, results } = snapshot;
    const district = districtOf(catalog);
    // The overview carries summaries; the per-indicator breakdown is the drill-down endpoints' job.
    const summary = ({ indicators: _indicators, ...group }: GroupDetail): GroupProgress => group;
    const groups = catalog.chains.map((chain) => summary(this.chainGroup(snapshot, chain.code)));
    const [projects, freshness] = await Promise.all([
      this.tracked(
        `projects|${snapshot.period}`,
        () => this.projects.summary(snapshot.period),
        async (previous, { projects }) => (projects ? this.projects.summary(snapshot.period) : previous),
      ),
      this.freshness(catalog),
    ]);
    const headline = HEADLINE_INDICATORS.map((code) => results.get(`${code}|${district}`)).filter((r): r is IndicatorProgress => !!r);
    return {
      period: snapshot.period,
      generatedAt: this.clock.now().toISOString(),
      planVersion: catalog.planVersion,
      sample: headline.some((h) => h.flags.sample) || projects.sample,
      headline,
      chains: groups.filter((g) => g.kind === 'chain'),
      services: groups.filter((g) => g.kind !== 'chain'),
      regions: catalog.regions.filter((r) => r.kind !== 'district' && r.kind !== 'park').map((r) => summary(this.regionGroup(snapshot, r.code))),
      projects,
      freshness,
    };
  }

  async chain(code: string, period: Period | undefined, principal?: Principal): Promise<GroupDetail> {
    const snapshot = await this.snapshot(period, principal);
    if (!snapshot.catalog.chains.some((c) => c.code === code)) throw badParameter('code', `unknown chain "${code}"`);
    return this.chainGroup(snapshot, code);
  }

  async region(code: string, period: Period | undefined, principal?: Principal): Promise<GroupDetail> {
    const snapshot = await this.snapshot(period, principal);
    if (!snapshot.catalog.regions.some((r) => r.code === code)) throw badParameter('code', `unknown region "${code}"`);
    return this.regionGroup(snapshot, code);
  }

  private chainGroup(snapshot: Snapshot, code: string): GroupDetail {
    return rememberedGroup(snapshot, `chain|${code}`, () => this.computeChainGroup(snapshot, code));
  }

  private regionGroup(snapshot: Snapshot, code: string): GroupDetail {
    return rememberedGroup(snapshot, `region|${code}`, () => this.computeRegionGroup(snapshot, code));
  }

  private computeChainGroup(snapshot: Snapshot, code: string): GroupDetail {
    const chain = snapshot.catalog.chains.find((c) => c.code === code)!;
    const district = districtOf(snapshot.catalog);
    const indicators = snapshot.catalog.indicators
      .filter((i) => i.chainCode === code)
      .map((i) => ({ ...snapshot.results.get(`${i.code}|${district}`)!, weight: i.weight }));
    return { ...summarizeGroup(chain, indicators), indicators: indicators.map(withoutWeight) };
  }

  private computeRegionGroup(snapshot: Snapshot, code: string): GroupDetail {
    const region = snapshot.catalog.regions.find((r) => r.code === code)!;
    const indicators = snapshot.catalog.indicators
      .map((i) => {
        const result = snapshot.results.get(`${i.code}|${code}`);
        return result && { ...result, weight: i.weight };
      })
      .filter((r): r is IndicatorProgress & { weight: number } => !!r);
    return { ...summarizeGroup(region, indicators), indicators: indicators.map(withoutWeight) };
  }

  /** Latest approved period per indicator, and departments (and towns) whose expected month is overdue. */
  async freshness(catalog: Catalog): Promise<{ indicators: FreshnessEntry[]; lateDepartments: LateDepartment[] }> {
    const now = this.clock.now();
    const latestApproved = await this.latestApprovedPeriods();
    return assessFreshness({
      indicators: catalog.indicators,
      districtCode: districtOf(catalog),
      latestApproved,
      firstMissing: await this.townHoles(catalog, latestApproved, now),
      now,
    });
  }

  /** For district flows summed from monthly town reports: each town's first month missing, if any (this year and last). */
  private async townHoles(catalog: Catalog, latestApproved: Map<string, Map<string, Period>>, now: Date): Promise<Map<string, Map<string, Period>>> {
    const summed = catalog.indicators.filter((i) => i.kind === 'flow' && i.frequency === 'monthly' && i.regionCodes.length > 0);
    const holes = new Map<string, Map<string, Period>>();
    if (summed.length === 0) return holes;
    const to = lastCompleteMonth(now);
    const from = formatPeriod(parsePeriod(to).year - 1, 1);
    const codes = summed.map((i) => i.code);
    const figures = await this.tracked(
      `holes|${to}`,
      async () => new FigureIndex(await this.repository.figures(from, to, { indicatorCodes: codes })),
      async (previous, { indicators: changed }) => {
        const touched = codes.filter((code) => changed.has(code));
        return touched.length === 0 ? previous : previous.replacing(touched, await this.repository.figures(from, to, { indicatorCodes: touched }));
      },
    );
    for (const indicator of summed) {
      for (const region of indicator.regionCodes) {
        const reported = latestApproved.get(indicator.code)?.get(region);
        const missing = reported ? figures.firstMissingMonth(indicator.code, region, reported) : null;
        if (missing) holes.set(indicator.code, (holes.get(indicator.code) ?? new Map()).set(region, missing));
      }
    }
    return holes;
  }

  indicator(code: string, query: { region?: string; from?: Period; to?: Period }, principal?: Principal): Promise<IndicatorDetailResponse> {
    return this.cached(indicatorKey(code, query, principal), ownDepartment(principal), () => this.computeIndicator(code, query, principal));
  }

  indicatorJson(code: string, query: { region?: string; from?: Period; to?: Period }, principal?: Principal): Promise<SerializedResult> {
    return this.serialized(indicatorKey(code, query, principal), ownDepartment(principal), () => this.indicator(code, query, principal));
  }

  private async computeIndicator(
    code: string,
    query: { region?: string; from?: Period; to?: Period },
    principal?: Principal,
  ): Promise<IndicatorDetailResponse> {
    const catalog = await this.repository.catalog();
    const indicator = catalog.indicators.find((i) => i.code === code);
    if (!indicator) throw badParameter('code', `unknown indicator "${code}"`);
    const district = districtOf(catalog);
    const regionCode = query.region ?? district;
    if (regionCode !== district && !indicator.regionCodes.includes(regionCode)) {
      throw badParameter('region', `indicator "${code}" is not reported for region "${regionCode}"`);
    }
    const to = query.to ?? (await this.defaultPeriod());
    const from = query.from ?? formatPeriod(parsePeriod(to).year - 1, 1);
    if (comparePeriods(from, to) > 0) throw badParameter('from', `from (${from}) is after to (${to})`);

    const snapshot = await this.snapshot(to, principal);
    const current = snapshot.results.get(`${code}|${regionCode}`)!;
    const figures = new FigureIndex(
      await this.repository.figures(formatPeriod(parsePeriod(from).year - 1, 1), to, {
        indicatorCodes: [code, ...[indicator.numeratorCode, indicator.denominatorCode].filter((c): c is string => !!c)],
        ownDepartment: principal?.departmentCode ?? null,
      }),
    );
    const targets = groupTargets(catalog).get(`${code}|${regionCode}`) ?? [];
    const years = [...new Set(periodRange(from, to).map((p) => parsePeriod(p).year))];
    const inRange = (p: { period: Period }) => p.period >= from && p.period <= to;

    const monthly: IndicatorDetailResponse['monthly'] = [];
    const ytd: IndicatorDetailResponse['ytd'] = [];
    const values: IndicatorDetailResponse['values'] = [];
    for (const year of years) {
      const lastMonth = year === parsePeriod(to).year ? parsePeriod(to).month : 12;
      const series = yearSeries(indicator, regionCode, district, year, lastMonth, figures);
      if (indicator.kind === 'flow') {
        monthly.push(...monthlySegments(indicator, regionCode, district, year, series, figures).filter((s) => s.to >= from && s.to <= to));
        ytd.push(...series.filter(inRange).map(({ period, value, incomplete }) => ({ period, value, incomplete })));
      } else {
        values.push(...series.filter(inRange).map(({ period, value, incomplete }) => ({ period, value, incomplete })));
      }
    }

    const anchors = anchorsOf(targets);
    const trajectoryYears = anchors.length >= 2 ? rangeOfYears(Math.min(...anchors.map((a) => a.year)), Math.max(...anchors.map((a) => a.year))) : [];
    const annualYears = rangeOfYears(Math.min(...years, ...anchors.map((a) => a.year)), Math.max(...years));
    const baseline = targets.find((t) => t.baseline) ?? null;
    // Plan progress compares levels: for flows, the projection of this year's total. Like for
    // like, that level is the reporting towns' and is held against their share of each target;
    // a sum waiting for its towns (待补报) has none.
    const level = current.judgement === 'pending' ? null : indicator.kind === 'flow' ? (current.projection?.value ?? null) : current.value;
    const judged = (value: string) => (current.likeForLike ? shareOf(value, current.likeForLike.share) : value);
    return {
      indicator: current,
      from,
      to,
      monthly,
      ytd,
      values,
      annualTargets: annualYears
        .map((year) => {
          const target = annualTargetFor(targets, year);
          const isBaseline = targets.some((t) => t.year === year && t.baseline);
          return target && { year, ...target, baseline: isBaseline };
        })
        .filter((t): t is NonNullable<typeof t> => !!t),
      trajectory: trajectoryYears.map((year) => ({ year, expected: expectedValue(anchors, year) })),
      planProgress: targets
        .filter((t) => t.anchor && !t.baseline)
        .map((t) => {
          const expectedNow = anchors.length >= 2 ? expectedValue(anchors, parsePeriod(to).year) : null;
          return {
            targetYear: t.year,
            target: t.value,
            baseline: baseline?.value ?? null,
            progressPct: level && baseline ? planProgress(level, judged(baseline.value), judged(t.value)) : null,
            attainmentPct: level ? attainment(level, judged(t.value)) : null,
            onTrack: level && expectedNow ? onTrack(level, judged(expectedNow), indicator.direction) : null,
            requiredGrowthPct: level ? requiredGrowthRate(level, parsePeriod(to).year, judged(t.value), t.year) : null,
            illustrative: t.illustrative,
          };
        }),
      regions: [district, ...indicator.regionCodes].map((region) => {
        const result = snapshot.results.get(`${code}|${region}`)!;
        return { code: region, name: catalog.regions.find((r) => r.code === region)?.name ?? region, value: result.value, dataAsOf: result.dataAsOf };
      }),
    };
  }
}

function indicatorKey(code: string, query: { region?: string; from?: Period; to?: Period }, principal?: Principal): string {
  return `indicator|${code}|${query.region ?? ''}|${query.from ?? ''}|${query.to ?? ''}|${principal?.departmentCode ?? ''}`;
}

/** A roll-up of a snapshot, computed once: a snapshot's results never change. */
function rememberedGroup(snapshot: Snapshot, key: string, compute: () => GroupDetail): GroupDetail {
  let group = snapshot.groups.get(key);
  if (!group) {
    group = compute();
    snapshot.groups.set(key, group);
  }
  return group;
}

/** Assesses the given indicators in every region they are reported for, into `snapshot.results`. */
function assessInto(snapshot: Snapshot, indicators: readonly CatalogIndicator[]): Snapshot {
  const { catalog, period, figures, targets, results } = snapshot;
  const district = districtOf(catalog);
  const regionNames = new Map(catalog.regions.map((r) => [r.code, r.name]));
  for (const indicator of indicators) {
    for (const regionCode of [district, ...indicator.regionCodes]) {
      const key = `${indicator.code}|${regionCode}`;
      results.set(key, assessIndicator({ indicator, regionCode, districtCode: district, period, figures, targets: targets.get(key) ?? [], regionNames }));
    }
  }
  return snapshot;
}

function withoutWeight({ weight: _weight, ...rest }: IndicatorProgress & { weight: number }): IndicatorProgress {
  return rest;
}

function districtOf(catalog: Catalog): string {
  return catalog.regions.find((r) => r.kind === 'district')?.code ?? '140404';
}

function groupTargets(catalog: Catalog): Map<string, TargetRow[]> {
  const map = new Map<string, TargetRow[]>();
  for (const target of catalog.targets) {
    const key = `${target.indicatorCode}|${target.regionCode}`;
    map.set(key, [...(map.get(key) ?? []), target]);
  }
  return map;
}

function rangeOfYears(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
