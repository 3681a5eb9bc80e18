/** Marks on figures: 示例数据 (sample data), 已公布 (published by a source), 示意目标 / 示意 (illustrative), 不完整, 待审核. */
import type { FigureFlags } from '@planwatch/shared';
import styles from './flags.module.css';

export function SampleBadge({ prominent = false }: { prominent?: boolean }) {
  return (
    <span className={`${styles.mark} ${styles.sample} ${prominent ? styles.prominent : ''}`} title="这些数字是生成的示例数据，不是实际填报数据">
      示例数据
    </span>
  );
}

/** 示意: not from the sources (a target by default; say what else with `label` and `title`). */
export function IllustrativeBadge({ label = '示意目标', title = '目标值为示意，并非规划原文给出的官方目标' }: { label?: string; title?: string }) {
  return (
    <span className={`${styles.mark} ${styles.illustrative}`} title={title}>
      {label}
    </span>
  );
}

/** 已公布: a figure a source document states as an actual, not sample data (据来源 for a fact it states). */
export function PublishedBadge({ label = '已公布', title = '来源文件公布的实际数，不是示例数据' }: { label?: string; title?: string }) {
  return (
    <span className={`${styles.mark} ${styles.published}`} title={title}>
      {label}
    </span>
  );
}

/**
 * Every flag that is set, as small marks. `hideSample` in tables whose page already carries a
 * prominent 示例数据 mark, so rows are not drowned in the same badge.
 */
export function FlagMarks({ flags, hideSample = false, missing = [] }: { flags: FigureFlags; hideSample?: boolean; missing?: readonly string[] }) {
  return (
    <>
      {flags.sample && !hideSample ? <SampleBadge /> : null}
      {flags.illustrativeTarget ? <IllustrativeBadge /> : null}
      {flags.incomplete ? (
        <span className={`${styles.mark} ${styles.incomplete}`} title={`${missing.length > 0 ? `缺${missing.join('、')}的数据` : '部分乡镇数据缺失'}，合计不完整`}>
          {missing.length > 0 ? `不完整（缺${missing.join('、')}）` : '不完整'}
        </span>
      ) : null}
      {flags.provisional ? (
        <span className={`${styles.mark} ${styles.provisional}`} title="含尚未审核通过的数据">
          待审核
        </span>
      ) : null}
    </>
  );
}
