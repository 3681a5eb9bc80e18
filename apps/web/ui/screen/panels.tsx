'use client';
/** Wall-screen panels. Plain data in, no fetching; charts are memoised so refreshes update in place. */
import { useMemo, type ReactNode } from 'react';
import type { GroupProgress, IndicatorDetailResponse, IndicatorProgress, OverviewResponse, PlanResponse, ProjectView, ProgressStatus } from '@planwatch/shared';
import { countStatuses, PROJECT_STAGE_LABELS } from '@planwatch/shared';
import { dataAsOfText, formatDecimal, formatPercent, formatPp, formatSignedPercent } from '@/lib/format';
import { shortRegionName } from '@/lib/plan';
import { EChart } from '../charts/echart';
import { mapNumbering } from '../charts/town-map.option';
import { chainStatusOption } from '../charts/chain-status.option';
import type { ScreenAlert } from './screen-data';
import { gaugeInput, screenGaugeOption, screenTownMapOption, screenTrendOption, townMapMaps, type MapSource, type TownMapLayout } from './screen-charts';
import { StatusBadge, StatusIcon } from '../status-badge';
import { STATUS_ORDER, statusLabel, trackLabel } from '../status';
import styles from './screen.module.css';

/**
 * A titled panel. `data-panel` names it and `data-ready` says it shows data (its 数据截至 is
 * known and its content is not a loading placeholder): browser tests and the benchmark wait
 * for every panel to be ready.
 */
export function ScreenPanel({
  title,
  asOf,
  marks,
  children,
  className,
  ready = true,
}: {
  title: ReactNode;
  asOf?: string;
  marks?: ReactNode;
  children: ReactNode;
  className?: string;
  /** false while the content is a placeholder. */
  ready?: boolean;
}) {
  return (
    <section className={`${styles.panel} ${className ?? ''}`} data-panel={typeof title === 'string' ? title : 'panel'} data-ready={ready && !!asOf ? 'true' : 'false'}>
      <header className={styles.panelHead}>
        <h2>{title}</h2>
        <div className={styles.panelMeta}>
          {marks}
          {asOf ? <span className={styles.asOf}>{asOf}</span> : null}
        </div>
      </header>
      <div className={styles.panelBody}>{children}</div>
    </section>
  );
}

export function Mark({ kind, children }: { kind: 'sample' | 'illustrative' | 'incomplete'; children: ReactNode }) {
  return <span className={`${styles.mark} ${styles[`mark_${kind}`]}`}>{children}</span>;
}

// ── headline KPIs ────────────────────────────────────────────────────────────────────────

/** The Element Timing API reports when headline figures first paint (bench:web's screen_first_numbers_ms); React's types lack the attribute. */
const HEADLINE_TIMING = { elementtiming: 'screen-headline' };

export function KpiCard({ kpi, pixelRatio, frame }: { kpi: IndicatorProgress; pixelRatio: number; frame?: string | null }) {
  const [completionPct, timeProgressPct, status] = gaugeInput(kpi);
  const option = useMemo(() => screenGaugeOption([completionPct, timeProgressPct, status]), [completionPct, timeProgressPct, status]);
  return (
    <section className={`${styles.panel} ${styles.kpi}`} data-status={kpi.status} data-panel={`kpi-${kpi.code}`} data-ready="true">
      <header className={styles.kpiHead}>
        <h2>{kpi.name}</h2>
        <div className={styles.panelMeta}>
          {kpi.flags.incomplete ? <Mark kind="incomplete">{kpi.likeForLike?.label ?? '部分乡镇缺报'}</Mark> : null}
          {kpi.flags.illustrativeTarget ? <Mark kind="illustrative">示意目标</Mark> : null}
        </div>
      </header>
      <div className={styles.kpiBody}>
        <div className={styles.kpiGauge}>
          <EChart
            option={option}
            pixelRatio={pixelRatio}
            frame={frame}
            ariaLabel={`${kpi.name}${kpi.likeForLike?.label ?? ''}年度完成率${formatPercent(kpi.completionPct)}，序时进度${formatPercent(kpi.timeProgressPct)}`}
          />
          <span className={styles.kpiGaugeCaption}>{kpi.likeForLike ? '同口径完成率' : '完成率'}</span>
        </div>
        <div className={styles.kpiFigures}>
          <div className={styles.kpiValue}>
            <strong className="num" {...HEADLINE_TIMING}>
              {formatDecimal(kpi.value)}
            </strong>
            <span>{kpi.unit}</span>
          </div>
          <div className={styles.kpiLine}>
            {/* Shorter beside the like-for-like target, so both fit the card's line. */}
            {kpi.likeForLike ? '目标' : '年度目标'} <b className="num">{formatDecimal(kpi.annualTarget)}</b>
            {kpi.likeForLike ? (
              <span data-judgement="like_for_like" title={`${kpi.likeForLike.label}目标`}>
                {' '}
                · 同口径 <b className="num">{formatDecimal(kpi.likeForLike.target)}</b>
              </span>
            ) : null}{' '}
            {kpi.unit}
          </div>
          {kpi.judgement === 'pending' ? (
            <div className={styles.kpiLine} data-judgement="pending">
              {kpi.sentence}
            </div>
          ) : null}
          <div className={styles.kpiLine}>
            序时进度 <b className="num">{formatPercent(kpi.timeProgressPct)}</b>
            {kpi.yoyPct !== null ? (
              <>
                <span className={styles.sep}>｜</span>同比 <b className="num">{formatSignedPercent(kpi.yoyPct)}</b>
              </>
            ) : null}
          </div>
          <div className={styles.kpiStatus}>
            <StatusBadge status={kpi.status} size="inherit" />
            {kpi.gapPp !== null ? <span className="num">{formatPp(kpi.gapPp)}</span> : null}
          </div>
        </div>
      </div>
      <footer className={styles.kpiFoot}>{dataAsOfText(kpi.dataAsOf)}</footer>
    </section>
  );
}

export function ProjectsKpiCard({ summary }: { summary: OverviewResponse['projects'] }) {
  const started = summary.byStage.started + summary.byStage.completed;
  return (
    <section className={`${styles.panel} ${styles.kpi}`} data-panel="kpi-projects" data-ready="true">
      <header className={styles.kpiHead}>
        <h2>重点项目开工</h2>
      </header>
      <div className={styles.kpiBody}>
        <div className={styles.kpiBig}>
          <strong className="num">{started}</strong>
          <span>/ {summary.total} 个已开工</span>
        </div>
        <div className={styles.kpiFigures}>
          <div className={styles.kpiLine}>
            应开工 <b className="num">{summary.due}</b> 个，按期开工 <b className="num">{summary.startedOnTime}</b> 个
          </div>
          <div className={styles.kpiLine}>
            按期开工率 <b className="num">{formatPercent(summary.startedOnTimePct)}</b>
          </div>
          <div className={styles.kpiStatus}>
            {summary.stalled > 0 ? (
              <StatusBadge status="red" size="inherit" label={`停滞项目 ${summary.stalled} 个`} />
            ) : (
              <StatusBadge status="green" size="inherit" label="无停滞项目" />
            )}
          </div>
        </div>
      </div>
      <footer className={styles.kpiFoot}>{dataAsOfText(summary.dataAsOf)}</footer>
    </section>
  );
}

// ── chains and services ──────────────────────────────────────────────────────────────────

function CountsBar({ counts }: { counts: GroupProgress['statusCounts'] }) {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  return (
    <span className={styles.counts} aria-label={STATUS_ORDER.map((s) => `${statusLabel(s)}${counts[s]}项`).join('，')}>
      {STATUS_ORDER.map((s) =>
        counts[s] > 0 ? (
          <span key={s} className={`${styles.countSeg} ${styles[`seg_${s}`]}`} style={{ flexGrow: counts[s] / Math.max(1, total) }}>
            <StatusIcon status={s} size="0.8em" />
            <span className="num">{counts[s]}</span>
          </span>
        ) : null,
      )}
    </span>
  );
}

function GroupRow({ group, href }: { group: GroupProgress; href?: string }) {
  return (
    <li className={styles.groupRow} data-status={group.status}>
      <span className={styles.groupName}>{href ? <a href={href}>{group.name}</a> : group.name}</span>
      <StatusBadge status={group.status} size="inherit" />
      <CountsBar counts={group.statusCounts} />
      <span className={`${styles.composite} num`} title="综合得分：各指标完成率相对序时进度的加权平均（100 = 正好符合序时）">
        {group.composite === null ? '—' : Math.round(group.composite)}
      </span>
    </li>
  );
}

export function ChainsPanel({ overview }: { overview: OverviewResponse }) {
  const asOf = latest([...overview.chains, ...overview.services].map((g) => g.dataAsOf));
  return (
    <ScreenPanel title="六大产业链与服务业" asOf={dataAsOfText(asOf)} className={styles.chainsPanel}>
      <div className={styles.groupHeadRow}>
        <span>产业链</span>
        <span>状态</span>
        <span>指标分布</span>
        <span>综合分</span>
      </div>
      <ul className={styles.groupList}>
        {overview.chains.map((g) => (
          <GroupRow key={g.code} group={g} />
        ))}
      </ul>
      {overview.services.length > 0 ? (
        <>
          <div className={styles.groupSub}>服务业与农业</div>
          <ul className={styles.groupList}>
            {overview.services.map((g) => (
              <GroupRow key={g.code} group={g} />
            ))}
          </ul>
        </>
      ) : null}
    </ScreenPanel>
  );
}

export function latest(periods: ReadonlyArray<string | null>): OverviewResponse['period'] | null {
  const list = periods.filter((p): p is string => !!p).sort();
  return (list.at(-1) as OverviewResponse['period'] | undefined) ?? null;
}

// ── map ──────────────────────────────────────────────────────────────────────────────────

export type { MapSource } from './screen-charts';

export function TownMap({
  plan,
  regions,
  source,
  pixelRatio,
  layout,
  frame,
}: {
  plan: PlanResponse;
  regions: readonly GroupProgress[];
  source: MapSource;
  pixelRatio: number;
  layout: TownMapLayout;
  frame?: string | null;
}) {
  const maps = useMemo(() => townMapMaps(source), [source]);
  const option = useMemo(() => screenTownMapOption(plan, regions, source, layout), [plan, regions, source, layout]);
  return <EChart option={option} maps={maps} pixelRatio={pixelRatio} frame={frame} ariaLabel="各乡镇、园区运行状态示意图" />;
}

/** The list beside the schematic: each marker's number, the place and its status in words. */
export function RegionKey({ plan, regions }: { plan: PlanResponse; regions: readonly GroupProgress[] }) {
  const numbers = mapNumbering(plan.regions);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const rows = plan.regions.filter((r) => numbers.has(r.code));
  return (
    <ol className={styles.regionKey}>
      {rows.map((r) => {
        const status = byCode.get(r.code)?.status ?? 'no_data';
        return (
          <li key={r.code} data-status={status}>
            <span className={`${styles.keyNo} num`}>{numbers.get(r.code)}</span>
            <span className={styles.keyName}>{shortRegionName(r)}</span>
            <StatusBadge status={status} size="inherit" />
          </li>
        );
      })}
    </ol>
  );
}

export function StatusLegend({ counts }: { counts?: Record<ProgressStatus, number> }) {
  return (
    <ul className={styles.legend}>
      {STATUS_ORDER.map((s) => (
        <li key={s}>
          <StatusBadge status={s} size="inherit" />
          {counts ? <span className="num">{counts[s]}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function groupStatusCounts(groups: readonly GroupProgress[]): Record<ProgressStatus, number> {
  return countStatuses(groups.map((g) => g.status));
}

// ── trend ────────────────────────────────────────────────────────────────────────────────

export function TrendChart({ detail, pixelRatio, frame }: { detail: IndicatorDetailResponse; pixelRatio: number; frame?: string | null }) {
  const option = useMemo(() => screenTrendOption(detail), [detail]);
  return <EChart option={option} pixelRatio={pixelRatio} frame={frame} ariaLabel={`${detail.indicator.name}月度走势与上年同期对比`} />;
}

export function ChainStatusChart({ groups, pixelRatio }: { groups: readonly GroupProgress[]; pixelRatio: number }) {
  const option = useMemo(() => chainStatusOption({ groups, theme: 'dark', fontSize: 19 }), [groups]);
  return <EChart option={option} pixelRatio={pixelRatio} ariaLabel="各产业链指标状态分布" />;
}

// ── plan targets ─────────────────────────────────────────────────────────────────────────

export function TargetProgress({ details }: { details: readonly IndicatorDetailResponse[] }) {
  return (
    <div className={styles.targets}>
      {details.map((d) => (
        <div key={d.indicator.code} className={`${styles.targetRow} ${d.planProgress.length === 1 ? styles.targetRowSingle : ''}`}>
          <div className={styles.targetName}>{d.indicator.name}</div>
          {d.planProgress.length === 0 ? <div className={styles.targetNone}>暂无规划目标</div> : null}
          {d.planProgress.map((g) => {
            const pct = g.attainmentPct;
            const fill = pct === null ? 0 : Math.min(100, Math.max(0, pct));
            const onTrack: ProgressStatus = g.onTrack === null ? 'no_data' : g.onTrack ? 'green' : 'yellow';
            return (
              <div key={g.targetYear} className={styles.targetCell}>
                <div className={styles.targetLabel}>
                  <span>
                    {g.targetYear}年目标 <b className="num">{formatDecimal(g.target)}</b>
                    {d.indicator.unit}
                  </span>
                  {g.illustrative ? <Mark kind="illustrative">示意</Mark> : null}
                </div>
                <div className={styles.bar} role="img" aria-label={`${g.targetYear}年目标达成${formatPercent(pct)}`}>
                  <span className={styles.barFill} data-status={onTrack} style={{ width: `${fill}%` }} />
                </div>
                <div className={styles.targetFoot}>
                  <span>
                    达成 <b className="num">{formatPercent(pct)}</b>
                  </span>
                  <StatusBadge status={onTrack} size="inherit" label={trackLabel(g.onTrack, d.indicator.direction)} />
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

// ── projects ─────────────────────────────────────────────────────────────────────────────

/** Stalled first, then by this year's planned investment (largest first). */
export function orderProjects(projects: readonly ProjectView[]): ProjectView[] {
  return [...projects].sort((a, b) => Number(b.stalled) - Number(a.stalled) || Number(b.annualPlanInvestment) - Number(a.annualPlanInvestment));
}

export function ProjectRows({
  projects,
  limit,
  detailed = false,
  plan,
}: {
  projects: readonly ProjectView[];
  limit: number;
  detailed?: boolean;
  /** For short region names (上党经开区 rather than 上党经济技术开发区). */
  plan?: PlanResponse | null;
}) {
  const rows = orderProjects(projects).slice(0, limit);
  const regions = new Map((plan?.regions ?? []).map((r) => [r.code, r]));
  const regionText = (p: ProjectView) => shortRegionName(regions.get(p.regionCode) ?? { name: p.regionName, aliases: [] });
  return (
    <table className={`${styles.projects} ${detailed ? styles.projectsDetailed : ''}`}>
      <colgroup>
        <col className={styles.colName} />
        <col className={styles.colRegion} />
        {detailed ? <col className={styles.colEnterprise} /> : null}
        {detailed ? <col className={styles.colStage} /> : null}
        <col className={styles.colPct} />
        <col className={styles.colState} />
      </colgroup>
      <thead>
        <tr>
          <th>项目</th>
          <th>乡镇/园区</th>
          {detailed ? <th>业主单位</th> : null}
          {detailed ? <th>阶段</th> : null}
          <th className={styles.right}>投资完成</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.code} className={p.stalled ? styles.stalledRow : undefined}>
            <td className={styles.wrapCell}>
              <span className={`${styles.clamp2} ${styles.projectName}`}>{p.name}</span>
            </td>
            <td className={styles.wrapCell}>
              <span className={styles.clamp2}>{regionText(p)}</span>
            </td>
            {detailed ? (
              <td className={styles.wrapCell}>
                <span className={styles.clamp2}>{p.enterprise ?? '—'}</span>
              </td>
            ) : null}
            {detailed ? <td>{PROJECT_STAGE_LABELS[p.stage]}</td> : null}
            <td className={`${styles.right} num`}>{formatPercent(p.investmentCompletionPct)}</td>
            <td>
              {p.stalled ? (
                <StatusBadge status="red" size="inherit" label="停滞" />
              ) : p.startedOnTime === false ? (
                <StatusBadge status="yellow" size="inherit" label="未按期" />
              ) : (
                <StatusBadge status="green" size="inherit" label="正常" />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ── alerts ticker ────────────────────────────────────────────────────────────────────────

export function AlertTicker({ alerts }: { alerts: readonly ScreenAlert[] | null }) {
  const items = alerts ?? [];
  const key = items.map((a) => a.title).join('|');
  const duration = Math.max(30, items.reduce((n, a) => n + a.title.length, 0) * 0.35);
  return (
    <div className={styles.ticker}>
      <div className={styles.tickerLabel}>
        预警
        {items.length > 0 ? <span className={`${styles.tickerCount} num`}>{items.length}</span> : null}
      </div>
      <div className={styles.tickerTrack}>
        {alerts === null ? (
          <span className={styles.tickerQuiet}>预警服务暂未接入</span>
        ) : items.length === 0 ? (
          <span className={styles.tickerQuiet}>
            <StatusBadge status="green" size="inherit" label="当前无触发中的预警" />
          </span>
        ) : (
          <div key={key} className={styles.tickerMove} style={{ animationDuration: `${duration}s` }}>
            {[0, 1].map((copy) => (
              <span key={copy} className={styles.tickerCopy} aria-hidden={copy === 1}>
                {items.map((a, index) => (
                  <span key={`${copy}-${index}`} className={styles.tickerItem}>
                    <StatusBadge status={a.severity === 'red' ? 'red' : 'yellow'} size="inherit" label={a.severity === 'red' ? '红色预警' : '黄色预警'} />
                    <span>{a.title}</span>
                  </span>
                ))}
              </span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
