import type { DecimalString } from '../domain/types.js';
import { Exact, toDecimalString } from '../units/decimal.js';
import type { AssessedIndicator } from './assessment.types.js';
import type { ResolvedValue } from './resolve-value.js';

/**
 * What a figure is judged on (DOMAIN.md): the whole region; like for like (同口径), the towns
 * that reported against their share of the target, when a sum of towns has towns missing; or
 * nothing (待补报) when the plan gives no shares that cover the reporting towns.
 */
export type JudgementBasis =
  | { judgement: 'whole' }
  | { judgement: 'like_for_like'; regions: string[]; excludedRegions: string[]; share: DecimalString }
  | { judgement: 'pending'; excludedRegions: string[] };

/**
 * The share of the district's target that `regions` answer for: the sum of their plan shares,
 * exactly. Null when any of them has no positive share, since their part of the target is then
 * unknown, and when there is no region at all.
 */
export function likeForLikeShare(shares: AssessedIndicator['shares'], regions: readonly string[]): DecimalString | null {
  if (shares === null || regions.length === 0) return null;
  let sum = new Exact(0);
  for (const region of regions) {
    const share = shares[region];
    if (share === undefined || !new Exact(share).gt(0)) return null;
    sum = sum.plus(share);
  }
  return toDecimalString(sum);
}

/** The basis on which `resolved` — the figure of `indicator` in some region — is judged. */
export function judgementBasis(
  indicator: Pick<AssessedIndicator, 'regionCodes' | 'shares'>,
  resolved: Pick<ResolvedValue, 'incomplete' | 'missingRegions'>,
): JudgementBasis {
  if (!resolved.incomplete) return { judgement: 'whole' };
  const excludedRegions = [...resolved.missingRegions];
  const regions = indicator.regionCodes.filter((code) => !excludedRegions.includes(code));
  const share = likeForLikeShare(indicator.shares, regions);
  return share === null ? { judgement: 'pending', excludedRegions } : { judgement: 'like_for_like', regions, excludedRegions, share };
}

/** `value` scaled to a share of it (the reporting towns' part of a district target). */
export function shareOf(value: DecimalString, share: DecimalString): DecimalString {
  return toDecimalString(new Exact(value).times(share));
}

/** 同口径（不含西火镇、南宋镇）: how a like-for-like figure is named wherever it is shown. */
export function likeForLikeLabel(excludedRegionNames: readonly string[]): string {
  return `同口径（不含${excludedRegionNames.join('、')}）`;
}
