/**
 * Plan file → NormalizedPlan. Pure: the caller reads the file. Whether the file says what its
 * sources say (quotes verbatim, present-tense figures not used as targets, places named) is
 * the source lint's job (source-lint.ts), which also needs the documents.
 *
 * Validation runs in two passes: the structure (zod, every issue reported), then, when the
 * structure is sound, every cross-reference and plan rule (again every issue reported).
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Basis, Period, RegionKind } from '../domain/types.js';
import { DEFAULT_THRESHOLDS } from '../domain/types.js';
import { Exact, toDecimal, toDecimalString } from '../units/decimal.js';
import { unitDimension } from '../units/index.js';
import { documentIssues, formatDocumentPath, type DocumentIssue, type DocumentPathSegment } from '../validation/document-issues.js';
import { DEFAULT_CHECK_RULES, resolveCheckRules, type CheckRulesOverride } from '../checks/check-rules.js';
import { planFileSchema, type PlanFile } from './schema.js';
import { DEFAULT_RANKING_CONFIG, DEFAULT_RANKING_LIST_SIZE } from '../ranking/ranking.js';
import { DEFAULT_NOTIFICATION_GROUPING } from '../alerts/digest.js';
import type {
  NormalizedPlan,
  PlanAlertRule,
  PlanChain,
  PlanCitation,
  PlanDepartment,
  PlanFigureOwner,
  PlanIndicator,
  PlanIssue,
  PlanPlaceEvidence,
  PlanProject,
  PlanPublishedFigure,
  PlanRegion,
  PlanTarget,
} from './types.js';

export type Segment = DocumentPathSegment;
export type RawIssue = DocumentIssue;

/** Thrown by parsePlan / normalizePlan with every problem found, each naming its path. */
export class PlanValidationError extends Error {
  readonly issues: readonly PlanIssue[];
  constructor(issues: readonly PlanIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}${issue.line === undefined ? '' : ` (line ${issue.line})`}`);
    super(`plan file invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'PlanValidationError';
    this.issues = issues;
  }
}

/** The six industrial chains every plan file must define (kind chain). */
export const REQUIRED_CHAIN_CODES = ['green_coal', 'digital_equipment', 'medicine', 'nev', 'pv', 'recycling'] as const;

/** Parses and validates the YAML text of a plan file. Throws PlanValidationError. */
export function parsePlan(yamlText: string): NormalizedPlan {
  return readPlan(yamlText).plan;
}

/** A parsed plan with its file as written and where each path sits in the YAML (for the source lint). */
export interface ReadPlan {
  plan: NormalizedPlan;
  file: PlanFile;
  locate: (path: Segment[]) => number | undefined;
}

/** parsePlan, keeping the file as written and the YAML positions. Throws PlanValidationError. */
export function readPlan(yamlText: string): ReadPlan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanValidationError(
      doc.errors.map((error) => {
        const offset = error.pos[0];
        return { path: '(yaml)', message: error.message.split('\n')[0] ?? error.message, line: lineCounter.linePos(offset).line };
      }),
    );
  }
  const locate = (path: Segment[]): number | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const node: unknown = doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { ...normalize(doc.toJS({ maxAliasCount: 200 }) as unknown, locate), locate };
}

/** Validates an already-parsed plan object (e.g. YAML parsed elsewhere). Throws PlanValidationError. */
export function normalizePlan(raw: unknown): NormalizedPlan {
  return normalize(raw, () => undefined).plan;
}

/** Raw issues with their formatted path and YAML line. */
export function locateIssues(issues: readonly RawIssue[], locate: (path: Segment[]) => number | undefined): PlanIssue[] {
  return issues.map((issue) => {
    const line = locate(issue.path);
    const formatted: PlanIssue = { path: formatDocumentPath(issue.path), message: issue.message };
    if (line !== undefined) formatted.line = line;
    return formatted;
  });
}

function normalize(raw: unknown, locate: (path: Segment[]) => number | undefined): { plan: NormalizedPlan; file: PlanFile } {
  const parsed = planFileSchema.safeParse(raw);
  if (!parsed.success) throw new PlanValidationError(locateIssues(parsed.error.issues.flatMap(documentIssues), locate));
  const { plan, issues } = crossCheck(parsed.data);
  if (issues.length > 0) throw new PlanValidationError(locateIssues(issues, locate));
  return { plan, file: parsed.data };
}

const TOWN_KINDS: readonly RegionKind[] = ['subdistrict', 'town', 'township'];
const ZONE_KINDS: readonly RegionKind[] = ['special_zone', 'development_zone'];
/** Regions that can report figures (not the district itself, not parks). */
const REPORTING_KINDS: readonly RegionKind[] = [...TOWN_KINDS, ...ZONE_KINDS];
/** Dimensions whose targets are whole numbers when split by region shares. */
const WHOLE_DIMENSIONS = new Set(['count', 'vehicle', 'people']);
const SHARE_SUM_TOLERANCE = 0.001;

/** Names and quotes compared loosely: full-width forms folded (NFKC), whitespace ignored. */
export function looseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function crossCheck(f: PlanFile): { plan: NormalizedPlan; issues: RawIssue[] } {
  const issues: RawIssue[] = [];
  const add = (path: Segment[], message: string): void => {
    issues.push({ path, message });
  };
  const meta = f.plan;
  const district = meta.region;

  // ── plan ────────────────────────────────────────────────────────────────────────────────
  if (!(meta.baseYear < meta.nearTermYear && meta.nearTermYear < meta.targetYear && meta.targetYear <= meta.visionYear)) {
    add(['plan'], 'years must satisfy baseYear < nearTermYear < targetYear ≤ visionYear');
  }
  if (meta.currentYear < meta.baseYear || meta.currentYear > meta.targetYear) {
    add(['plan', 'currentYear'], `currentYear ${meta.currentYear} is outside ${meta.baseYear}–${meta.targetYear}`);
  }

  // ── sources ─────────────────────────────────────────────────────────────────────────────
  const sourceIds = firstIndex(f.sources, (s) => s.id, ['sources'], 'id', 'source id', add);
  const checkSourceId = (path: Segment[], id: string): void => {
    if (!sourceIds.has(id)) add([...path, 'id'], `unknown source "${id}"`);
  };
  /** Place evidence refers to known sources, and only to places the entry lists. */
  const checkPlaceEvidence = (path: Segment[], entry: Pick<PlanFile['regions'][number], 'placeSources' | 'illustrativePlaces'>, places: readonly string[]): void => {
    entry.placeSources.forEach((ref, k) => checkSourceId([...path, 'placeSources', k], ref.id));
    entry.illustrativePlaces.forEach((code, k) => {
      if (!places.includes(code)) add([...path, 'illustrativePlaces', k], `"${code}" is not one of the places listed here (${places.join(', ') || 'none'})`);
    });
  };

  // ── regions ─────────────────────────────────────────────────────────────────────────────
  const regionIndex = firstIndex(f.regions, (r) => r.code, ['regions'], 'code', 'region code', add);
  const regionAt = (code: string) => {
    const i = regionIndex.get(code);
    return i === undefined ? undefined : f.regions[i];
  };
  if (!regionIndex.has(district)) add(['plan', 'region'], `unknown region "${district}"`);
  const nameOwner = new Map<string, string>();
  f.regions.forEach((r, i) => {
    if (r.kind === 'district') {
      if (r.code !== district) add(['regions', i, 'kind'], `only the plan's region ${district} can be the district`);
      if (r.parent !== null) add(['regions', i, 'parent'], 'the district has no parent');
    } else {
      if (r.code === district) add(['regions', i, 'kind'], `region ${district} is the plan's district, kind must be "district"`);
      if (r.parent === null) add(['regions', i, 'parent'], 'required for every region but the district');
      else if (r.parent === r.code) add(['regions', i, 'parent'], 'a region cannot be its own parent');
      else if (!regionIndex.has(r.parent)) add(['regions', i, 'parent'], `unknown region "${r.parent}"`);
    }
    if (r.kind === 'park') {
      // The sources do not always say where a park is: no town, and the district as its parent.
      const town = r.town === null ? undefined : regionAt(r.town);
      if (r.town !== null && town === undefined) add(['regions', i, 'town'], `unknown region "${r.town}"`);
      else if (town !== undefined && !TOWN_KINDS.includes(town.kind)) add(['regions', i, 'town'], `region "${r.town}" is a ${town.kind}, not a town`);
      const parent = r.parent === null ? undefined : regionAt(r.parent);
      if (parent !== undefined && ![...TOWN_KINDS, ...ZONE_KINDS, 'district'].includes(parent.kind)) {
        add(['regions', i, 'parent'], `a park sits in a zone or town (or the district when no source says which), not a ${parent.kind}`);
      }
    } else {
      if (r.town !== null) add(['regions', i, 'town'], 'only parks name a town');
      if (r.schematic === null && r.kind !== 'district') add(['regions', i, 'schematic'], 'required: where the wall screen\'s map draws it');
    }
    checkPlaceEvidence(['regions', i], r, parkPlaces(r, district));
    [r.name, ...r.aliases].forEach((name, k) => {
      const key = looseName(name);
      const owner = nameOwner.get(key);
      const path: Segment[] = k === 0 ? ['regions', i, 'name'] : ['regions', i, 'aliases', k - 1];
      if (owner === undefined) nameOwner.set(key, r.code);
      else if (owner === r.code) add(path, `"${name}" is listed twice for region ${r.code}`);
      else add(path, `"${name}" already names region ${owner} (names and aliases must be unambiguous)`);
    });
  });
  const checkRegionRef = (path: Segment[], code: string, what: 'reporting' | 'park' | 'any'): void => {
    const r = regionAt(code);
    if (r === undefined) add(path, `unknown region "${code}"`);
    else if (what === 'reporting' && !REPORTING_KINDS.includes(r.kind)) add(path, `region "${code}" is a ${r.kind}; expected a town, subdistrict or zone`);
    else if (what === 'park' && r.kind !== 'park') add(path, `region "${code}" is a ${r.kind}, not a park`);
  };

  // ── departments ─────────────────────────────────────────────────────────────────────────
  const departmentIndex = firstIndex(f.departments, (d) => d.code, ['departments'], 'code', 'department code', add);
  f.departments.forEach((d, i) => {
    const r = regionAt(d.region);
    if (r === undefined) {
      add(['departments', i, 'region'], `unknown region "${d.region}"`);
      return;
    }
    const ok =
      (d.kind === 'bureau' && r.kind === 'district') ||
      (d.kind === 'town' && TOWN_KINDS.includes(r.kind)) ||
      (d.kind === 'zone' && ZONE_KINDS.includes(r.kind));
    if (!ok) add(['departments', i, 'region'], `a ${d.kind} cannot answer for region ${d.region} (a ${r.kind})`);
  });
  const answered = new Set(f.departments.map((d) => d.region));
  f.regions.forEach((r, i) => {
    if (REPORTING_KINDS.includes(r.kind) && !answered.has(r.code)) {
      add(['regions', i], `no department answers for region ${r.code} (${r.name})`);
    }
  });

  // ── chains ──────────────────────────────────────────────────────────────────────────────
  const chainIndex = firstIndex(f.chains, (c) => c.code, ['chains'], 'code', 'chain code', add);
  firstIndex(f.chains, (c) => String(c.order), ['chains'], 'order', 'chain order', add);
  f.chains.forEach((c, i) => {
    c.regions.forEach((code, k) => checkRegionRef(['chains', i, 'regions', k], code, 'reporting'));
    checkPlaceEvidence(['chains', i], c, c.regions);
    for (const level of ['upstream', 'midstream', 'downstream'] as const) {
      c.graph[level].forEach((node, n) => {
        node.parks.forEach((code, k) => checkRegionRef(['chains', i, 'graph', level, n, 'parks', k], code, 'park'));
        node.regions.forEach((code, k) => checkRegionRef(['chains', i, 'graph', level, n, 'regions', k], code, 'reporting'));
        checkPlaceEvidence(['chains', i, 'graph', level, n], node, [...node.parks, ...node.regions]);
      });
    }
  });
  for (const code of REQUIRED_CHAIN_CODES) {
    const i = chainIndex.get(code);
    if (i === undefined) add(['chains'], `missing required chain "${code}"`);
    else if (f.chains[i]?.kind !== 'chain') add(['chains', i, 'kind'], `"${code}" is one of the six chains; kind must be "chain"`);
  }

  // ── who reports and reviews each figure ─────────────────────────────────────────────────
  const departmentAt = (code: string) => {
    const i = departmentIndex.get(code);
    return i === undefined ? undefined : f.departments[i];
  };
  const checkReviewer = (path: Segment[], code: string): void => {
    const d = departmentAt(code);
    if (d === undefined) add(path, `unknown department "${code}"`);
    else if (d.kind !== 'bureau') add(path, `审核单位 "${code}" is a ${d.kind}; a figure is reviewed by a bureau (局)`);
  };
  if (f.reporting.reviewer !== undefined) checkReviewer(['reporting', 'reviewer'], f.reporting.reviewer);
  const regionDepartment = new Map(f.departments.filter((d) => d.kind !== 'bureau').map((d) => [d.region, d.code]));
  const owners = new Map<string, PlanFigureOwner[]>();
  /** One 报送单位 and one 审核单位 for each figure the indicator is reported for. */
  const figureOwners = (x: PlanFile['indicators'][number], at: (...rest: Segment[]) => Segment[]): PlanFigureOwner[] => {
    if (x.reviewedBy !== undefined) checkReviewer(at('reviewedBy'), x.reviewedBy);
    const reviewer = x.reviewedBy ?? f.reporting.reviewer ?? x.department;
    const reported = [...((x.districtReported ?? true) || x.regions.length === 0 ? [district] : []), ...x.regions];
    const list = reported.map((region) => ({
      region,
      reporter: region === district || x.reportedBy === 'department' ? x.department : (regionDepartment.get(region) ?? x.department),
      reviewer,
    }));
    const seen = new Set<string>();
    x.owners.forEach((o, k) => {
      const owner = list.find((l) => l.region === o.region);
      if (!owner) return add(at('owners', k, 'region'), `region "${o.region}" is not reported for "${x.code}" (${reported.join(', ')})`);
      if (seen.has(o.region)) add(at('owners', k, 'region'), `region "${o.region}" listed twice`);
      seen.add(o.region);
      if (o.reporter !== undefined) {
        const d = departmentAt(o.reporter);
        if (d === undefined) add(at('owners', k, 'reporter'), `unknown department "${o.reporter}"`);
        else if (d.kind !== 'bureau' && d.region !== o.region) add(at('owners', k, 'reporter'), `${d.code} answers for region ${d.region}, not ${o.region}`);
        else owner.reporter = o.reporter;
      }
      if (o.reviewer !== undefined) {
        checkReviewer(at('owners', k, 'reviewer'), o.reviewer);
        owner.reviewer = o.reviewer;
      }
    });
    return list;
  };

  // ── indicators ──────────────────────────────────────────────────────────────────────────
  const indicatorIndex = firstIndex(f.indicators, (x) => x.code, ['indicators'], 'code', 'indicator code', add);
  const indicatorAt = (code: string) => {
    const i = indicatorIndex.get(code);
    return i === undefined ? undefined : f.indicators[i];
  };
  f.indicators.forEach((x, i) => {
    const at = (...rest: Segment[]): Segment[] => ['indicators', i, ...rest];
    if (unitDimension(x.unit) === undefined) add(at('unit'), `未知单位 "${x.unit}"`);
    if (!departmentIndex.has(x.department)) add(at('department'), `unknown department "${x.department}"`);
    if (x.chain !== null && !chainIndex.has(x.chain)) add(at('chain'), `unknown chain "${x.chain}"`);
    const seen = new Set<string>();
    x.regions.forEach((code, k) => {
      checkRegionRef(at('regions', k), code, 'reporting');
      if (seen.has(code)) add(at('regions', k), `region "${code}" listed twice`);
      seen.add(code);
    });
    checkPlaceEvidence(at(), x, x.regions);
    if (x.districtReported === false && x.regions.length === 0) {
      add(at('districtReported'), 'false needs reporting regions (the district figure would be the sum of none)');
    }
    if (x.kind === 'ratio' && x.ratio !== undefined) {
      for (const part of ['numerator', 'denominator'] as const) {
        const code = x.ratio[part];
        const other = indicatorAt(code);
        if (other === undefined) add(at('ratio', part), `unknown indicator "${code}"`);
        else if (code === x.code) add(at('ratio', part), 'a ratio cannot be built from itself');
        else if (other.kind === 'ratio') add(at('ratio', part), `"${code}" is itself a ratio`);
      }
    } else if (x.ratio !== undefined) {
      add(at('ratio'), `only ratio indicators have numerator/denominator (kind is ${x.kind})`);
    }
    if (x.thresholds !== undefined && x.thresholds.yellow > x.thresholds.green) {
      add(at('thresholds'), `yellow (${x.thresholds.yellow}) must not exceed green (${x.thresholds.green})`);
    }
    if (x.janFebCombined && x.frequency !== 'monthly') add(at('janFebCombined'), 'only monthly indicators publish January–February together');
    if (x.kind === 'stock' && x.basis === 'ytd') add(at('basis'), 'a stock is a level at a point in time; basis "ytd" applies to flows and ratios');
    owners.set(x.code, figureOwners(x, at));
  });

  // ── targets ─────────────────────────────────────────────────────────────────────────────
  const explicit = new Map<string, { row: PlanTarget; path: Segment[] }>();
  const derived = new Map<string, PlanTarget>();
  const key = (indicator: string, region: string, year: number) => `${indicator}|${region}|${year}`;
  f.targets.forEach((block, i) => {
    const at = (...rest: Segment[]): Segment[] => ['targets', i, ...rest];
    const x = indicatorAt(block.indicator);
    if (x === undefined) {
      add(at('indicator'), `unknown indicator "${block.indicator}"`);
      return;
    }
    const region = block.region ?? district;
    if (region !== district) {
      if (!regionIndex.has(region)) add(at('region'), `unknown region "${region}"`);
      else if (!x.regions.includes(region)) add(at('region'), `region "${region}" does not report indicator "${x.code}"`);
    }
    const dimension = unitDimension(x.unit);
    const shares = Object.entries(block.shares ?? {});
    if (block.shares !== undefined) {
      if (region !== district) add(at('shares'), 'shares split a district target; this block is for a region');
      if (x.kind === 'ratio') add(at('shares'), 'a ratio cannot be split into region shares');
      let sum = 0;
      for (const [code, share] of shares) {
        if (!x.regions.includes(code)) add(at('shares', code), `region "${code}" does not report indicator "${x.code}"`);
        sum += share;
      }
      if (sum > 1 + SHARE_SUM_TOLERANCE) add(at('shares'), `shares add up to ${round4(sum)}, more than 1`);
      if (x.districtReported === false && Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
        add(at('shares'), `shares add up to ${round4(sum)}; they must add up to 1 because the district is the sum of its regions`);
      }
    }
    block.anchors.forEach((a, j) => {
      const ap = (...rest: Segment[]): Segment[] => at('anchors', j, ...rest);
      const illustrative = a.illustrative === true;
      if (!illustrative && a.source === undefined) add(ap(), 'needs either source {id, quote} citing the source text or illustrative: true');
      if (a.illustrative === false && a.source === undefined) add(ap('illustrative'), 'false needs a source');
      if (illustrative && a.source !== undefined && !a.source.note) {
        add(ap('source', 'note'), 'an illustrative target that quotes a source says in a note what is illustrative (the year, the interpretation)');
      }
      if (a.source !== undefined) checkSourceId(ap('source'), a.source.id);
      if (a.year < meta.baseYear || a.year > meta.visionYear) add(ap('year'), `year ${a.year} is outside ${meta.baseYear}–${meta.visionYear}`);
      if (a.baseline && a.year !== meta.baseYear) add(ap('baseline'), `the baseline is the base year ${meta.baseYear}, not ${a.year}`);
      if (x.nonNegative && a.value.startsWith('-')) add(ap('value'), `negative value ${a.value} for a non-negative indicator`);
      const row: PlanTarget = {
        indicator: x.code,
        region,
        year: a.year,
        value: toDecimalString(toDecimal(a.value)),
        trajectory: a.trajectory,
        baseline: a.baseline,
        anchor: a.anchor ?? (a.baseline || a.year === meta.nearTermYear || a.year === meta.targetYear),
        annual: a.annual ?? !a.baseline,
        illustrative,
        source: a.source === undefined ? null : citation(a.source),
        share: null,
      };
      if (a.baseline && !row.anchor) add(ap('anchor'), 'the baseline is always a trajectory anchor');
      const k = key(x.code, region, a.year);
      const previous = explicit.get(k);
      if (previous !== undefined) add(ap('year'), `duplicate target: ${x.code} / ${region} / ${a.year} is also at ${formatDocumentPath(previous.path)}`);
      else explicit.set(k, { row, path: ap() });
      if (region === district && block.shares !== undefined && x.kind !== 'ratio') {
        for (const [code, share] of shares) {
          const value = new Exact(row.value).times(String(share)).toDecimalPlaces(WHOLE_DIMENSIONS.has(dimension ?? '') ? 0 : 4, Exact.ROUND_HALF_UP);
          derived.set(key(x.code, code, a.year), { ...row, region: code, value: toDecimalString(value), illustrative: true, source: null, share });
        }
      }
    });
  });
  for (const [k, row] of derived) if (!explicit.has(k)) explicit.set(k, { row, path: [] });

  const byIndicator = new Map<string, PlanTarget[]>();
  for (const { row } of explicit.values()) {
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  f.indicators.forEach((x, i) => {
    const rows = byIndicator.get(x.code) ?? [];
    const districtRows = rows.filter((r) => r.region === district);
    const has = (year: number, flag: 'anchor' | 'annual') => districtRows.some((r) => r.year === year && r[flag]);
    const label = `"${x.code}"`;
    if (!districtRows.some((r) => r.baseline)) add(['indicators', i], `${label} has no ${meta.baseYear} baseline for the district (${district})`);
    if (!has(meta.nearTermYear, 'anchor')) add(['indicators', i], `${label} has no ${meta.nearTermYear} target anchor for the district (${district})`);
    if (!has(meta.targetYear, 'anchor')) add(['indicators', i], `${label} has no ${meta.targetYear} target anchor for the district (${district})`);
    if (!has(meta.currentYear, 'annual')) add(['indicators', i], `${label} has no ${meta.currentYear} annual target for the district (${district})`);
    // geometric segments need positive ends
    const regions = new Set(rows.map((r) => r.region));
    for (const region of regions) {
      const anchors = rows.filter((r) => r.region === region && r.anchor).sort((a, b) => a.year - b.year);
      for (let n = 1; n < anchors.length; n++) {
        const from = anchors[n - 1];
        const to = anchors[n];
        if (from === undefined || to === undefined || to.trajectory !== 'geometric') continue;
        if (!(toDecimal(from.value).gt(0) && toDecimal(to.value).gt(0))) {
          add(['indicators', i], `${label}: the geometric segment ${from.year}→${to.year} (region ${region}) needs positive values at both ends`);
        }
      }
    }
  });

  // ── published figures ───────────────────────────────────────────────────────────────────
  const published: PlanPublishedFigure[] = [];
  const publishedKeys = new Map<string, number>();
  f.published.forEach((p, i) => {
    const at = (...rest: Segment[]): Segment[] => ['published', i, ...rest];
    checkSourceId(at('source'), p.source.id);
    const x = indicatorAt(p.indicator);
    if (x === undefined) {
      add(at('indicator'), `unknown indicator "${p.indicator}"`);
      return;
    }
    const region = p.region ?? district;
    if (region !== district && !x.regions.includes(region)) add(at('region'), `region "${region}" does not report indicator "${x.code}"`);
    if ((p.period === undefined) === (p.year === undefined)) add(at(), 'give either period (the month the source dates it to) or year (when it gives only the year)');
    const period: Period = (p.period ?? `${p.year ?? meta.baseYear}-12`) as Period;
    const year = Number(period.slice(0, 4));
    if (year < meta.baseYear || year > meta.currentYear) add(at(), `${period} is outside ${meta.baseYear}–${meta.currentYear}`);
    if (x.kind === 'flow' && p.basis === undefined) add(at('basis'), 'required for a flow: is the figure the month (month) or the year so far (ytd)?');
    if (x.kind === 'stock' && p.basis === 'ytd') add(at('basis'), 'a stock is a level at a point in time; basis "ytd" applies to flows and ratios');
    if (x.nonNegative && p.value.startsWith('-')) add(at('value'), `negative value ${p.value} for a non-negative indicator`);
    const basis: Basis = p.basis ?? (x.kind === 'ratio' ? x.basis : 'month');
    const k = `${x.code}|${region}|${period}|${basis}`;
    const first = publishedKeys.get(k);
    if (first !== undefined) add(at(), `duplicate published figure: ${x.code} / ${region} / ${period} is also at published[${first}]`);
    else publishedKeys.set(k, i);
    published.push({
      indicator: x.code,
      region,
      period,
      dated: p.period === undefined ? 'year' : 'month',
      basis,
      value: toDecimalString(toDecimal(p.value)),
      source: citation(p.source),
    });
  });

  // ── projects the sources name ───────────────────────────────────────────────────────────
  firstIndex(f.projects, (p) => p.code, ['projects'], 'code', 'project code', add);
  f.projects.forEach((p, i) => {
    const at = (...rest: Segment[]): Segment[] => ['projects', i, ...rest];
    if (!chainIndex.has(p.chain)) add(at('chain'), `unknown chain "${p.chain}"`);
    checkRegionRef(at('region'), p.region, 'reporting');
    if (p.park !== null) checkRegionRef(at('park'), p.park, 'park');
    p.milestones.forEach((m, k) => {
      if (Number(m.period.slice(0, 4)) < meta.baseYear) add(at('milestones', k, 'period'), `${m.period} is before the base year ${meta.baseYear}`);
    });
    p.sources.forEach((ref, k) => checkSourceId(at('sources', k), ref.id));
  });

  // ── alert rules ─────────────────────────────────────────────────────────────────────────
  firstIndex(f.alertRules, (r) => r.code, ['alertRules'], 'code', 'alert rule code', add);
  f.alertRules.forEach((rule, i) => {
    const at = (...rest: Segment[]): Segment[] => ['alertRules', i, 'scope', ...rest];
    const refs = [
      ['chains', chainIndex, 'chain'],
      ['indicators', indicatorIndex, 'indicator'],
      ['departments', departmentIndex, 'department'],
      ['regions', regionIndex, 'region'],
    ] as const;
    for (const [field, index, what] of refs) {
      rule.scope[field].forEach((c, k) => {
        if (!index.has(c)) add(at(field, k), `unknown ${what} "${c}"`);
      });
    }
  });

  // ── normalized output ───────────────────────────────────────────────────────────────────
  const regions: PlanRegion[] = f.regions.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    parent: r.parent,
    town: r.town,
    aliases: [...r.aliases],
    schematic: r.schematic === null ? null : { x: r.schematic.x, y: r.schematic.y },
    ...placeEvidence(r),
  }));
  const departments: PlanDepartment[] = f.departments.map((d) => ({ ...d }));
  const chains: PlanChain[] = f.chains.map((c) => ({
    code: c.code,
    name: c.name,
    kind: c.kind,
    order: c.order,
    summary: c.summary,
    regions: [...c.regions],
    ...placeEvidence(c),
    graph: {
      upstream: c.graph.upstream.map(graphNode),
      midstream: c.graph.midstream.map(graphNode),
      downstream: c.graph.downstream.map(graphNode),
    },
  }));
  const indicators: PlanIndicator[] = f.indicators.map((x) => ({
    code: x.code,
    name: x.name,
    unit: x.unit,
    dimension: unitDimension(x.unit) ?? 'unknown',
    kind: x.kind,
    frequency: x.frequency,
    direction: x.direction,
    department: x.department,
    chain: x.chain,
    regions: [...x.regions],
    ...placeEvidence(x),
    districtReported: x.districtReported ?? true,
    thresholds: x.thresholds ?? { ...DEFAULT_THRESHOLDS },
    nonNegative: x.nonNegative,
    ratio: x.ratio ?? null,
    weight: x.weight,
    basis: x.basis,
    janFebCombined: x.janFebCombined,
    description: x.description,
    owners: owners.get(x.code) ?? [],
    checks: resolveCheckRules(DEFAULT_CHECK_RULES, f.reporting.checks as CheckRulesOverride | undefined, x.checks as CheckRulesOverride | undefined),
  }));
  const regionOrder = (code: string) => (code === district ? -1 : (regionIndex.get(code) ?? Number.MAX_SAFE_INTEGER));
  const targets = [...explicit.values()]
    .map(({ row }) => row)
    .sort(
      (a, b) =>
        (indicatorIndex.get(a.indicator) ?? 0) - (indicatorIndex.get(b.indicator) ?? 0) ||
        regionOrder(a.region) - regionOrder(b.region) ||
        a.year - b.year,
    );
  const projects: PlanProject[] = f.projects.map((p) => ({
    code: p.code,
    name: p.name,
    chain: p.chain,
    region: p.region,
    park: p.park,
    enterprise: p.enterprise,
    totalInvestment: p.totalInvestment === null ? null : toDecimalString(toDecimal(p.totalInvestment)),
    stage: p.stage,
    milestones: p.milestones.map((m) => ({ period: m.period as Period, label: m.label })),
    sources: p.sources.map((ref) => ({ ...citation(ref), about: [...ref.about] })),
    illustrative: [...p.illustrative],
  }));
  const alertRules: PlanAlertRule[] = f.alertRules.map((rule) => ({
    code: rule.code,
    type: rule.type,
    name: rule.name,
    params: { ...rule.params },
    schedule: rule.schedule.trim(),
    timezone: rule.timezone,
    severity: { ...rule.severity },
    scope: {
      chains: [...rule.scope.chains],
      indicators: [...rule.scope.indicators],
      regions: [...rule.scope.regions],
      departments: [...rule.scope.departments],
    },
    enabled: rule.enabled,
  }));

  return {
    issues,
    plan: {
      version: f.version,
      plan: { ...meta },
      sources: f.sources.map((s) => ({ id: s.id, title: s.title, document: s.document, year: s.year ?? null })),
      departments,
      regions,
      chains,
      indicators,
      targets,
      published,
      projects,
      alertRules,
      reporting: { reminder: f.reporting.reminder },
      ranking: f.ranking ? { weights: { ...f.ranking.weights }, listSize: f.ranking.listSize ?? DEFAULT_RANKING_LIST_SIZE } : DEFAULT_RANKING_CONFIG,
      notifications: {
        waitSeconds: f.notifications?.groupWaitSeconds ?? DEFAULT_NOTIFICATION_GROUPING.waitSeconds,
        intervalSeconds: f.notifications?.groupIntervalSeconds ?? DEFAULT_NOTIFICATION_GROUPING.intervalSeconds,
      },
    },
  };
}

type SourceRefInput = PlanFile['targets'][number]['anchors'][number]['source'] & object;

function citation(ref: SourceRefInput): PlanCitation {
  return { id: ref.id, quote: ref.quote, note: ref.note ?? null };
}

function placeEvidence(entry: { placeSources: SourceRefInput[]; illustrativePlaces: string[] }): PlanPlaceEvidence {
  return { placeSources: entry.placeSources.map(citation), illustrativePlaces: [...entry.illustrativePlaces] };
}

function graphNode(node: PlanFile['chains'][number]['graph']['upstream'][number]): PlanChain['graph']['upstream'][number] {
  return { name: node.name, enterprises: [...node.enterprises], parks: [...node.parks], regions: [...node.regions], ...placeEvidence(node) };
}

/** The places a park entry claims: its zone and its town (the district as parent claims nothing). */
export function parkPlaces(region: Pick<PlanRegion, 'parent' | 'town'>, district: string): string[] {
  return [region.parent, region.town].filter((code): code is string => code !== null && code !== district);
}

/** Map from key to first index; reports later duplicates at `[listPath, i, field]`. */
function firstIndex<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  listPath: Segment[],
  field: string,
  what: string,
  add: (path: Segment[], message: string) => void,
): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    const first = index.get(k);
    if (first === undefined) index.set(k, i);
    else add([...listPath, i, field], `duplicate ${what} "${k}" (first at ${formatDocumentPath([...listPath, first])})`);
  });
  return index;
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
