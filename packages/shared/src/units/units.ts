import type { DecimalString } from '../domain/types.js';
import { toDecimal, toDecimalString } from './decimal.js';

/** Base quantities whose units differ from each other only by a power of ten. */
export type BaseUnitDimension =
  | 'mass' // 吨, 万吨, 亿吨
  | 'money' // 元, 万元, 亿元
  | 'area' // m², 万m², 亿m², 公顷, km²
  | 'count' // 个, 座, 处, 家, 项, 台, 套, 条 (classifiers: the indicator says what is counted)
  | 'vehicle' // 辆, 万辆
  | 'people' // 人, 万人
  | 'visits' // 人次, 万人次
  | 'bag' // 袋, 万袋, 亿袋 (granule packets)
  | 'standard_coal' // 吨标准煤, 万吨标准煤
  | 'power' // kW, MW, 万千瓦, GW
  | 'electricity' // kWh, 万千瓦时, 亿千瓦时
  | 'percent' // %
  | 'energy_intensity'; // 吨标准煤/万元

/** Dimensions that can be stated per year (capacities such as 1.45亿m²/年). */
type AnnualisableDimension = Exclude<BaseUnitDimension, 'percent' | 'energy_intensity' | 'power'>;

/**
 * What a unit measures. Two units convert into each other exactly when they have the same
 * dimension. A capacity per year (万吨/年) is its own dimension, so it never converts into a
 * plain amount (万吨).
 */
export type UnitDimension = BaseUnitDimension | `${AnnualisableDimension}_per_year`;

/** Thrown for an unknown unit or a conversion across dimensions; `message` is for users. */
export class UnitConversionError extends Error {
  constructor(
    readonly code: 'UNKNOWN_UNIT' | 'DIMENSION_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'UnitConversionError';
  }
}

interface UnitDefinition {
  dimension: BaseUnitDimension;
  /** The unit is 10^exponent of its dimension's smallest listed unit; keeps conversions exact. */
  exponent: number;
  /** Spellings after NFKC, whitespace removal and lower-casing (so 'm²' and '㎡' arrive as 'm2'). */
  aliases: readonly string[];
}

/**
 * The unit catalogue, keyed by canonical spelling. Only powers of ten appear, so every
 * conversion is an exact decimal shift; units with other factors (亩 = 666.6… m²) are left
 * out on purpose rather than converted inexactly.
 */
const UNITS: Readonly<Record<string, UnitDefinition>> = {
  千克: { dimension: 'mass', exponent: -3, aliases: ['kg', '公斤'] },
  吨: { dimension: 'mass', exponent: 0, aliases: ['t'] },
  千吨: { dimension: 'mass', exponent: 3, aliases: ['kt'] },
  万吨: { dimension: 'mass', exponent: 4, aliases: ['万t'] },
  亿吨: { dimension: 'mass', exponent: 8, aliases: ['亿t'] },
  元: { dimension: 'money', exponent: 0, aliases: ['人民币元'] },
  千元: { dimension: 'money', exponent: 3, aliases: [] },
  万元: { dimension: 'money', exponent: 4, aliases: [] },
  亿元: { dimension: 'money', exponent: 8, aliases: [] },
  'm²': { dimension: 'area', exponent: 0, aliases: ['m2', '平方米', '平米'] },
  '万m²': { dimension: 'area', exponent: 4, aliases: ['万m2', '万平方米', '万平米'] },
  公顷: { dimension: 'area', exponent: 4, aliases: ['hm2', 'ha'] },
  'km²': { dimension: 'area', exponent: 6, aliases: ['km2', '平方公里', '平方千米'] },
  '亿m²': { dimension: 'area', exponent: 8, aliases: ['亿m2', '亿平方米', '亿平米'] },
  个: { dimension: 'count', exponent: 0, aliases: [] },
  座: { dimension: 'count', exponent: 0, aliases: [] },
  处: { dimension: 'count', exponent: 0, aliases: [] },
  家: { dimension: 'count', exponent: 0, aliases: [] },
  项: { dimension: 'count', exponent: 0, aliases: [] },
  台: { dimension: 'count', exponent: 0, aliases: [] },
  套: { dimension: 'count', exponent: 0, aliases: [] },
  条: { dimension: 'count', exponent: 0, aliases: [] },
  辆: { dimension: 'vehicle', exponent: 0, aliases: [] },
  万辆: { dimension: 'vehicle', exponent: 4, aliases: [] },
  人: { dimension: 'people', exponent: 0, aliases: ['名'] },
  万人: { dimension: 'people', exponent: 4, aliases: [] },
  人次: { dimension: 'visits', exponent: 0, aliases: [] },
  万人次: { dimension: 'visits', exponent: 4, aliases: [] },
  袋: { dimension: 'bag', exponent: 0, aliases: [] },
  万袋: { dimension: 'bag', exponent: 4, aliases: [] },
  亿袋: { dimension: 'bag', exponent: 8, aliases: [] },
  吨标准煤: { dimension: 'standard_coal', exponent: 0, aliases: ['吨标煤', 'tce'] },
  万吨标准煤: { dimension: 'standard_coal', exponent: 4, aliases: ['万吨标煤', '万tce'] },
  kW: { dimension: 'power', exponent: 0, aliases: ['kw', '千瓦'] },
  MW: { dimension: 'power', exponent: 3, aliases: ['mw', '兆瓦'] },
  万千瓦: { dimension: 'power', exponent: 4, aliases: ['万kw'] },
  GW: { dimension: 'power', exponent: 6, aliases: ['gw', '吉瓦', '百万千瓦'] },
  kWh: { dimension: 'electricity', exponent: 0, aliases: ['kwh', '千瓦时', '度'] },
  万千瓦时: { dimension: 'electricity', exponent: 4, aliases: ['万kwh', '万度'] },
  亿千瓦时: { dimension: 'electricity', exponent: 8, aliases: ['亿kwh', '亿度'] },
  '%': { dimension: 'percent', exponent: 0, aliases: ['百分比'] },
  '吨标准煤/万元': { dimension: 'energy_intensity', exponent: 0, aliases: ['吨标煤/万元', 'tce/万元'] },
};

/** Loose spelling → canonical unit, built once from the catalogue. */
const CANONICAL_BY_SPELLING: ReadonlyMap<string, string> = new Map(
  Object.entries(UNITS).flatMap(([canonical, unit]) =>
    [canonical, ...unit.aliases].map((spelling) => [looseKey(spelling), canonical] as const),
  ),
);

const PER_YEAR_SUFFIX = /\/(年|a|yr|year)$/;
const ENCLOSING_BRACKETS = /^[([【](.*)[)\]】]$/;

/** Spelling-insensitive key: full-width → half-width (NFKC), no whitespace, ASCII lower case. */
function looseKey(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

interface ResolvedUnit {
  canonical: string;
  dimension: UnitDimension;
  exponent: number;
}

/** Looks a loose spelling up, with an optional per-year suffix (/年, /a, /yr). */
function resolveUnit(raw: string): ResolvedUnit | undefined {
  let key = looseKey(raw);
  key = ENCLOSING_BRACKETS.exec(key)?.[1] ?? key;
  const perYear = PER_YEAR_SUFFIX.test(key);
  const canonical = CANONICAL_BY_SPELLING.get(perYear ? key.replace(PER_YEAR_SUFFIX, '') : key);
  const unit = canonical === undefined ? undefined : UNITS[canonical];
  if (canonical === undefined || unit === undefined) return undefined;
  if (!perYear) return { canonical, dimension: unit.dimension, exponent: unit.exponent };
  const { dimension } = unit;
  if (dimension === 'percent' || dimension === 'energy_intensity' || dimension === 'power') return undefined;
  return { canonical: `${canonical}/年`, dimension: `${dimension}_per_year`, exponent: unit.exponent };
}

/**
 * The canonical spelling of a unit typed loosely by a reporter ('万t', '万 吨', '（万吨）',
 * '㎡', '％', '亿平方米/年'), or undefined when it is not a unit we know. Classifiers keep their
 * own spelling (座 stays 座) because they name what is counted.
 */
export function normalizeUnit(raw: string): string | undefined {
  return resolveUnit(raw)?.canonical;
}

/** What a (loosely spelled) unit measures, or undefined for an unknown unit. */
export function unitDimension(unit: string): UnitDimension | undefined {
  return resolveUnit(unit)?.dimension;
}

/**
 * The unit of the same dimension 10^shift times as large as `unit` ('万吨', −4 → '吨';
 * '亿元', −4 → '万元'), or undefined when the catalogue has none (a classifier, a per-year unit).
 * Names the unit a figure was most likely typed in when it is 10^k off.
 */
export function unitScaledBy(unit: string, shift: number): string | undefined {
  const resolved = resolveUnit(unit);
  if (resolved === undefined || resolved.canonical.endsWith('/年')) return undefined;
  const wanted = resolved.exponent + shift;
  return Object.entries(UNITS).find(([, u]) => u.dimension === resolved.dimension && u.exponent === wanted)?.[0];
}

/** resolveUnit for conversions, where an unknown unit is an error the user must see. */
function resolveOrThrow(raw: string): ResolvedUnit {
  const unit = resolveUnit(raw);
  if (unit === undefined) throw new UnitConversionError('UNKNOWN_UNIT', `无法识别的单位"${raw.trim()}"`);
  return unit;
}

/**
 * Converts an exact value between two units of one dimension by a decimal shift, so no digit
 * is ever lost ("1580" 万吨 → "15800000" 吨 → "1580" 万吨). The result is canonical (plain
 * notation, no trailing zeros). All classifiers of `count` (个/座/处/家/项/台/套/条) are one
 * dimension with factor 1: they differ in the noun counted, never in scale.
 */
export function convertUnit(value: DecimalString, from: string, to: string): DecimalString {
  const source = resolveOrThrow(from);
  const target = resolveOrThrow(to);
  if (source.dimension !== target.dimension) {
    throw new UnitConversionError(
      'DIMENSION_MISMATCH',
      `单位"${from.trim()}"与"${to.trim()}"不属于同一量纲，无法换算`,
    );
  }
  return toDecimalString(toDecimal(value).times(`1e${source.exponent - target.exponent}`));
}
