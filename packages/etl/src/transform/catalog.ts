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

/** Prefixes people put before a town's name: the old county, the district, the city. */
const REGION_PREFIXES = /^(山西省)?(长治市)?(长治县|上党区)?/;
/** Suffixes people leave out: 郝家庄 for 郝家庄镇. */
const REGION_SUFFIXES = /(街道办事处|街道办|街道|办事处|镇|乡)$/;

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

function regionStem(key: string): string {
  const stem = key.replace(REGION_SUFFIXES, '');
  return stem.length >= 2 ? stem : key;
}

function stripRegionPrefix(key: string): string {
  const stripped = key.replace(REGION_PREFIXES, '');
  return stripped === '' ? key : stripped;
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
  private readonly regionByName = new Map<string, CatalogRegion[]>();
  private readonly regionByLoose = new Map<string, CatalogRegion[]>();

  constructor(readonly catalog: Catalog) {
    for (const indicator of catalog.indicators) {
      addTo(this.indicatorByCode, looseKey(indicator.code), indicator);
      for (const name of [indicator.name, ...(indicator.aliases ?? [])]) addTo(this.indicatorByName, indicatorKey(name), indicator);
    }
    for (const region of catalog.regions) {
      addTo(this.regionByCode, looseKey(region.code), region);
      addTo(this.regionByName, looseKey(region.name), region);
      // Loose forms: aliases, and names and aliases without prefix or suffix.
      for (const name of [region.name, ...region.aliases]) {
        const key = stripRegionPrefix(looseKey(name));
        addTo(this.regionByLoose, key, region);
        addTo(this.regionByLoose, regionStem(key), region);
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
   * By code (also the 12-digit 统计用区划代码), by exact name, else by a loose form: alias,
   * 长治县/上党区 prefix, missing 镇/乡/街道 suffix. Two regions for one loose form is an error.
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
    const exact = this.regionByName.get(key) ?? [];
    if (exact.length === 1 && exact[0]) return { ok: true, item: exact[0] };
    const stripped = stripRegionPrefix(key);
    const candidates = new Set<CatalogRegion>(exact);
    for (const k of [stripped, regionStem(stripped)]) for (const r of this.regionByLoose.get(k) ?? []) candidates.add(r);
    const found = [...candidates];
    if (found.length === 1 && found[0]) return { ok: true, item: found[0] };
    if (found.length > 1) {
      return { ok: false, byCode: false, value: name, reason: `"${name}"同时匹配${names(found)}，请使用地区编码` };
    }
    return { ok: false, byCode: false, value: name, reason: `地区"${name}"无法识别` };
  }
}
