'use client';
/**
 * The wall screen (大屏): a 1920×1080 stage scaled to any viewport, refreshing itself, rotating
 * through its pages, and telling the room when its data is stale.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatPeriodCn } from '@/lib/format';
import { minutesBetween, staleText } from '@/lib/staleness';
import type { GeoFeatureCollection } from '../charts/types';
import { SCREEN_PAGE_TITLES, type ScreenConfig, type ScreenPageId } from './config';
import { useRotation, useScreenData, useStageScale } from './hooks';
import { useNow } from '../refresh';
import { AlertTicker, ChainsPage, OverviewPage, ProjectsPage, RegionsPage, SupervisionPage, type PageProps } from './pages';
import { Mark } from './panels';
import type { ScreenData } from './screen-data';
import type { ScreenFrames } from './screen-frames';
import styles from './screen.module.css';

const PAGES: Record<ScreenPageId, (props: PageProps) => React.ReactElement> = {
  overview: OverviewPage,
  chains: ChainsPage,
  regions: RegionsPage,
  projects: ProjectsPage,
  supervision: SupervisionPage,
};

export interface ScreenAppProps {
  initial: ScreenData;
  initialOk: boolean;
  config: ScreenConfig;
  outline: GeoFeatureCollection | null;
  townshipUrl: string | null;
  /** The overview's charts drawn by the server from `initial` (screen-frames.ts). */
  frames: ScreenFrames;
}

function useTownship(url: string | null): GeoFeatureCollection | null {
  const [geo, setGeo] = useState<GeoFeatureCollection | null>(null);
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((json: GeoFeatureCollection) => {
        if (json && json.type === 'FeatureCollection' && Array.isArray(json.features)) setGeo(json);
      })
      .catch(() => undefined); // stays on the schematic
    return () => controller.abort();
  }, [url]);
  return geo;
}

function timeText(ms: number): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(ms));
}

function Clock({ now }: { now: number | null }) {
  if (now === null) return <span className={styles.clock} />;
  const d = new Date(now);
  const text = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
  return <span className={`${styles.clock} num`}>{text}</span>;
}

export function ScreenApp({ initial, initialOk, config, outline, townshipUrl, frames }: ScreenAppProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const pixelRatio = useStageScale(stageRef);
  const { data, lastOkAt, stale, generation } = useScreenData(initial, initialOk, config.refreshSec);
  const active = useRotation(config.pages.length, config.intervalSec);
  const now = useNow(30_000);
  const township = useTownship(townshipUrl);
  const map = useMemo(() => ({ outline, township }), [outline, township]);
  // Set once the page's script runs (it refreshes itself from then on): part of "rendered" for tests and the benchmark.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  // Pages mount when first shown and then stay mounted (charts are reused, not recreated).
  const [visited, setVisited] = useState<ReadonlySet<number>>(() => new Set([0]));
  useEffect(() => {
    setVisited((prev) => (prev.has(active) ? prev : new Set(prev).add(active)));
  }, [active]);

  const overview = data.overview;
  const illustrative = !!overview && overview.headline.some((h) => h.flags.illustrativeTarget);
  const staleMinutes = stale && now !== null ? minutesBetween(lastOkAt ?? now, now) : 0;

  return (
    <div className={styles.viewport} data-screen-root>
      <div
        id="pw-stage"
        ref={stageRef}
        className={styles.stage}
        suppressHydrationWarning
        data-generation={generation}
        data-stale={stale ? 'true' : 'false'}
        data-page={config.pages[active]}
        data-live={live ? 'true' : 'false'}
      >
        <header className={styles.header}>
          <div className={styles.brand}>
            <span className={styles.brandMark} aria-hidden />
            <div>
              <h1>上党区产业布局规划实施监测</h1>
              <p>
                {data.plan?.plan.name ?? '长治市上党区产业布局专项规划（2021-2035年）'}
                {data.plan ? (
                  <span className={styles.horizon}>
                    {data.plan.plan.baseYear} → {data.plan.plan.nearTermYear} → {data.plan.plan.targetYear} → {data.plan.plan.visionYear}
                  </span>
                ) : null}
              </p>
            </div>
          </div>
          <div className={styles.headerRight}>
            {overview?.sample ? <Mark kind="sample">示例数据</Mark> : null}
            {illustrative ? <Mark kind="illustrative">示意目标</Mark> : null}
            {overview ? <span className={styles.headerAsOf}>监测期 {formatPeriodCn(overview.period)}</span> : null}
            {stale ? (
              <span className={styles.staleBadge} role="status" data-testid="stale-badge">
                {lastOkAt === null ? '数据服务连接中…' : staleText(staleMinutes)}
              </span>
            ) : null}
            <Clock now={now} />
            {config.pages.length > 1 ? (
              <span className={styles.pager} aria-label="轮播页面">
                {config.pages.map((p, i) => (
                  <span key={p} className={i === active ? styles.pagerOn : undefined}>
                    {SCREEN_PAGE_TITLES[p]}
                  </span>
                ))}
              </span>
            ) : null}
          </div>
        </header>

        <main className={styles.pages}>
          {overview ? (
            config.pages.map((id, i) => {
              if (!visited.has(i) && i !== active) return null;
              const Page = PAGES[id];
              return (
                <div key={id} className={`${styles.page} ${i === active ? styles.pageOn : ''}`} aria-hidden={i !== active}>
                  <Page data={data} pixelRatio={pixelRatio} map={map} frames={frames} />
                </div>
              );
            })
          ) : (
            <div className={styles.waiting}>
              <strong>正在连接数据服务…</strong>
              <span>大屏会自动重试，数据恢复后即显示{overview === null && data.plan ? `（规划：${data.plan.plan.name}）` : ''}</span>
            </div>
          )}
        </main>

        <footer className={styles.footer}>
          <AlertTicker alerts={data.alerts} />
          {lastOkAt !== null && now !== null ? <span className={`${styles.period} num`}>更新于 {timeText(lastOkAt)}</span> : null}
        </footer>
      </div>
    </div>
  );
}
