import type { Direction, ProgressStatus } from '../domain/types.js';
import { PROGRESS_STATUSES, PROGRESS_STATUS_LABELS } from '../domain/types.js';
import { formatNumber, formatPercent, formatPp, formatQuantity } from '../format/format.js';
import { likeForLikeLabel } from '../assessment/like-for-like.js';
import type { IndicatorEvaluation } from '../progress/progress.js';
import { toDecimal } from '../units/decimal.js';

export interface IndicatorSentenceInput {
  /** Indicator name as it should be read, e.g. 光伏玻璃产量. */
  name: string;
  unit?: string;
  evaluation: IndicatorEvaluation;
  /**
   * Names of the towns missing from a sum: the figure is then judged like for like on the
   * others (同口径（不含…）), or not at all when the evaluation is pending (待补报).
   */
  excludedRegions?: readonly string[];
}

/** Wording of a flow's gap to time progress: what a higher- or lower-is-better lead is called. */
const GAP_WORDS: Record<Direction, { ahead: string; behind: string }> = {
  higher_is_better: { ahead: '超过序时进度', behind: '落后序时进度' },
  lower_is_better: { ahead: '低于序时进度', behind: '高于序时进度' },
};

/** The gap clause, read from the same rounded number that is spoken, so "0.0" is never "落后". */
function gapClause(gap: number, direction: Direction): string {
  const spoken = formatPp(gap, 1, false);
  const rounded = Number(formatNumber(gap, 1));
  if (rounded === 0) return '与序时进度基本持平';
  return `${rounded > 0 ? GAP_WORDS[direction].ahead : GAP_WORDS[direction].behind}${spoken}`;
}

/**
 * One sentence a leader can read aloud about one indicator, e.g.
 * 光伏玻璃产量完成年度目标47.9%，落后序时进度2.1个百分点。 (flow),
 * 煤炭先进产能占比95%，高于计划值94.5%。 (stock/ratio against the plan path),
 * 新能源汽车产量本期暂无已审核数据。 (nothing approved),
 * 原煤产量同口径（不含西火镇）完成年度目标87.2%，超过序时进度3.9个百分点。 (towns missing, like for like),
 * 原煤产量已报乡镇累计2,070.7万吨，西火镇未报，待补报后评价。 (towns missing, no shares).
 */
export function indicatorSentence({ name: indicatorName, unit, evaluation, excludedRegions }: IndicatorSentenceInput): string {
  const { actual, target, completionPct, gapPp, direction } = evaluation;
  if (actual === null) return `${indicatorName}本期暂无已审核数据。`;
  const isFlow = evaluation.kind === 'flow';
  const actualText = `${isFlow ? '累计' : ''}${formatQuantity(actual, unit)}`;
  const missing = excludedRegions?.length ? excludedRegions.join('、') : null;
  if (evaluation.status === 'pending') {
    return `${indicatorName}已报乡镇${actualText}，${missing ? `${missing}未报` : '部分乡镇未报'}，待补报后评价。`;
  }
  const name = excludedRegions?.length ? `${indicatorName}${likeForLikeLabel(excludedRegions)}` : indicatorName;
  if (target === null) return `${name}${actualText}，暂无计划目标。`;
  const targetText = formatQuantity(target, unit);
  if (isFlow && completionPct !== null && gapPp !== null) {
    const completion =
      direction === 'higher_is_better'
        ? `完成年度目标${formatPercent(completionPct)}`
        : `累计达年度控制目标的${formatPercent(completionPct)}`;
    return `${name}${completion}，${gapClause(gapPp, direction)}。`;
  }
  if (isFlow) return `${name}${actualText}，年度目标${targetText}。`;
  const comparison = toDecimal(actual).comparedTo(toDecimal(target));
  const relation = comparison > 0 ? `高于计划值${targetText}` : comparison < 0 ? `低于计划值${targetText}` : '与计划值持平';
  return `${name}${actualText}，${relation}。`;
}

export interface ChainSentenceInput {
  /** Chain or town name as it should be read, e.g. 绿色煤炭产业链, 郝家庄镇. */
  name: string;
  /** From countStatuses. */
  counts: Record<ProgressStatus, number>;
  /** From compositeScore; null when nothing could be scored. */
  score: number | null;
}

/**
 * One sentence summing up a chain or town, e.g.
 * 绿色煤炭产业链8项指标中5项超序时、2项略滞后、1项严重滞后，综合得分96.3。
 * Empty statuses are left out; a single status reads 全部…; no score, no score clause.
 */
export function chainSentence({ name, counts, score }: ChainSentenceInput): string {
  const total = PROGRESS_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  if (total === 0) return `${name}暂无监测指标。`;
  const present = PROGRESS_STATUSES.filter((status) => counts[status] > 0);
  const [only] = present;
  const breakdown =
    present.length === 1 && only !== undefined
      ? `全部${PROGRESS_STATUS_LABELS[only]}`
      : `中${present.map((status) => `${counts[status]}项${PROGRESS_STATUS_LABELS[status]}`).join('、')}`;
  const scoreClause = score === null ? '' : `，综合得分${formatNumber(score, 1)}`;
  return `${name}${total}项指标${breakdown}${scoreClause}。`;
}
