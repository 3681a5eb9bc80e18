/** Headline KPI cards for the light drill-down pages. */
import Link from 'next/link';
import type { IndicatorProgress, OverviewResponse, Period } from '@planwatch/shared';
import { dataAsOfText, formatDecimal, formatPercent, formatPp, formatSignedPercent } from '@/lib/format';
import { indicatorHref } from '@/lib/period-link';
import { FlagMarks } from '../flags';
import { StatusBadge } from '../status-badge';
import styles from './kpi-cards.module.css';

/** `period`: the 监测期 the page shows; the card opens the indicator as of it. */
export function KpiCard({ kpi, period }: { kpi: IndicatorProgress; period?: Period }) {
  const fill = Math.min(100, Math.max(0, kpi.completionPct ?? 0));
  const time = Math.min(100, Math.max(0, kpi.timeProgressPct ?? 0));
  return (
    <Link href={indicatorHref(kpi.code, { period })} className={styles.card} data-status={kpi.status}>
      <div className={styles.head}>
        <span className={styles.name}>{kpi.name}</span>
        <StatusBadge status={kpi.status} size="sm" />
      </div>
      <div className={styles.value}>
        <strong className="num">{formatDecimal(kpi.value)}</strong> <span>{kpi.unit}</span>
      </div>
      <div className={styles.progress} role="img" aria-label={`${kpi.likeForLike?.label ?? ''}完成率${formatPercent(kpi.completionPct)}，序时进度${formatPercent(kpi.timeProgressPct)}`}>
        <span className={styles.fill} style={{ width: `${fill}%` }} />
        {kpi.timeProgressPct !== null ? <span className={styles.timeMark} style={{ left: `${time}%` }} title="序时进度" /> : null}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>年度目标</dt>
          <dd className="num">{formatQuantityShort(kpi.annualTarget, kpi.unit)}</dd>
        </div>
        {kpi.likeForLike ? (
          <div data-judgement="like_for_like">
            <dt>{kpi.likeForLike.label}目标</dt>
            <dd className="num">{formatQuantityShort(kpi.likeForLike.target, kpi.unit)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{kpi.likeForLike ? '同口径完成率 / 序时' : '完成率 / 序时'}</dt>
          <dd className="num">
            {formatPercent(kpi.completionPct)} / {formatPercent(kpi.timeProgressPct)}
          </dd>
        </div>
        <div>
          <dt>序时差</dt>
          <dd className="num">{formatPp(kpi.gapPp)}</dd>
        </div>
        <div>
          <dt>同比</dt>
          <dd className="num">{formatSignedPercent(kpi.yoyPct)}</dd>
        </div>
        {kpi.projection ? (
          <div>
            <dt>年末预测</dt>
            <dd className="num">
              {formatDecimal(kpi.projection.value)} {kpi.unit}（{formatPercent(kpi.projection.completionPct)}）{kpi.projection.shortfall ? ' ▲不达标' : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className={styles.sentence}>{kpi.sentence}</p>
      <div className={styles.foot}>
        <span>{dataAsOfText(kpi.dataAsOf)}</span>
        <FlagMarks flags={kpi.flags} />
      </div>
    </Link>
  );
}

function formatQuantityShort(value: string | null, unit: string): string {
  const text = formatDecimal(value);
  return text === '—' ? text : `${text} ${unit}`;
}

export function ProjectsCard({ summary }: { summary: OverviewResponse['projects'] }) {
  const started = summary.byStage.started + summary.byStage.completed;
  return (
    <Link href="/projects" className={styles.card} data-status={summary.stalled > 0 ? 'red' : 'green'}>
      <div className={styles.head}>
        <span className={styles.name}>重点项目</span>
        {summary.stalled > 0 ? <StatusBadge status="red" size="sm" label={`停滞 ${summary.stalled} 个`} /> : <StatusBadge status="green" size="sm" label="无停滞" />}
      </div>
      <div className={styles.value}>
        <strong className="num">{started}</strong> <span>/ {summary.total} 个已开工</span>
      </div>
      <div className={styles.progress} role="img" aria-label={`投资完成率${formatPercent(summary.investmentCompletionPct)}`}>
        <span className={styles.fill} style={{ width: `${Math.min(100, Math.max(0, summary.investmentCompletionPct ?? 0))}%` }} />
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>年度投资完成</dt>
          <dd className="num">
            {formatDecimal(summary.completedInvestment, 0)} / {formatDecimal(summary.annualPlanInvestment, 0)} 万元
          </dd>
        </div>
        <div>
          <dt>投资完成率</dt>
          <dd className="num">{formatPercent(summary.investmentCompletionPct)}</dd>
        </div>
        <div>
          <dt>按期开工</dt>
          <dd className="num">
            {summary.startedOnTime}/{summary.due}（{formatPercent(summary.startedOnTimePct)}）
          </dd>
        </div>
      </dl>
      <div className={styles.foot}>
        <span>{dataAsOfText(summary.dataAsOf)}</span>
        {summary.sample ? <FlagMarks flags={{ sample: true, illustrativeTarget: false, incomplete: false, provisional: false }} /> : null}
      </div>
    </Link>
  );
}
