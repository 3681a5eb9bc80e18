'use client';
/**
 * Client-side chart blocks for the drill-down pages: the server passes plain contract data,
 * the options (with their formatters) are built here.
 */
import { useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { GroupProgress, IndicatorDetailResponse, Period, PlanResponse, ProjectDetailResponse, PublishedFigureView } from '@planwatch/shared';
import { EChart } from '../charts/echart';
import { chainStatusOption } from '../charts/chain-status.option';
import { indicatorTrendOption, type TrendMode } from '../charts/indicator-trend.option';
import { planTrajectoryOption } from '../charts/plan-trajectory.option';
import { projectProgressOption } from '../charts/project-progress.option';
import { townMapOption, type RegionStatus } from '../charts/town-map.option';
import { useWidth } from '../charts/use-width';
import type { ChartMap, GeoFeatureCollection } from '../charts/types';
import { withPeriod } from '@/lib/period-link';
import { shortRegionName } from '@/lib/plan';
import styles from './charts.module.css';

/** `period`: the 监测期 the page shows, carried into the page a click opens. */
export function ChainStatusChart({ groups, linkBase, period }: { groups: GroupProgress[]; linkBase: '/chains' | '/regions'; period?: Period }) {
  const router = useRouter();
  const [box, width] = useWidth<HTMLDivElement>();
  const option = useMemo(() => chainStatusOption({ groups, theme: 'light', width }), [groups, width]);
  const height = Math.max(220, groups.length * 34 + 60);
  return (
    <div ref={box} style={{ height }}>
      <EChart
        option={option}
        ariaLabel="各组指标状态分布"
        exportName="指标状态分布"
        onClick={(p) => {
          const group = groups.find((g) => g.name === p.name);
          if (group) router.push(withPeriod(`${linkBase}/${group.code}`, period));
        }}
      />
    </div>
  );
}

export function IndicatorTrend({ detail }: { detail: IndicatorDetailResponse }) {
  const isFlow = detail.indicator.kind === 'flow';
  const [mode, setMode] = useState<TrendMode>('month');
  const [box, width] = useWidth<HTMLDivElement>();
  const option = useMemo(() => indicatorTrendOption({ detail, mode, theme: 'light', width }), [detail, mode, width]);
  return (
    <div className={styles.block}>
      {isFlow ? (
        <div className={styles.toggle} role="group" aria-label="口径">
          <button type="button" aria-pressed={mode === 'month'} onClick={() => setMode('month')}>
            当月
          </button>
          <button type="button" aria-pressed={mode === 'ytd'} onClick={() => setMode('ytd')}>
            累计
          </button>
        </div>
      ) : null}
      <div ref={box} className={styles.chart}>
        <EChart option={option} ariaLabel={`${detail.indicator.name}年度走势`} exportName={`${detail.indicator.name}-${mode === 'month' ? '当月' : '累计'}`} />
      </div>
    </div>
  );
}

export function PlanTrajectory({ detail, published }: { detail: IndicatorDetailResponse; published: PublishedFigureView[] }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const option = useMemo(() => planTrajectoryOption({ detail, published, theme: 'light', width }), [detail, published, width]);
  return (
    <div ref={box} className={styles.chart}>
      <EChart option={option} ariaLabel={`${detail.indicator.name}规划轨迹`} exportName={`${detail.indicator.name}-规划轨迹`} />
    </div>
  );
}

export function ProjectProgress({ project }: { project: ProjectDetailResponse }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const option = useMemo(() => projectProgressOption({ project, theme: 'light', width }), [project, width]);
  return (
    <div ref={box} className={styles.chart}>
      <EChart option={option} ariaLabel={`${project.name}投资进度`} exportName={`${project.name}-投资进度`} />
    </div>
  );
}

export function RegionMap({
  plan,
  regions,
  outline,
  height = 420,
  period,
}: {
  plan: Pick<PlanResponse, 'regions'>;
  regions: GroupProgress[];
  outline: GeoFeatureCollection | null;
  height?: number;
  /** The 监测期 the page shows, carried into the town page a click opens. */
  period?: Period;
}) {
  const router = useRouter();
  const statuses = useMemo(() => new Map<string, RegionStatus>(regions.map((r) => [r.code, { status: r.status, composite: r.composite }])), [regions]);
  const shortRegions = useMemo(() => plan.regions.map((r) => ({ ...r, name: shortRegionName(r) })), [plan.regions]);
  const maps = useMemo<ChartMap[]>(() => (outline ? [{ name: 'pw-shangdang-outline', geoJSON: outline }] : []), [outline]);
  const [box, width] = useWidth<HTMLDivElement>();
  const option = useMemo(
    () => townMapOption({ regions: shortRegions, statuses, theme: 'light', outlineMap: 'pw-shangdang-outline', outline, fontSize: 14, minSeparation: 0.075, caption: false, width }),
    [shortRegions, statuses, outline, width],
  );
  return (
    <div ref={box} style={{ height }}>
      <EChart
        option={option}
        maps={maps}
        ariaLabel="乡镇园区状态示意图"
        exportName="乡镇园区状态示意图"
        onClick={(p) => {
          const code = (p.data as { code?: string } | undefined)?.code;
          if (code) router.push(withPeriod(`/regions/${code}`, period));
        }}
      />
    </div>
  );
}
