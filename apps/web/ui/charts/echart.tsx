'use client';
/**
 * The one ECharts wrapper. Registers only the chart types and components the app uses (tree
 * shaken through `echarts/core`), resizes with its container, disposes on unmount, and
 * updates in place (`notMerge: false, lazyUpdate: true`) so refreshes never flicker. Series,
 * geo, title and y axes carry ids and are replace-merged (UPDATE_OPTIONS): those that
 * disappear from the option disappear from the chart, the others update in place.
 */
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type * as echarts from 'echarts/core';
import { UPDATE_OPTIONS } from './echart-update';
import type { ChartMap, ChartOption } from './types';
import styles from './echart.module.css';

/** What tells two options apart (functions, e.g. formatters, are left out: they follow the data). */
function optionKey(option: ChartOption): string {
  return JSON.stringify(option);
}

export interface EChartClickParams {
  seriesId?: string;
  name: string;
  data: unknown;
}

export interface EChartProps {
  option: ChartOption;
  /** Maps the option refers to (registered before it is set). */
  maps?: readonly ChartMap[];
  /** Accessible description of what the chart shows. */
  ariaLabel: string;
  className?: string;
  style?: CSSProperties;
  /**
   * Canvas pixels per CSS pixel. The wall screen passes devicePixelRatio × its scale so charts
   * stay sharp when the 1920×1080 stage is scaled up to 4K. Changing it re-creates the chart.
   */
  pixelRatio?: number;
  /** Offer a PNG download button (off on the wall screen). File name without extension. */
  exportName?: string;
  /** Background of the exported PNG. */
  exportBackground?: string;
  onClick?: (params: EChartClickParams) => void;
  /** The server-drawn SVG of the first option passed (svg-frame.ts). */
  frame?: string | null;
}

export function EChart({ option, maps, ariaLabel, className, style, pixelRatio, exportName, exportBackground, onClick, frame }: EChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  const optionRef = useRef(option);
  const mapsRef = useRef(maps);
  const [ready, setReady] = useState(false);
  // The frame's option, to tell when the chart must draw something the frame does not show.
  const [frameKey] = useState(() => (frame ? optionKey(option) : null));
  const key = useMemo(() => (frameKey === null ? null : optionKey(option)), [frameKey, option]);
  const [live, setLive] = useState(!frame);
  if (!live && key !== frameKey) setLive(true);

  clickRef.current = onClick;
  optionRef.current = option;
  mapsRef.current = maps;

  // Load the chart code, create (and re-create only when the pixel ratio changes), observe size, dispose.
  useEffect(() => {
    const host = hostRef.current;
    if (!host || !live) return;
    let disposed = false;
    let teardown = () => undefined as void;
    void import('./echarts-runtime').then(({ echarts: runtime, ensureMaps }) => {
      if (disposed) return;
      const chart = runtime.init(host, undefined, {
        renderer: 'canvas',
        devicePixelRatio: pixelRatio ?? window.devicePixelRatio,
        locale: 'ZH',
      });
      chartRef.current = chart;
      ensureMaps(mapsRef.current);
      chart.setOption(optionRef.current);
      chart.on('click', (params) => {
        const p = params as { seriesId?: string; name?: string; data?: unknown };
        clickRef.current?.({ seriesId: p.seriesId, name: p.name ?? '', data: p.data });
      });

      let resizeFrame = 0;
      const observer = new ResizeObserver(() => {
        cancelAnimationFrame(resizeFrame);
        resizeFrame = requestAnimationFrame(() => {
          if (!chart.isDisposed()) chart.resize();
        });
      });
      observer.observe(host);
      setReady(true);
      teardown = () => {
        cancelAnimationFrame(resizeFrame);
        observer.disconnect();
        chart.off('click');
        chart.dispose();
        chartRef.current = null;
        setReady(false);
      };
    });
    return () => {
      disposed = true;
      teardown();
    };
  }, [pixelRatio, live]);

  // Update in place when the option (or its maps) change.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || chart.isDisposed() || !ready) return;
    void import('./echarts-runtime').then(({ ensureMaps }) => {
      if (chart.isDisposed()) return;
      ensureMaps(maps);
      chart.setOption(option, UPDATE_OPTIONS);
    });
  }, [option, maps, ready]);

  const exportPng = () => {
    const chart = chartRef.current;
    if (!chart || !exportName) return;
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: exportBackground ?? '#ffffff' });
    const link = document.createElement('a');
    link.href = url;
    link.download = `${exportName}.png`;
    link.click();
  };

  return (
    <div className={`${styles.wrap} ${className ?? ''}`} style={style} data-chart={ready ? 'live' : frame ? 'frame' : 'loading'}>
      <div ref={hostRef} className={styles.host} role="img" aria-label={ariaLabel} />
      {frame && !ready ? <div className={styles.frame} aria-hidden dangerouslySetInnerHTML={{ __html: frame }} /> : null}
      {exportName ? (
        <button type="button" className={styles.export} onClick={exportPng} title="导出为PNG图片">
          导出PNG
        </button>
      ) : null}
    </div>
  );
}
