/**
 * The catalog the transform resolves names against (the lead fills it from the database), and
 * the matching rules: codes or names, loose spellings accepted, ambiguity refused.
 */
import type { IndicatorKind } from '@planwatch/shared';
import { normalizeUnit } from '@planwatch/shared';
import type { RawRef } from '../model.js';
import { compactText } from '../text.util.js';

export interface CatalogIndicator {
  code: string;
  name: string;
  /** The indicator's unit; values are converted into it. */
  unit: string;
  kind: IndicatorKind;
  /** Negative values are rejected. */
  nonNegative: boolean;
  /** Regions below the district the plan has this indicator reported for; figures for others are rejected. */
  regionCodes: readonly string[];
  aliases?: string[];
}

export interface CatalogRegion {
  code: string;
  name: string;
  kind: string;
  aliases: string[];
}

export interface Catalog {
  indicators: CatalogIndicator[];
  regions: CatalogRegion[];
}

export type Match<T> = { ok: true; item: T; unitHint?: string } | { ok: false; reason: string; value: string; byCode: boolean };

/**
 * Prefixes people put before a town's name: the old county, the district, the city. Only ever
 * stripped before a town's name (长治县郝家庄镇, 长治县西火): "长治市经济技术开发区" minus
 * "长治市" is no name of any region, and must not become one.
 */
const REGION_PREFIXES = /^(山西省)?(长治市)?(长治县|上党区)?/;
/** Suffixes of a town's name, which people leave out or swap: 郝家庄 or 郝家庄乡 for 郝家庄镇. */
const TOWN_SUFFIXES = /(街道办事处|街道办|街道|办事处|镇|乡)$/;

/** Case-, width- and space-insensitive key. */
export function looseKey(text: string): string {
  return compactText(text).toLowerCase();
}

/** A name as the catalog compares it: "其中：原煤产量" and "1、原煤产量" are "原煤产量". */
export function indicatorKey(text: string): string {
  return looseKey(text)
    .replace(/^其中[:：]?/, '')
    .replace(/^(\d{1,2}|[一二三四五六七八九十]{1,3})[、.．](?!\d)/, '')
    .replace(/^[(（](\d{1,2}|[一二三四五六七八九十]{1,3})[)）]/, '');
}

/** The town's name without its 镇/乡/街道 suffix ("郝家庄镇" → "郝家庄"); undefined when the key has none. */
function townStem(key: string): string | undefined {
  const stem = key.replace(TOWN_SUFFIXES, '');
  return stem !== key && stem.length >= 2 ? stem : undefined;
}

/** The key without a leading 山西省/长治市/长治县/上党区; undefined when there is none (or nothing else). */
function stripRegionPrefix(key: string): string | undefined {
  const stripped = key.replace(REGION_PREFIXES, '');
  return stripped !== key && stripped !== '' ? stripped : undefined;
}

/** 12-digit 统计用区划代码 → the 9- or 6-digit code (140404106000 → 140404106). */
function shortRegionCode(key: string): string {
  if (!/^\d{12}$/.test(key)) return key;
  if (key.endsWith('000000')) return key.slice(0, 6);
  if (key.endsWith('000')) return key.slice(0, 9);
  return key;
}

function addTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [item]);
  else if (!list.includes(item)) list.push(item);
}

function union<T>(...lists: (readonly T[] | undefined)[]): T[] {
  return [...new Set(lists.flatMap((list) => list ?? []))];
}

function names<T extends { name: string }>(items: readonly T[]): string {
  return items.map((i) => `"${i.name}"`).join('、');
}

/** Trailing "(万吨)" on a name: the unit, when it is one. */
function splitUnitSuffix(text: string): { name: string; unit?: string } {
  const m = /^(.+?)[(（[【]([^()（）]+)[)）\]】]$/.exec(compactText(text));
  const unit = m ? normalizeUnit(m[2] ?? '') : undefined;
  return m && unit !== undefined ? { name: m[1] ?? text, unit } : { name: text };
}

export class CatalogIndex {
  private readonly indicatorByCode = new Map<string, CatalogIndicator[]>();
  private readonly indicatorByName = new Map<string, CatalogIndicator[]>();
  private readonly regionByCode = new Map<string, CatalogRegion[]>();
  /** Every name and alias, under its full normalised key. */
  private readonly regionByName = new Map<string, CatalogRegion[]>();
  /** Names and aliases of towns (ending in 镇/乡/街道), prefix stripped: "长治县郝家庄镇" → "郝家庄镇". */
  private readonly townByName = new Map<string, CatalogRegion[]>();
  /** The same without the suffix: "郝家庄". */
  private readonly townByStem = new Map<string, CatalogRegion[]>();

  /** The district (the region of kind 'district'): every indicator is reported for it. */
  readonly district: CatalogRegion | undefined;

  constructor(readonly catalog: Catalog) {
    this.district = catalog.regions.find((r) => r.kind === 'district');
    for (const indicator of catalog.indicators) {
      addTo(this.indicatorByCode, looseKey(indicator.code), indicator);
      for (const name of [indicator.name, ...(indicator.aliases ?? [])]) addTo(this.indicatorByName, indicatorKey(name), indicator);
    }
    for (const region of catalog.regions) {
      addTo(this.regionByCode, looseKey(region.code), region);
      for (const name of [region.name, ...region.aliases]) {
        const key = looseKey(name);
        addTo(this.regionByName, key, region);
        // A town's name, also as written after a prefix and without its suffix. Only towns: the
        // loose forms of other names ("经济技术开发区") are shared by unrelated regions.
        const town = stripRegionPrefix(key) ?? key;
        const stem = townStem(town);
        if (stem === undefined) continue;
        addTo(this.townByName, town, region);
        addTo(this.townByStem, stem, region);
      }
    }
  }

  /** By code (exact, case- and width-insensitive) or by name / alias after normalising. */
  indicator(ref: RawRef): Match<CatalogIndicator> {
    let byCode: CatalogIndicator | undefined;
    if (ref.code !== undefined) {
      const found = this.indicatorByCode.get(looseKey(ref.code)) ?? [];
      if (found.length === 0) return { ok: false, byCode: true, value: ref.code, reason: `指标编码"${ref.code}"不存在` };
      byCode = found[0];
    }
    let unitHint: string | undefined;
    let byName: CatalogIndicator | undefined;
    if (ref.name !== undefined) {
      const split = splitUnitSuffix(ref.name);
      unitHint = split.unit;
      let found = this.indicatorByName.get(indicatorKey(ref.name)) ?? [];
      if (found.length === 0 && split.unit !== undefined) found = this.indicatorByName.get(indicatorKey(split.name)) ?? [];
      if (found.length > 1 && !byCode) {
        return { ok: false, byCode: false, value: ref.name, reason: `指标"${ref.name}"同时匹配${names(found)}，请使用指标编码` };
      }
      if (found.length === 0 && !byCode) return { ok: false, byCode: false, value: ref.name, reason: `指标"${ref.name}"无法识别` };
      if (found.length === 1) byName = found[0];
      if (byCode && byName && byName !== byCode) {
        return { ok: false, byCode: true, value: `${ref.code}/${ref.name}`, reason: `指标编码"${ref.code}"（${byCode.name}）与指标名称"${ref.name}"不一致` };
      }
    }
    const item = byCode ?? byName;
    if (!item) return { ok: false, byCode: false, value: '', reason: '缺少指标（指标名称或指标编码为空）' };
    return unitHint === undefined ? { ok: true, item } : { ok: true, item, unitHint };
  }

  /**
   * By code (also the 12-digit 统计用区划代码), or by name. A name is, in order, the first that
   * matches anything:
   * 1. the full name or an alias (after normalising width, spaces and case), or a town's name
   *    without its 镇/乡/街道 suffix ("郝家庄");
   * 2. a town's name with another suffix ("郝家庄乡", "韩店街道办事处");
   * 3. a 山西省/长治市/长治县/上党区 prefix before a town's name, the rest being matched as in
   *    1–2 against towns only ("长治县郝家庄镇", "长治县西火"). The rest of anything else
   *    ("长治市经济技术开发区" → "经济技术开发区") is never looked up.
   * Two regions at the first step that matches is an error naming both, never a guess.
   */
  region(ref: RawRef): Match<CatalogRegion> {
    let byCode: CatalogRegion | undefined;
    if (ref.code !== undefined) {
      const found = this.regionByCode.get(shortRegionCode(looseKey(ref.code))) ?? [];
      if (found.length === 0) return { ok: false, byCode: true, value: ref.code, reason: `地区编码"${ref.code}"不存在` };
      byCode = found[0];
    }
    let byName: CatalogRegion | undefined;
    if (ref.name !== undefined) {
      const result = this.regionByNameText(ref.name);
      if (!result.ok && !byCode) return result;
      if (result.ok) byName = result.item;
      if (byCode && byName && byName !== byCode) {
        return { ok: false, byCode: true, value: `${ref.code}/${ref.name}`, reason: `地区编码"${ref.code}"（${byCode.name}）与地区名称"${ref.name}"不一致` };
      }
    }
    const item = byCode ?? byName;
    if (!item) return { ok: false, byCode: false, value: '', reason: '缺少地区（地区名称或地区编码为空）' };
    return { ok: true, item };
  }

  private regionByNameText(name: string): Match<CatalogRegion> {
    const key = looseKey(name);
    // A region code typed in the name column is fine too.
    const code = this.regionByCode.get(shortRegionCode(key));
    if (code?.length === 1 && code[0]) return { ok: true, item: code[0] };
    // Named in catalog order, so that the message does not depend on which rule matched.
    const found = this.regionsByKey(key).sort((x, y) => this.catalog.regions.indexOf(x) - this.catalog.regions.indexOf(y));
    if (found.length === 1 && found[0]) return { ok: true, item: found[0] };
    if (found.length > 1) {
      return { ok: false, byCode: false, value: name, reason: `"${name}"同时匹配${names(found)}，请使用地区编码` };
    }
    return { ok: false, byCode: false, value: name, reason: `地区"${name}"无法识别` };
  }

  /** The regions of the first rule of region() that matches anything; empty when none does. */
  private regionsByKey(key: string): CatalogRegion[] {
    const stem = townStem(key);
    // 1. The name itself, or a town's name without its suffix.
    const exact = union(this.regionByName.get(key), stem === undefined ? this.townByStem.get(key) : undefined);
    if (exact.length > 0) return exact;
    // 2. A town's name with another suffix.
    if (stem !== undefined) {
      const swapped = this.townByStem.get(stem) ?? [];
      if (swapped.length > 0) return swapped;
    }
    // 3. A prefix before a town's name: the rest must be one, with or without its suffix.
    const rest = stripRegionPrefix(key);
    if (rest === undefined) return [];
    const restStem = townStem(rest);
    if (restStem === undefined) return [...(this.townByStem.get(rest) ?? [])];
    const town = this.townByName.get(rest) ?? [];
    return town.length > 0 ? [...town] : [...(this.townByStem.get(restStem) ?? [])];
  }
}
