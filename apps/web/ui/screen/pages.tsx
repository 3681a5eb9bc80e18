'use client';
/** The wall screen's pages (the playlist): overview, chains, regions, projects. */
import { RANKING_GROUP_LABELS, RANKING_GROUPS, type IndicatorDetailResponse } from '@planwatch/shared';
import { dataAsOfText, formatDateTime, formatDecimal, formatPercent } from '@/lib/format';
import { StatusBadge } from '../status-badge';
import { mapNumbering } from '../charts/town-map.option';
import type { ScreenData } from './screen-data';
import {
  AlertTicker,
  ChainStatusChart,
  ChainsPanel,
  KpiCard,
  Mark,
  ProjectRows,
  ProjectsKpiCard,
  RegionKey,
  ScreenPanel,
  StatusLegend,
  TargetProgress,
  TownMap,
  TrendChart,
  groupStatusCounts,
  latest,
  orderProjects,
  type MapSource,
} from './panels';
import { OVERVIEW_MAP, REGIONS_MAP, trendDetail } from './screen-charts';
import type { ScreenFrames } from './screen-frames';
import styles from './screen.module.css';

export interface PageProps {
  data: ScreenData;
  pixelRatio: number;
  map: MapSource;
  /** The server-drawn first frames of the overview's charts. */
  frames: ScreenFrames;
}

function Empty({ children }: { children: string }) {
  return <div className={styles.empty}>{children}</div>;
}

export function OverviewPage({ data, pixelRatio, map, frames }: PageProps) {
  const overview = data.overview!;
  const trend = trendDetail(data);
  const headlineDetails = overview.headline.map((h) => data.details[h.code]).filter((d): d is IndicatorDetailResponse => !!d);
  const mapCaption = map.township ? '乡镇边界：已配置的乡镇GeoJSON' : '编号位置为示意，非行政边界';
  return (
    <div className={styles.overview}>
      <div className={styles.kpiRow} style={{ gridTemplateColumns: `repeat(${overview.headline.length + 1}, minmax(0, 1fr))` }}>
        {overview.headline.map((kpi) => (
          <KpiCard key={kpi.code} kpi={kpi} pixelRatio={pixelRatio} frame={frames.gauges[kpi.code]} />
        ))}
        <ProjectsKpiCard summary={overview.projects} />
      </div>
      <div className={styles.mainRow}>
        <ChainsPanel overview={overview} />
        <div className={styles.centerCol}>
          <ScreenPanel
            title="乡镇园区运行态势"
            asOf={dataAsOfText(latest(overview.regions.map((r) => r.dataAsOf)))}
            marks={map.township ? undefined : <Mark kind="incomplete">示意图</Mark>}
            className={styles.mapPanel}
            ready={!!data.plan}
          >
            <div className={styles.mapRow}>
              <div className={styles.mapBox}>
                {data.plan ? <TownMap plan={data.plan} regions={overview.regions} source={map} pixelRatio={pixelRatio} layout={OVERVIEW_MAP} frame={frames.map} /> : <Empty>规划区划加载中…</Empty>}
              </div>
              {data.plan && !map.township ? <RegionKey plan={data.plan} regions={overview.regions} /> : null}
            </div>
            <div className={styles.mapFoot}>
              <StatusLegend counts={groupStatusCounts(overview.regions)} />
              <span className={styles.mapCaption}>{mapCaption}</span>
            </div>
          </ScreenPanel>
          <ScreenPanel
            title="重点项目"
            asOf={dataAsOfText(overview.projects.dataAsOf)}
            marks={
              overview.projects.stalled > 0 ? (
                <StatusBadge status="red" size="inherit" label={`停滞 ${overview.projects.stalled} 个`} />
              ) : undefined
            }
            className={styles.projectsPanel}
            ready={!!data.projects}
          >
            {data.projects ? <ProjectRows projects={data.projects} limit={3} plan={data.plan} /> : <Empty>项目数据加载中…</Empty>}
          </ScreenPanel>
        </div>
        <div className={styles.rightCol}>
          <ScreenPanel
            title={trend ? `${trend.indicator.name}月度走势（${trend.indicator.unit}）` : '月度走势'}
            asOf={trend ? dataAsOfText(trend.indicator.dataAsOf) : undefined}
            className={styles.trendPanel}
            ready={!!trend}
          >
            <div className={styles.chartBox}>{trend ? <TrendChart detail={trend} pixelRatio={pixelRatio} frame={frames.trend} /> : <Empty>走势数据加载中…</Empty>}</div>
          </ScreenPanel>
          <ScreenPanel
            title="规划目标进度"
            asOf={dataAsOfText(latest(headlineDetails.map((d) => d.indicator.dataAsOf)))}
            marks={headlineDetails.some((d) => d.planProgress.some((g) => g.illustrative)) ? <Mark kind="illustrative">含示意目标</Mark> : undefined}
            className={styles.targetPanel}
            ready={headlineDetails.length > 0}
          >
            {headlineDetails.length > 0 ? <TargetProgress details={headlineDetails} /> : <Empty>目标数据加载中…</Empty>}
          </ScreenPanel>
        </div>
      </div>
    </div>
  );
}

export function ChainsPage({ data, pixelRatio }: PageProps) {
  const overview = data.overview!;
  const groups = [...overview.chains, ...overview.services];
  return (
    <div className={styles.chainsPage}>
      <ScreenPanel title="各产业链指标状态分布（项）" asOf={dataAsOfText(latest(groups.map((g) => g.dataAsOf)))} className={styles.fill}>
        <div className={styles.chartBox}>
          <ChainStatusChart groups={groups} pixelRatio={pixelRatio} />
        </div>
      </ScreenPanel>
      <div className={styles.chainCards}>
        {groups.map((g) => (
          <section key={g.code} className={`${styles.panel} ${styles.chainCard}`} data-status={g.status}>
            <header className={styles.chainCardHead}>
              <h3>{g.name}</h3>
              <StatusBadge status={g.status} size="inherit" />
            </header>
            <div className={styles.chainCardScore}>
              <strong className="num">{g.composite === null ? '—' : Math.round(g.composite)}</strong>
              <span>综合分</span>
              <span className={styles.chainCardCounts}>
                超序时 <b className="num">{g.statusCounts.green}</b> · 略滞后 <b className="num">{g.statusCounts.yellow}</b> · 严重滞后{' '}
                <b className="num">{g.statusCounts.red}</b>
              </span>
            </div>
            <p className={styles.chainCardSentence}>{g.sentence}</p>
            <footer className={styles.chainCardFoot}>
              {dataAsOfText(g.dataAsOf)}
              {g.flags.illustrativeTarget ? <Mark kind="illustrative">示意目标</Mark> : null}
              {g.flags.incomplete ? <Mark kind="incomplete">不完整</Mark> : null}
            </footer>
          </section>
        ))}
      </div>
    </div>
  );
}

export function RegionsPage({ data, pixelRatio, map }: PageProps) {
  const overview = data.overview!;
  const regions = overview.regions;
  const numbers = data.plan ? mapNumbering(data.plan.regions) : new Map<string, number>();
  return (
    <div className={styles.regionsPage}>
      <ScreenPanel
        title="乡镇园区运行态势"
        asOf={dataAsOfText(latest(regions.map((r) => r.dataAsOf)))}
        marks={map.township ? undefined : <Mark kind="incomplete">示意图</Mark>}
        className={styles.fill}
        ready={!!data.plan}
      >
        <div className={styles.mapBox}>
          {data.plan ? <TownMap plan={data.plan} regions={regions} source={map} pixelRatio={pixelRatio} layout={REGIONS_MAP} /> : <Empty>规划区划加载中…</Empty>}
        </div>
        <div className={styles.mapFoot}>
          <StatusLegend counts={groupStatusCounts(regions)} />
          <span className={styles.mapCaption}>{map.township ? '乡镇边界：已配置的乡镇GeoJSON' : '示意图：编号位置为示意，非行政边界；县界为长治县（2018年更名上党区）'}</span>
        </div>
      </ScreenPanel>
      <ScreenPanel title="各乡镇园区指标状态" asOf={dataAsOfText(latest(regions.map((r) => r.dataAsOf)))} className={styles.fill}>
        <table className={styles.regionTable}>
          <colgroup>
            <col style={{ width: '6%' }} />
            <col style={{ width: '43%' }} />
            <col style={{ width: '16%' }} />
            <col />
            <col />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>编号</th>
              <th>乡镇/园区</th>
              <th>状态</th>
              <th className={styles.right}>超序时</th>
              <th className={styles.right}>略滞后</th>
              <th className={styles.right}>严重滞后</th>
              <th className={styles.right}>综合分</th>
            </tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.code} data-status={r.status}>
                <td>
                  <span className={`${styles.keyNo} num`}>{numbers.get(r.code) ?? '—'}</span>
                </td>
                <td className={styles.wrapCell}>
                  <span className={styles.clamp2}>{r.name}</span>
                </td>
                <td>
                  <StatusBadge status={r.status} size="inherit" />
                </td>
                <td className={`${styles.right} num`}>{r.statusCounts.green}</td>
                <td className={`${styles.right} num`}>{r.statusCounts.yellow}</td>
                <td className={`${styles.right} num`}>{r.statusCounts.red}</td>
                <td className={`${styles.right} num`}>{r.composite === null ? '—' : Math.round(r.composite)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScreenPanel>
    </div>
  );
}

export function ProjectsPage({ data }: PageProps) {
  const summary = data.overview!.projects;
  const projects = data.projects ?? [];
  const stages = [
    ['planning', '谋划'],
    ['signed', '签约'],
    ['started', '开工'],
    ['completed', '投产/竣工'],
  ] as const;
  const maxStage = Math.max(1, ...stages.map(([s]) => summary.byStage[s]));
  const limit = 14;
  const stalled = orderProjects(projects).filter((p) => p.stalled);
  return (
    <div className={styles.projectsPage}>
      <ScreenPanel
        title="重点项目清单（停滞项目置顶）"
        asOf={dataAsOfText(summary.dataAsOf)}
        marks={projects.length > limit ? <span className={styles.asOf}>共 {projects.length} 个，显示前 {limit} 个</span> : undefined}
        className={styles.fill}
        ready={!!data.projects}
      >
        {data.projects ? <ProjectRows projects={projects} limit={limit} detailed plan={data.plan} /> : <Empty>项目数据加载中…</Empty>}
      </ScreenPanel>
      <div className={styles.projectSide}>
        <ScreenPanel title="年度投资完成" asOf={dataAsOfText(summary.dataAsOf)}>
          <div className={styles.bigStat}>
            <strong className="num">{formatPercent(summary.investmentCompletionPct)}</strong>
            <span>
              已完成 <b className="num">{formatDecimal(summary.completedInvestment, 0)}</b> / 计划 <b className="num">{formatDecimal(summary.annualPlanInvestment, 0)}</b> {summary.unit}
            </span>
          </div>
        </ScreenPanel>
        <ScreenPanel title="项目阶段分布" asOf={dataAsOfText(summary.dataAsOf)}>
          <ul className={styles.stageBars}>
            {stages.map(([stage, label]) => (
              <li key={stage}>
                <span>{label}</span>
                <span className={styles.bar}>
                  <span className={styles.barFill} data-status="info" style={{ width: `${(summary.byStage[stage] / maxStage) * 100}%` }} />
                </span>
                <b className="num">{summary.byStage[stage]}</b>
              </li>
            ))}
          </ul>
        </ScreenPanel>
        <ScreenPanel title="开工与停滞" asOf={dataAsOfText(summary.dataAsOf)}>
          <div className={styles.startStats}>
            <div>
              <strong className="num">{formatPercent(summary.startedOnTimePct)}</strong>
              <span>按期开工率（{summary.startedOnTime}/{summary.due}）</span>
            </div>
            <div>
              <strong className="num">{summary.stalled}</strong>
              <span>
                <StatusBadge status={summary.stalled > 0 ? 'red' : 'green'} size="inherit" label={summary.stalled > 0 ? '停滞项目' : '无停滞项目'} />
              </span>
            </div>
          </div>
          {stalled.length > 0 ? (
            <ul className={styles.stalledList}>
              {stalled.slice(0, 4).map((p) => (
                <li key={p.code}>
                  <span className={styles.clamp2}>{p.name}</span>
                  <small>{p.stalledReason ?? '无进展'}</small>
                </li>
              ))}
            </ul>
          ) : null}
        </ScreenPanel>
      </div>
    </div>
  );
}

/** 督办: what is open, overdue and closed this month, and the red ones by name (all the public may see). */
export function SupervisionPage({ data }: PageProps) {
  const summary = data.supervision;
  if (!summary) return <Empty>督办数据加载中…</Empty>;
  const limit = 10;
  const asOf = `截至 ${formatDateTime(summary.asOf)}`;
  return (
    <div className={styles.projectsPage} data-testid="screen-supervision">
      <ScreenPanel
        title="红色督办（已逾期）"
        asOf={asOf}
        marks={summary.red.length > limit ? <span className={styles.asOf}>共 {summary.red.length} 件，显示前 {limit} 件</span> : undefined}
        className={styles.fill}
      >
        {summary.red.length === 0 ? (
          <Empty>没有逾期的督办</Empty>
        ) : (
          <ul className={styles.stalledList}>
            {summary.red.slice(0, limit).map((r) => (
              <li key={`${r.title}|${r.departmentName}|${r.deadline}`}>
                <span className={styles.clamp2}>✖ {r.title}</span>
                <small>
                  承办：{r.departmentName} · 期限 {r.deadline}
                </small>
              </li>
            ))}
          </ul>
        )}
      </ScreenPanel>
      <div className={styles.projectSide}>
        <ScreenPanel title="督办情况" asOf={asOf}>
          <div className={styles.startStats} style={{ gridTemplateColumns: '1fr 1fr 1fr' }}>
            <div>
              <strong className="num">{summary.open}</strong>
              <span>在办</span>
            </div>
            <div>
              <strong className="num">{summary.overdue}</strong>
              <span>逾期</span>
            </div>
            <div>
              <strong className="num">{summary.closedThisMonth}</strong>
              <span>本月办结</span>
            </div>
          </div>
        </ScreenPanel>
        <RedBlackPanel ranking={data.ranking} />
      </div>
    </div>
  );
}

/** The last month's 红榜 and 黑榜 of towns and of departments, top and bottom three. */
function RedBlackPanel({ ranking }: { ranking: ScreenData['ranking'] }) {
  if (!ranking?.month) return null;
  const month = `${ranking.month.slice(0, 4)}年${Number(ranking.month.slice(5))}月`;
  return (
    <ScreenPanel title={`红黑榜 · ${month}`} asOf={month} className={styles.fill}>
      {RANKING_GROUPS.map((group) => (
        <div key={group} className={styles.redBlack}>
          <h3>{RANKING_GROUP_LABELS[group]}</h3>
          <ol data-list="red">
            {ranking.groups[group].red.map((e) => (
              <li key={e.code}>
                ★ {e.name} <b className="num">{e.score.toFixed(1)}</b>
              </li>
            ))}
          </ol>
          <ol data-list="black">
            {ranking.groups[group].black.map((e) => (
              <li key={e.code}>
                ▼ {e.name} <b className="num">{e.score.toFixed(1)}</b>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </ScreenPanel>
  );
}

export { AlertTicker };
