/** Tables for the drill-down pages (server-rendered; status always as icon and text). */
import Link from 'next/link';
import { PROJECT_STAGE_LABELS, type GroupProgress, type IndicatorProgress, type Period, type ProjectView } from '@planwatch/shared';
import { formatDecimal, formatPercent, formatPeriodCn, formatPp, formatSignedPercent } from '@/lib/format';
import { indicatorHref, withPeriod } from '@/lib/period-link';
import { FlagMarks } from '../flags';
import { StatusBadge } from '../status-badge';
import styles from './tables.module.css';

/** `period`: the 监测期 the page shows; the indicator links open the indicator as of it. */
export function IndicatorTable({ indicators, regionCode, period }: { indicators: IndicatorProgress[]; regionCode?: string; period?: Period }) {
  if (indicators.length === 0) return <p className={styles.none}>暂无指标。</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>指标</th>
            <th className={styles.num}>本期值</th>
            <th className={styles.num}>年度目标</th>
            <th className={styles.num}>完成率</th>
            <th className={styles.num}>序时进度</th>
            <th className={styles.num}>序时差</th>
            <th>状态</th>
            <th className={styles.num}>年末预测</th>
            <th className={styles.num}>同比</th>
            <th>数据截至</th>
            <th>责任单位</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={`${i.code}-${i.regionCode}`} data-status={i.status}>
              <td>
                <Link href={indicatorHref(i.code, { region: regionCode, period })}>{i.name}</Link>
                <div className={styles.sub}>
                  {i.unit} · {i.kind === 'flow' ? '累计' : i.kind === 'stock' ? '时点' : '比率'}
                  {i.direction === 'lower_is_better' ? ' · 越低越好' : ''} <FlagMarks flags={i.flags} hideSample />
                </div>
              </td>
              <td className={styles.num} data-xlsx={i.value ?? undefined}>
                {formatDecimal(i.value)}
              </td>
              <td className={styles.num} data-xlsx={i.annualTarget ?? undefined}>
                {formatDecimal(i.annualTarget)}
              </td>
              <td className={styles.num}>
                {formatPercent(i.completionPct)}
                {i.likeForLike ? (
                  <div className={styles.sub} title={`${i.likeForLike.label}：已报乡镇对其目标份额的完成率`}>
                    同口径
                  </div>
                ) : null}
              </td>
              <td className={styles.num}>{formatPercent(i.timeProgressPct)}</td>
              <td className={styles.num}>{i.gapPp === null ? '—' : formatPp(i.gapPp).replace('个百分点', 'pp')}</td>
              <td>
                <StatusBadge status={i.status} size="sm" />
              </td>
              <td className={styles.num}>
                {i.projection ? (
                  <>
                    {formatDecimal(i.projection.value)}
                    {i.projection.shortfall ? <span className={styles.warn}> ▲不达标</span> : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className={styles.num}>{formatSignedPercent(i.yoyPct)}</td>
              <td className={styles.nowrap}>{formatPeriodCn(i.dataAsOf)}</td>
              <td className={styles.nowrap}>{i.departmentName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GroupTable({
  groups,
  linkBase,
  numbers,
  compact = false,
  period,
}: {
  groups: GroupProgress[];
  linkBase: '/chains' | '/regions';
  /** The 监测期 the page shows, carried into the links (none: the latest month). */
  period?: Period;
  /** The schematic map's marker numbers (code → number), shown before the name. */
  numbers?: ReadonlyMap<string, number>;
  /** Without the sentence and as-of columns (the panel shows 数据截至). */
  compact?: boolean;
}) {
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{linkBase === '/chains' ? '产业链' : '乡镇/园区'}</th>
            <th>状态</th>
            <th className={styles.num}>超序时</th>
            <th className={styles.num}>略滞后</th>
            <th className={styles.num}>严重滞后</th>
            {compact ? null : <th className={styles.num}>暂无数据</th>}
            <th className={styles.num}>综合分</th>
            {compact ? null : <th>概况</th>}
            {compact ? null : <th>数据截至</th>}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.code} data-status={g.status}>
              <td className={styles.nowrap}>
                {numbers?.has(g.code) ? <span className={styles.no}>{numbers.get(g.code)}</span> : null}
                <Link href={withPeriod(`${linkBase}/${g.code}`, period)}>{g.name}</Link> <FlagMarks flags={g.flags} hideSample />
              </td>
              <td>
                <StatusBadge status={g.status} size="sm" />
              </td>
              <td className={styles.num}>{g.statusCounts.green}</td>
              <td className={styles.num}>{g.statusCounts.yellow}</td>
              <td className={styles.num}>{g.statusCounts.red}</td>
              {compact ? null : <td className={styles.num}>{g.statusCounts.no_data}</td>}
              <td className={styles.num}>{g.composite === null ? '—' : Math.round(g.composite)}</td>
              {compact ? null : <td className={styles.sentence}>{g.sentence}</td>}
              {compact ? null : <td className={styles.nowrap}>{formatPeriodCn(g.dataAsOf)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProjectsTable({
  projects,
  hide = [],
  period,
}: {
  projects: ProjectView[];
  /** Columns the page already implies. */
  hide?: Array<'chain' | 'region'>;
  /** The 监测期 of the page the table is on, carried into the chain and region links. */
  period?: Period;
}) {
  const showChain = !hide.includes('chain');
  const showRegion = !hide.includes('region');
  if (projects.length === 0) return <p className={styles.none}>没有符合条件的重点项目。</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>项目</th>
            {showChain ? <th>产业链</th> : null}
            {showRegion ? <th>乡镇/园区</th> : null}
            <th>业主单位</th>
            <th className={styles.num}>总投资（万元）</th>
            <th className={styles.num}>年度计划（万元）</th>
            <th className={styles.num}>本年完成（万元）</th>
            <th className={styles.num}>完成率</th>
            <th>阶段</th>
            <th>计划开工</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.code} className={p.stalled ? styles.stalled : undefined}>
              <td className={styles.projectCell}>
                <Link href={`/projects/${p.code}`}>{p.name}</Link>
              </td>
              {showChain ? <td className={styles.nowrap}>{p.chainCode ? <Link href={withPeriod(`/chains/${p.chainCode}`, period)}>{p.chainName}</Link> : '跨产业链'}</td> : null}
              {showRegion ? (
                <td className={styles.nowrap}>
                  <Link href={withPeriod(`/regions/${p.regionCode}`, period)}>{p.regionName}</Link>
                </td>
              ) : null}
              <td className={styles.enterpriseCell}>{p.enterprise ?? '—'}</td>
              {/* The export keeps every reported digit (data-xlsx); the page rounds for reading. */}
              <td className={styles.num} data-xlsx={p.totalInvestment}>
                {formatDecimal(p.totalInvestment)}
              </td>
              <td className={styles.num} data-xlsx={p.annualPlanInvestment}>
                {formatDecimal(p.annualPlanInvestment)}
              </td>
              <td className={styles.num} data-xlsx={p.completedThisYear}>
                {formatDecimal(p.completedThisYear)}
              </td>
              <td className={styles.num}>{formatPercent(p.investmentCompletionPct)}</td>
              <td className={styles.nowrap}>{PROJECT_STAGE_LABELS[p.stage]}</td>
              <td className={styles.nowrap}>{formatPeriodCn(p.plannedStart)}</td>
              <td className={styles.stateCell}>
                {p.stalled ? (
                  <StatusBadge status="red" size="sm" label="停滞" />
                ) : p.startedOnTime === false ? (
                  <StatusBadge status="yellow" size="sm" label="未按期开工" />
                ) : (
                  <StatusBadge status="green" size="sm" label="正常" />
                )}
                {p.stalled && p.stalledReason ? <div className={styles.sub}>{p.stalledReason}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
